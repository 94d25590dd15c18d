"""Tenancy on every path: a generic walk over every registered view, action, route and API
resource. A centre user never reaches a row outside their scope: 404 on every row route, absent
from lists, drop-downs, search widgets and exports. A new view is covered without editing this
file; it fails when the demo data has no foreign row to try (add demo rows for both centres)."""
from __future__ import annotations

import io
import re

import pytest
from flask_appbuilder import ModelView
from flask_appbuilder.api import ModelRestApi
from sqlalchemy import Enum, String, not_, select

from app.models.centres import ExamUser
from app.security.context import viewer_for
from app.security.scope import is_tenant_scoped, tenant_clause
from app.views.base import ExamModelView

CENTRE_USERS = ["paris.manager", "paris.staff", "paris.evaluator"]
MAX_ROWS = 15
MARKER = "LEAKZ"


def _viewer(session, username):
    return viewer_for(session.scalar(select(ExamUser).where(ExamUser.username == username)))


def _pk(model):
    return model.__mapper__.primary_key[0]


def foreign_pks(session, model, viewer) -> list:
    clause = tenant_clause(model, viewer)
    stmt = select(_pk(model)).order_by(_pk(model))
    if clause is not None:
        stmt = stmt.where(not_(clause))
    else:
        return []
    return list(session.scalars(stmt.limit(MAX_ROWS)))


def own_pks(session, model, viewer) -> list:
    clause = tenant_clause(model, viewer)
    stmt = select(_pk(model)).order_by(_pk(model))
    if clause is not None:
        stmt = stmt.where(clause)
    return list(session.scalars(stmt.limit(MAX_ROWS)))


def marker_column(model, view=None):
    """A plain text column to stamp foreign rows with, preferring one the list shows."""
    columns = [c for c in model.__table__.columns
               if isinstance(c.type, String) and not isinstance(c.type, Enum)
               and not c.primary_key and not c.foreign_keys
               and (c.type.length is None or c.type.length >= 16)]
    shown = [c for c in columns if view is not None and c.key in (view.list_columns or [])]
    return (shown or columns or [None])[0]


def stamp_foreign_rows(session, model, pks):
    column = marker_column(model)
    if column is None:
        return
    for pk in pks:
        row = session.get(model, pk)
        setattr(row, column.key, f"{MARKER}{pk}")
    session.commit()


def scoped_views(app):
    return [v for v in app.appbuilder.baseviews
            if isinstance(v, ModelView) and is_tenant_scoped(v.datamodel.obj)]


def scoped_apis(app):
    return [v for v in app.appbuilder.baseviews
            if isinstance(v, ModelRestApi) and is_tenant_scoped(v.datamodel.obj)]


def body_text(response) -> str:
    ctype = response.headers.get("Content-Type", "")
    data = response.get_data()
    if "spreadsheetml" in ctype:
        from openpyxl import load_workbook

        wb = load_workbook(io.BytesIO(data), read_only=True)
        return "\n".join(str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True)
                         for c in row if c is not None)
    if "pdf" in ctype:
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages)
    return data.decode("utf-8", "replace")


def select_options(html: str, name: str) -> set[str]:
    values = set()
    for match in re.finditer(r'<select[^>]*name="%s"[^>]*>(.*?)</select>' % re.escape(name), html,
                             re.S):
        values |= set(re.findall(r'<option[^>]*value="([^"]*)"', match.group(1)))
    return values


def test_every_crud_view_derives_from_the_base_view(app):
    views = [v for v in app.appbuilder.baseviews if isinstance(v, ModelView)]
    offenders = [type(v).__name__ for v in views if not isinstance(v, ExamModelView)
                 and type(v).__module__.startswith("app.")]
    assert views and offenders == []


def test_the_walk_has_something_to_walk(app):
    assert len(scoped_views(app)) >= 3
    assert len(scoped_apis(app)) >= 1


@pytest.mark.parametrize("username", CENTRE_USERS)
def test_centre_user_never_reaches_a_foreign_row_on_any_view(app, db_session, login_as, username):
    viewer = _viewer(db_session, username)
    client = login_as(username)
    sm = app.appbuilder.sm
    for view in scoped_views(app):
        model = view.datamodel.obj
        foreign = foreign_pks(db_session, model, viewer)
        assert foreign, f"{type(view).__name__}: the demo data has no row outside {username}'s scope"
        stamp_foreign_rows(db_session, model, foreign)
        _walk_row_routes(app, client, view, foreign, username)
        _walk_pageless_routes(app, client, view, foreign)
        _walk_forms(app, db_session, client, view, viewer)
    assert sm is not None


