"""Menus and dashboard per programme: a centre that runs only language tests and CIMA shows no
Le Robert nor mission menu to its users; body staff see every menu; every dashboard counter
links to the list it counts, with the same number of rows."""
import re

import pytest
from sqlalchemy import select

from app.models.centres import Centre
from app.services.centres.programmes import set_programmes


def _menu(page: str) -> str:
    return page.split('class="nav navbar-nav"', 1)[1].split("navbar-right", 1)[0]


@pytest.fixture()
def tef_cima_paris(db_session):
    centre = db_session.scalar(select(Centre).where(Centre.code == "PAR-0750001"))
    set_programmes(centre, ["language_tests", "cima"])
    db_session.commit()
    return centre


def test_a_tef_cima_centre_sees_no_le_robert_nor_missions_menu(tef_cima_paris, login_as):
    menu = _menu(login_as("paris.manager").get("/").text)
    assert "/examsessionview/list/" in menu
    assert "/certificationorderview/" not in menu and "/missionview/" not in menu
    dashboard = login_as("paris.manager").get("/").text
    assert 'id="dashboard-certs"' not in dashboard


def test_body_staff_still_see_every_menu(tef_cima_paris, login_as):
    menu = _menu(login_as("support").get("/").text)
    assert "/certificationorderview/" in menu and "/missionview/" in menu


def test_the_manager_declares_the_programmes_in_the_centre_settings(db_session, login_as):
    client = login_as("paris.manager")
    page = client.get("/centre-settings/").text
    fields = dict(re.findall(r'name="([a-z_]+)" value="([^"]*)"', page))
    fields.update({k: v for k, v in re.findall(
        r'<select id="f-([a-z_]+)" name="[a-z_]+"[^>]*>.*?<option value="([^"]+)"\s+selected',
        page, re.S)})
    data = {**fields, "programmes": ["le_robert"], "csrf_token": client.csrf}
    response = client.post("/centre-settings/", data=data)
    assert response.status_code == 302, response.text[:500]
    centre = db_session.scalar(select(Centre).where(Centre.code == "PAR-0750001"))
    db_session.refresh(centre)
    assert (centre.runs_le_robert, centre.runs_language_tests, centre.runs_missions) == (
        True, False, False)


COUNTERS = ["count-centres", "count-products", "count-prices", "count-agreements",
            "count-renewals"]


@pytest.mark.parametrize("counter", COUNTERS)
def test_a_dashboard_counter_opens_the_list_it_counts(login_as, counter):
    client = login_as("support")
    page = client.get("/").text
    number = int(re.search(rf'id="{counter}">(\d+)<', page)[1])
    link = re.search(rf'href="([^"]+)" id="{counter}-link"', page)[1].replace("&amp;", "&")
    listed = client.get(link).text
    rows = len(re.findall(r'class="action_check" name="rowid"|<tr>\s*<td><center>', listed))
    count = re.search(r"(?:Nombre d'enregistrements|Record Count)\D*(\d+)", listed)
    shown = int(count[1]) if count else rows
    assert shown == number, f"{counter}: {shown} listed, {number} counted ({link})"
