"""Unavailabilities typed in French (dates, half-days, hours) by a centre and by the staff member
themselves; the list shows what was typed and the overlap check agrees with it."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from app.models.centres import Centre
from app.models.missions.missions import Convocation, Mission, MissionType, Remuneration
from app.models.missions.staff import StaffMember, Unavailability
from app.models.reference import Product

DAY = date(2027, 3, 16)  # winter time: Paris is UTC+1


@pytest.fixture()
def paris(db_session):
    return db_session.scalar(select(Centre).where(Centre.code == "PAR-0750001"))


@pytest.fixture()
def teacher(db_session, paris):
    person = StaffMember(identifier="T-U01", last_name="Garnier", first_name="Élise",
                         post_discipline="LETTRES MODERNES", centre=paris,
                         professional_email="elise.garnier@ac.examdesk.local")
    db_session.add(person)
    db_session.commit()
    return person


@pytest.fixture()
def mission(db_session, paris):
    row = Mission(number="PAR-U-001", exam_session="TEF, TEFCAN, mars 2027",
                  type=MissionType.ORAL, centre=paris, starts_on=DAY - timedelta(days=1),
                  ends_on=DAY + timedelta(days=1), open_to_centre=True,
                  product=db_session.scalar(select(Product).where(Product.code == "TEFCAN")),
                  remuneration=Remuneration.ORAL)
    db_session.add(row)
    db_session.commit()
    return row


def declare(client, person, **fields):
    data = {"csrf_token": client.csrf, "staff_member": str(person.id), "reason": "Stage",
            "period": "day", "start_day": "", "end_day": "", "start_time": "", "end_time": ""}
    data.update(fields)
    return client.post("/unavailabilityview/add", data=data)


def test_a_centre_declares_hours_in_french_and_the_list_shows_them(login_as, db_session,
                                                                  teacher):
    client = login_as("paris.manager")
    response = declare(client, teacher, start_day="16/03/2027", period="hours",
                       start_time="10:00", end_time="12:00", reason="Rendez-vous médical")
    assert response.status_code == 302, response.text
    row = db_session.scalar(select(Unavailability).where(
        Unavailability.staff_member_id == teacher.id))
    assert (row.starts_at, row.ends_at) == (datetime(2027, 3, 16, 9, 0),
                                            datetime(2027, 3, 16, 11, 0))  # stored in UTC
    listing = client.get("/unavailabilityview/list/").text
    assert "16/03/2027 10:00" in listing and "16/03/2027 12:00" in listing


def test_a_morning_over_two_days_and_whole_days(login_as, db_session, teacher):
    client = login_as("paris.manager")
    declare(client, teacher, start_day="16/03/2027", end_day="17/03/2027", period="morning")
    declare(client, teacher, start_day="01/06/2027", end_day="30/06/2027", period="day")
    rows = db_session.scalars(select(Unavailability).where(
        Unavailability.staff_member_id == teacher.id).order_by(Unavailability.starts_at)).all()
    assert [(r.starts_at, r.ends_at) for r in rows] == [
        (datetime(2027, 3, 16, 7, 0), datetime(2027, 3, 17, 11, 0)),
        (datetime(2027, 5, 31, 22, 0), datetime(2027, 6, 30, 21, 59))]


def test_an_unavailability_from_10_to_12_blocks_a_convocation_at_11(login_as, db_session,
                                                                   teacher, mission):
    client = login_as("paris.manager")
    declare(client, teacher, start_day="16/03/2027", period="hours", start_time="10:00",
            end_time="12:00")
    page = client.post(f"/missionview/convoke/{mission.id}", data={
        "csrf_token": client.csrf, "staff": [str(teacher.id)],
        "dates": "16/03/2027 11:00-13:00"}, follow_redirects=True).text
    assert db_session.scalar(select(Convocation).where(
        Convocation.mission_id == mission.id)) is None
    assert "10:00" in page and "12:00" in page
    # 12:00-14:00 touches it without overlapping: accepted.
    client.post(f"/missionview/convoke/{mission.id}", data={
        "csrf_token": client.csrf, "staff": [str(teacher.id)],
        "dates": "16/03/2027 12:00-14:00"}, follow_redirects=True)
    assert db_session.scalar(select(Convocation).where(
        Convocation.mission_id == mission.id)) is not None


def test_a_wrong_entry_keeps_what_was_typed_and_names_the_field(login_as, db_session,
                                                                teacher):
    client = login_as("paris.manager")
    response = declare(client, teacher, start_day="16/03/2027", period="hours",
                       start_time="14:30", end_time="25h", reason="Jury d'appel")
    assert response.status_code == 422
    assert "25h" in response.text and "14:30" in response.text
    assert "Jury d&#39;appel" in response.text or "Jury d'appel" in response.text
    assert "HH:MM" in response.text
    assert db_session.scalar(select(Unavailability).where(
        Unavailability.staff_member_id == teacher.id)) is None


def test_the_staff_member_declares_their_own_and_no_one_else_s(login_as, db_session, teacher):
    client = login_as("paris.evaluator")
    own = db_session.scalar(select(StaffMember).join(StaffMember.user).where(
        StaffMember.user.has(username="paris.evaluator")))
    assert own is not None
    response = declare(client, own, start_day="16/03/2027", period="afternoon")
    assert response.status_code == 302, response.text
    row = db_session.scalar(select(Unavailability).where(
        Unavailability.staff_member_id == own.id, Unavailability.reason == "Stage"))
    assert (row.starts_at, row.ends_at) == (datetime(2027, 3, 16, 12, 0),
                                            datetime(2027, 3, 16, 17, 0))
    refused = declare(client, teacher, start_day="16/03/2027")
    assert refused.status_code != 302
    assert db_session.scalar(select(Unavailability).where(
        Unavailability.staff_member_id == teacher.id)) is None


def test_an_impossible_date_is_refused_with_its_reason_and_kept(login_as, db_session, teacher):
    client = login_as("paris.manager")
    response = declare(client, teacher, start_day="31/02/2027", period="morning")
    assert response.status_code == 422
    assert "31/02/2027 n&#39;est pas une date du calendrier" in response.text or (
        "31/02/2027 n'est pas une date du calendrier" in response.text)
    assert 'value="31/02/2027"' in response.text