def _walk_row_routes(app, client, view, foreign, username):
    blueprint = view.blueprint.name
    rules = [r for r in app.url_map.iter_rules() if r.endpoint.startswith(blueprint + ".")
             and "pk" in r.arguments]
    assert rules, f"{blueprint}: no row route found"
    for pk in foreign:
        for rule in rules:
            values = {a: "x" for a in rule.arguments}
            values["pk"] = pk
            if "name" in rule.arguments:  # actions
                names = list(view.actions) or ["noop"]
            else:
                names = [None]
            for name in names:
                if name is not None:
                    values["name"] = name
                path = rule.build(values)[1]
                for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                    data = {"csrf_token": client.csrf}
                    response = client.open(path, method=method, data=data)
                    assert response.status_code in (404, 403), (
                        f"{username} {method} {path} answered {response.status_code} for a "
                        f"foreign row")
                    assert MARKER not in response.get_data(as_text=True)
        for name in view.actions:
            response = client.post(f"{view.route_base}/action_post",
                                   data={"action": name, "rowid": [pk],
                                         "csrf_token": client.csrf})
            assert response.status_code in (404, 403), (
                f"{username} action_post {name} on a foreign row answered "
                f"{response.status_code}")


def _walk_pageless_routes(app, client, view, foreign):
    """Lists, exports and every other GET route of the view: no foreign row shows."""
    blueprint = view.blueprint.name
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith(blueprint + ".") or "GET" not in rule.methods:
            continue
        if rule.arguments - {"fmt", "format"}:
            continue
        fmts = ["csv", "xlsx", "pdf"] if rule.arguments & {"fmt", "format"} else [None]
        for fmt in fmts:
            values = {a: fmt for a in rule.arguments}
            path = rule.build(values)[1]
            response = client.get(path + f"?psize_{type(view).__name__}=100")
            if response.status_code in (403, 302, 404, 405):
                continue
            text = body_text(response)
            assert MARKER not in text, f"{path} shows a foreign row"
            if rule.endpoint.endswith(".list") and response.status_code == 200:
                shown = set(re.findall(rf"{re.escape(view.route_base)}/show/(\d+)", text))
                assert not shown & {str(pk) for pk in foreign}, f"{path} lists a foreign row"


def _walk_forms(app, db_session, client, view, viewer):
    """Relation drop-downs of the add, edit and search forms offer no foreign row."""
    from app.security.filters import scoped_relations

    model = view.datamodel.obj
    relations = scoped_relations(model)
    if not relations:
        return
    pages = [f"{view.route_base}/list/", f"{view.route_base}/add"]
    own = own_pks(db_session, model, viewer)
    if own:
        pages.append(f"{view.route_base}/edit/{own[0]}")
    for page in pages:
        response = client.get(page)
        if response.status_code != 200:
            continue
        html = response.get_data(as_text=True)
        for key in relations:
            prop = model.__mapper__.relationships[key]
            foreign = {str(pk) for pk in foreign_pks(db_session, prop.mapper.class_, viewer)}
            offered = select_options(html, key)
            assert not offered & foreign, f"{page}: the {key} drop-down offers a foreign row"


@pytest.mark.parametrize("username", CENTRE_USERS)
def test_centre_user_never_reaches_a_foreign_row_through_the_api(app, db_session, api_token,
                                                                  username):
    viewer = _viewer(db_session, username)
    headers = {"Authorization": f"Bearer {api_token(username)}"}
    client = app.test_client()
    for api in scoped_apis(app):
        model = api.datamodel.obj
        foreign = foreign_pks(db_session, model, viewer)
        assert foreign, f"{api.resource_name}: no foreign row in the demo data"
        base = f"/api/v1/{api.resource_name}/"
        for pk in foreign:
            for method in ("GET", "PUT", "DELETE"):
                response = client.open(f"{base}{pk}", method=method, headers=headers,
                                       json={} if method == "PUT" else None)
                assert response.status_code in (404, 403), (
                    f"{username} {method} {base}{pk} answered {response.status_code}")
        listing = client.get(base + "?q=(page_size:100)", headers=headers)
        if listing.status_code == 200:
            ids = set(listing.json.get("ids", []))
            assert not ids & set(foreign), f"{base} lists a foreign row"
        info = client.get(base + "_info", headers=headers)
        if info.status_code == 200:
            offered = set()
            for section in ("add_columns", "edit_columns"):
                for col in info.json.get(section, []):
                    offered |= {v.get("id") for v in col.get("values", []) or []}
            for key, _ in __import__("app.security.filters", fromlist=["x"]).scoped_relations(
                    model).items():
                rel = model.__mapper__.relationships[key].mapper.class_
                assert not offered & set(foreign_pks(db_session, rel, viewer))
