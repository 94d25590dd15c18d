"""Filter values are read as their column's type before they reach the database: yes/no, amounts
and numbers that fit the column filter the rows on SQLite and PostgreSQL alike (PostgreSQL
refused `boolean = varchar` and `numeric = varchar`, a 500); what cannot be read is refused
with a message in the user's language (lists, exports and the API)."""
from __future__ import annotations

from urllib.parse import quote

from sqlalchemy import func, select

from app.models.reference import Product
from tests.integration.toolkit.list_helpers import list_table

PRODUCTS = "/productview"
ACTIVE = 0  # FAB's filters of a boolean column: 0 "Equal to", 1 "Not Equal to"


def _count(db_session, *where) -> int:
    return db_session.scalar(select(func.count(Product.id)).where(*where))


def _rows(client, query):
    page = client.get(f"{PRODUCTS}/list/?{query}&psize_ProductView=100")
    assert page.status_code == 200, page.status_code
    return page, list_table(page.text)[1]


def test_a_yes_no_filter_keeps_the_rows_with_that_value(login_as, db_session):
    client = login_as("admin")
    inactive = _count(db_session, Product.active.is_(False))
    active = _count(db_session, Product.active.is_(True))
    assert active and active <= 100
    for value in ("y", "oui", "true"):
        _, rows = _rows(client, f"_flt_{ACTIVE}_active={value}")
        assert len(rows) == active, value
    _, rows = _rows(client, f"_flt_{ACTIVE}_active=n")
    assert len(rows) == inactive


def test_an_unreadable_yes_no_value_is_ignored_with_a_message(login_as, db_session):
    client = login_as("admin")
    page, rows = _rows(client, f"_flt_{ACTIVE}_active=peut-%C3%AAtre")
    assert len(rows) == min(_count(db_session), 100)
    assert "n'est pas valide et a été ignorée" in page.text.replace("&#39;", "'")
    export = client.get(f"{PRODUCTS}/export/csv?_flt_{ACTIVE}_active=peut-%C3%AAtre")
    assert export.status_code == 200


def test_api_filters_read_yes_no_and_refuse_what_does_not_fit(app, api_token, db_session):
    headers = {"Authorization": f"Bearer {api_token('admin')}", "Accept-Language": "fr"}
    client = app.test_client()
    rison = "(filters:!((col:active,opr:eq,value:'y')),page_size:100)"
    response = client.get("/api/v1/product/?q=" + quote(rison), headers=headers)
    assert response.status_code == 200
    assert response.json["count"] == _count(db_session, Product.active.is_(True))
    for value in ("'sometimes'", "'-1'", "!(1)"):
        rison = f"(filters:!((col:active,opr:eq,value:{value})))"
        response = client.get("/api/v1/product/?q=" + quote(rison), headers=headers)
        assert response.status_code == 400, value
        assert "n'est pas valide" in response.json["message"]


def test_a_number_beyond_what_the_id_column_holds_is_refused_not_sent(app, api_token):
    """3,000,000,000 fits 64 bits but not PostgreSQL's integer (the id column)."""
    headers = {"Authorization": f"Bearer {api_token('paris.manager')}"}
    client = app.test_client()
    for column in ("id", "conversation"):
        rison = f"(filters:!((col:{column},opr:eq,value:'3000000000')))"
        response = client.get("/api/v1/message/?q=" + quote(rison), headers=headers)
        assert response.status_code == 400, (column, response.status_code)


def test_a_relation_filter_beyond_the_id_column_is_ignored_with_a_message(login_as):
    client = login_as("admin")
    page = client.get("/centreview/list/?_flt_0_support_contact=3000000000")
    assert page.status_code == 200
    assert "pas valide et a été ignorée" in page.text.replace("&#39;", "'")
