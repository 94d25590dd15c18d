"""The mission list as the seed (003, 4.1): Spécialité, Épreuve-option, "Nbr itv.", the exam
filter offering only the exams of the viewer's missions, the seed's states, and a mission
without commission showing nothing in that field."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.models.missions.missions import Mission
from app.models.reference import Product

ALL = "year=all&attested=1"


def _exam(db_session, code):
    return db_session.scalar(select(Product).where(Product.code == code))


def test_the_list_has_the_seeds_columns(login_as):
    page = login_as("paris.manager").get(f"/missionview/list/?{ALL}").text
    for header in ("Spécialité", "Épreuve option", "Nbr itv.", "Session d'examen"):
        assert header in page, header
    assert "BCG - BACCALAUREAT GENERAL" in page and "1-T002-1 - Français oral" in page


def test_the_exam_filter_keeps_the_chosen_exams(login_as, db_session):
    bcg, tefcan = _exam(db_session, "BCG"), _exam(db_session, "TEFCAN")
    year = date.today().year
    client = login_as("paris.manager")
    page = client.get(f"/missionview/list/?{ALL}&exam={bcg.id}").text
    assert f"PAR-{year}-103" in page
    assert f"PAR-{year}-101" not in page and f"PAR-{year}-102" not in page
    assert f'<option value="{bcg.id}" selected>' in page
    page = client.get(f"/missionview/list/?{ALL}&exam={bcg.id}&exam={tefcan.id}").text
    assert all(f"PAR-{year}-10{n}" in page for n in (1, 2, 3))
    # the filter offers only the exams of the centre's missions
    assert f'<option value="{_exam(db_session, "CIMA").id}"' not in page


def test_a_mission_without_commission_shows_nothing_there(login_as, db_session):
    mission = db_session.scalar(select(Mission).where(
        Mission.number == f"PAR-{date.today().year}-103"))
    assert mission.commissions == []
    page = login_as("paris.manager").get(f"/missionview/show/{mission.id}").text
    assert "[]" not in page


def test_the_states_are_the_seeds(login_as):
    page = login_as("paris.manager").get(f"/missionview/list/?{ALL}").text
    assert "Mission non effectuée" in page  # the demo's missions to come
    assert "Mission commencée" not in page  # none is practical
