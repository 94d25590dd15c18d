"""docs/permissions.md is generated from the code and kept up to date."""
from pathlib import Path

from app.security.docs import render_permissions_markdown


def test_permissions_doc_is_up_to_date(app):
    with app.app_context():
        expected = render_permissions_markdown(app.appbuilder)
    path = Path(__file__).resolve().parents[3] / "docs" / "permissions.md"
    assert path.read_text(encoding="utf-8") == expected, (
        "docs/permissions.md is out of date: run `flask --app run docs permissions`")


def test_every_granted_view_exists(app):
    from app.security.roles import GRANTS

    names = {v.class_permission_name for v in app.appbuilder.baseviews}
    menus = {item.name for item in app.appbuilder.menu.get_list()}
    for item in app.appbuilder.menu.get_list():
        menus |= {child.name for child in item.childs or []}
    unknown = {view for view, _, _ in GRANTS} - names - menus - {"OpenApi"}
    assert unknown == set()
