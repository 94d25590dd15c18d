"""The IMAG'IN lists have the full list toolkit beside the seed's extracts: keyword search,
column chooser, exports xlsx / CSV / PDF of exactly what the list shows; and the staff list's
period filters say in French what they cannot use, keeping what was typed."""
from __future__ import annotations

import csv
import io
from datetime import date

import pdfplumber
import pytest
from openpyxl import load_workbook

LISTS = ["/staffmemberview/list/", "/missionview/list/?year=all&attested=1",
         "/competenceview/list/", "/convocationview/list/", "/unavailabilityview/list/",
         "/allowanceview/list/"]


@pytest.mark.parametrize("url", LISTS)
def test_each_list_has_the_toolbar_beside_its_extracts(login_as, url):
    page = login_as("paris.manager").get(url).text
    assert 'id="list-toolkit"' in page, url
    assert 'id="list-keyword"' in page and 'id="export-xlsx"' in page
    assert 'id="export-csv"' in page and 'id="export-pdf"' in page


def test_staff_keyword_search_and_the_seeds_extracts_stay(login_as):
    client = login_as("paris.manager")
    page = client.get("/staffmemberview/list/?q=Couleau").text
    assert "Couleau" in page and "Garnier" not in page
    assert "/staffmemberview/extract/csv?kind=staff" in page  # the seed's extracts


def test_staff_export_is_what_the_list_shows(login_as):
    client = login_as("paris.manager")
    data = client.get("/staffmemberview/export/csv?q=Couleau&_cols=last_name,first_name")
    assert data.status_code == 200
    rows = list(csv.reader(io.StringIO(data.get_data(as_text=True).lstrip("\ufeff")),
                           delimiter=";"))
    assert rows[0] == ["Nom", "Prénom"] and rows[1:] == [["Couleau", "Roberta"]]
    book = load_workbook(io.BytesIO(client.get(
        "/staffmemberview/export/xlsx?q=Couleau").get_data()))
    values = [c.value for row in book.active.iter_rows() for c in row]
    assert "Couleau" in values and "Garnier" not in values


def test_mission_export_keeps_the_exam_filter(login_as, db_session):
    from sqlalchemy import select

    from app.models.reference import Product

    bcg = db_session.scalar(select(Product).where(Product.code == "BCG"))
    client = login_as("paris.manager")
    response = client.get(f"/missionview/export/pdf?year=all&attested=1&exam={bcg.id}")
    assert response.status_code == 200
    with pdfplumber.open(io.BytesIO(response.get_data())) as pdf:
        text = "\n".join(p.extract_text() for p in pdf.pages)
    year = date.today().year
    assert f"PAR-{year}-103" in text and f"PAR-{year}-101" not in text


def test_competence_column_chooser(login_as):
    client = login_as("paris.manager")
    page = client.get("/competenceview/list/?_cols=staff_member,component").text
    header = page.split("<thead")[1].split("</thead>")[0]
    assert "Épreuve option" in header and "Auteurs" not in header


def test_staff_period_mistakes_are_said_in_french_and_kept(login_as):
    page = login_as("paris.manager").get(
        "/staffmemberview/list/?available_from=20/03/2027&available_to=16/03/2027"
        "&convoked_from=31/02/2027").text
    assert "Disponibles du … au … : La fin de la période doit suivre son début." in page
    assert "Convoqués du … au … : « 31/02/2027 » n&#39;est pas une date (JJ/MM/AAAA)." in page
    assert 'value="20/03/2027"' in page and 'value="31/02/2027"' in page
