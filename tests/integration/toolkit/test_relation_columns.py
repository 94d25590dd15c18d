"""Relation columns of a list are searched and sorted by what their cells show: "TEF" finds the
registrations of TEF sessions (the product name is in the Session cell); Session, Candidat and
Produit sort by the text their cells start with, in the list and in its exports."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from tests.integration.toolkit.list_helpers import list_table, read_csv

REGISTRATIONS = "/registrationview"


def _rows(client, base, query):
    name = {"/registrationview": "RegistrationView", "/pricelistview": "PriceListView"}[base]
    page = client.get(f"{base}/list/?psize_{name}=100&{query}")
    assert page.status_code == 200, page.text[:300]
    return list_table(page.text)


def test_tef_finds_the_registrations_of_tef_sessions(login, db_session):
    expected = db_session.execute(text(
        "SELECT count(*) FROM registration r JOIN exam_session s ON s.id = r.session_id "
        "JOIN product p ON p.id = s.product_id WHERE upper(p.name) LIKE '%TEF%' "
        "OR upper(p.code) LIKE '%TEF%' OR upper(s.number) LIKE '%TEF%' "
        "OR upper(r.number) LIKE '%TEF%'")).scalar()
    assert expected > 0
    columns, rows = _rows(login("support"), REGISTRATIONS, "q=TEF")
    assert len(rows) == expected
    session = columns.index("session")
    assert all("TEF" in row[session] for row in rows)


def test_a_keyword_in_a_candidate_name_finds_the_registration(login, db_session):
    name = db_session.execute(text(
        "SELECT c.last_name FROM registration r JOIN candidate c ON c.id = r.candidate_id "
        "ORDER BY r.id LIMIT 1")).scalar()
    columns, rows = _rows(login("support"), REGISTRATIONS, f"q={name}")
    assert rows and all(name.lower() in row[columns.index("candidate")].lower() for row in rows)


@pytest.mark.parametrize("direction", ["asc", "desc"])
def test_registrations_sort_by_session_and_candidate(login, db_session, direction):
    client = login("support")
    for column, sql in (("session", "s.number"), ("candidate", "c.last_name, c.first_name")):
        order = ", ".join(f"{part} {direction}" for part in sql.split(", "))
        expected = [r[0] for r in db_session.execute(text(
            "SELECT r.number FROM registration r JOIN exam_session s ON s.id = r.session_id "
            f"JOIN candidate c ON c.id = r.candidate_id ORDER BY {order}, r.id {direction} "
            "LIMIT 100"))]
        columns, rows = _rows(client, REGISTRATIONS,
                              f"_oc_RegistrationView={column}&_od_RegistrationView={direction}")
        assert [row[columns.index("number")] for row in rows] == expected, column
        exported = read_csv(client.get(
            f"{REGISTRATIONS}/export/csv?_oc_RegistrationView={column}"
            f"&_od_RegistrationView={direction}").get_data())
        assert [row[columns.index("number")] for row in exported[1:101]] == expected


def test_price_lists_sort_by_product(login, db_session):
    client = login("support")
    columns, rows = _rows(client, "/pricelistview",
                          "_oc_PriceListView=product&_od_PriceListView=asc")
    products = [row[columns.index("product")] for row in rows]
    assert len(set(products)) > 1
    assert products == sorted(products, key=lambda shown: shown.split(" - ")[0])
    page = client.get("/registrationview/list/").text
    assert "_oc_RegistrationView=session" in page  # the header offers the sort


def test_a_centre_cell_is_searched_by_what_it_shows_not_its_time_zone(login, db_session):
    # Every centre is in the "Europe/Paris" time zone: "Paris" must find Paris's rows only.
    page = login("manager").get("/allowanceview/list/?q=Paris")
    assert page.status_code == 200
    columns, rows = list_table(page.text)
    centres = {row[columns.index("centre")] for row in rows}
    assert centres and all("Paris" in centre for centre in centres)
