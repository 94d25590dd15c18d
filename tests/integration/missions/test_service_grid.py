"""The service-done grid of a mission: every convoked person on one page, one save, the same
rules as one convocation at a time (nothing saved while a row is wrong)."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.models.centres import Centre
from app.models.missions.missions import (
    Convocation,
    ExpensesStatus,
    Mission,
    MissionType,
    Remuneration,
)
from app.models.missions.staff import StaffMember
from app.models.reference import Product


def _mission(db_session, number, remuneration, kind):
    paris = db_session.scalar(select(Centre).where(Centre.code == "PAR-0750001"))
    today = date.today()
    row = Mission(number=number, exam_session="TEF, TEFCAN, grille", type=kind,
                  product=db_session.scalar(select(Product).where(Product.code == "TEFCAN")),
                  centre=paris, starts_on=today - timedelta(days=4),
                  ends_on=today - timedelta(days=2), open_to_centre=True,
                  remuneration=remuneration)
    people = [StaffMember(identifier=f"{number}-{i}", last_name=name, first_name="Anne",
                          centre=paris, professional_email=f"{number}{i}@ac.examdesk.local")
              for i, name in enumerate(["Aubert", "Bernard", "Chevalier"])]
    db_session.add_all([row, *people])
    db_session.commit()
    return row, people


def _convoke(client, db_session, mission, people):
    day = mission.starts_on
    client.post(f"/missionview/convoke/{mission.id}", data={
        "csrf_token": client.csrf, "staff": [str(p.id) for p in people],
        "dates": f"{day:%d/%m/%Y} 08:00-12:00\n{day + timedelta(days=1):%d/%m/%Y} 08:00-17:00"},
        follow_redirects=True)
    made = db_session.scalars(select(Convocation).where(
        Convocation.mission_id == mission.id)).all()
    assert len(made) == len(people)
    return {c.staff_member.last_name: c for c in made}


@pytest.fixture()
def written(db_session):
    return _mission(db_session, "PAR-G-001", Remuneration.WRITTEN, MissionType.MARKING)


def test_every_convoked_person_on_one_page_saved_at_once(login_as, db_session, written):
    mission, people = written
    client = login_as("paris.manager")
    made = _convoke(client, db_session, mission, people)
    page = client.get(f"/missionview/service_grid/{mission.id}").text
    assert all(f"{p.last_name.upper()} Anne" in page or p.last_name in page for p in people)
    a, b, c = made["Aubert"], made["Bernard"], made["Chevalier"]
    form = {"csrf_token": client.csrf, f"done-{a.id}": "y", f"scripts-{a.id}": "25",
            f"done-{b.id}": "n", f"reason-{b.id}": "", f"done-{c.id}": "y",
            f"scripts-{c.id}": "1200"}
    refused = client.post(f"/missionview/service_grid/{mission.id}", data=form)
    assert refused.status_code == 422
    assert f'id="error-{b.id}-not_done_reason"' in refused.text
    assert f'id="error-{c.id}-scripts"' in refused.text
    assert 'value="1200"' in refused.text  # what was typed is kept
    for conv in (a, b, c):
        db_session.refresh(conv)
        assert conv.service is None  # nothing saved while a row is wrong
    form.update({f"reason-{b.id}": "Malade", f"scripts-{c.id}": "120"})
    saved = client.post(f"/missionview/service_grid/{mission.id}", data=form)
    assert saved.status_code == 302
    for conv in (a, b, c):
        db_session.refresh(conv)
    assert (a.service.done, a.service.scripts) == (True, 25)
    assert (b.service.done, b.service.not_done_reason) == (False, "Malade")
    assert b.expenses_status == ExpensesStatus.CANCELLED
    assert c.service.scripts == 120
    again = client.get(f"/missionview/service_grid/{mission.id}").text
    assert 'value="25"' in again and 'value="Malade"' in again


def test_hours_per_half_day_of_a_practical_mission(login_as, db_session):
    mission, people = _mission(db_session, "PAR-G-002", Remuneration.PRACTICAL,
                               MissionType.ORAL)
    client = login_as("paris.manager")
    made = _convoke(client, db_session, mission, people[:1])
    conv = made["Aubert"]
    first, second = mission.starts_on, mission.starts_on + timedelta(days=1)
    response = client.post(f"/missionview/service_grid/{mission.id}", data={
        "csrf_token": client.csrf, f"done-{conv.id}": "y",
        f"am-{conv.id}-{first:%Y%m%d}": "4", f"pm-{conv.id}-{first:%Y%m%d}": "",
        f"am-{conv.id}-{second:%Y%m%d}": "3,5", f"pm-{conv.id}-{second:%Y%m%d}": "4"})
    assert response.status_code == 302
    db_session.refresh(conv)
    assert conv.service.half_day_hours == (f"{first:%d/%m/%Y} 4 0\n"
                                           f"{second:%d/%m/%Y} 3,5 4")


def test_another_centre_cannot_open_the_grid(login_as, db_session, written):
    mission, people = written
    _convoke(login_as("paris.manager"), db_session, mission, people)
    assert login_as("lyon.manager").get(
        f"/missionview/service_grid/{mission.id}").status_code == 404


def test_the_mission_list_has_the_seed_columns_and_states(login_as, db_session, written):
    mission, people = written
    client = login_as("paris.manager")
    _convoke(client, db_session, mission, people)
    listing = client.get("/missionview/list/").text
    for header in ("Spécialité", "Épreuve option", "Nbr itv."):
        assert header in listing, header
    assert "Mission effectuée" in listing  # its dates passed, nobody attested yet
    page = client.get(f"/missionview/show/{mission.id}").text
    assert "[]" not in page
