"""A head of exam centre convokes, downloads, attests and distributes; others see none of it."""
from __future__ import annotations

import io
import zipfile
from datetime import date, timedelta
from decimal import Decimal

import pdfplumber
import pytest
from sqlalchemy import select
from werkzeug.http import parse_options_header

from app.models.centres import Centre
from app.models.mail import OutboxEmail
from app.models.missions.allowances import Allowance, AllowanceStatus
from app.models.missions.missions import Convocation, Mission, MissionType, Quality, Remuneration
from app.models.missions.staff import StaffMember
from app.models.reference import Product
from app.services.clock import local_today
from app.services.formatting import format_day


@pytest.fixture()
def paris(db_session):
    return db_session.scalar(select(Centre).where(Centre.code == "PAR-0750001"))


@pytest.fixture()
def mission(db_session, paris):
    """A written-marking mission of Paris, open to the centre, finished two days ago."""
    today = date.today()
    row = Mission(number="PAR-T-900", exam_session="TEF, TEFCAN, test", type=MissionType.MARKING,
                  product=db_session.scalar(select(Product).where(Product.code == "TEFCAN")),
                  centre=paris, starts_on=today - timedelta(days=4),
                  ends_on=today - timedelta(days=2), open_to_centre=True,
                  remuneration=Remuneration.WRITTEN, default_observation="Salle des actes")
    db_session.add(row)
    db_session.commit()
    return row


@pytest.fixture()
def teachers(db_session, paris):
    people = [StaffMember(identifier=f"T-90{i}", last_name=name, first_name="Anne",
                          post_discipline="LETTRES MODERNES", centre=paris,
                          professional_email=f"t{i}@ac.examdesk.local")
              for i, name in enumerate(["Lefèvre", "Martin", "Durand"])]
    db_session.add_all(people)
    db_session.commit()
    return people


def convoke(client, mission, people, dates, quality=None):
    data = {"csrf_token": client.csrf, "staff": [str(p.id) for p in people], "dates": dates,
            "observation": "Salle des actes", "quality": str(quality.id) if quality else ""}
    return client.post(f"/missionview/convoke/{mission.id}", data=data, follow_redirects=True)


def _day(mission) -> str:
    return f"{mission.starts_on:%d/%m/%Y} 08:00-12:00"


def test_centre_convokes_three_teachers_and_downloads_the_zip(login_as, db_session, mission,
                                                              teachers):
    client = login_as("paris.manager")
    corr = db_session.scalar(select(Quality).where(Quality.code == "CORR"))
    convoke(client, mission, teachers, _day(mission), corr)
    made = db_session.scalars(select(Convocation).where(
        Convocation.mission_id == mission.id)).all()
    assert len(made) == 3 and {c.origin.value for c in made} == {"centre"}
    response = client.get(f"/missionview/download_all/{mission.id}")
    assert response.status_code == 200
    assert f'TEFCAN_PAR-T-900_{local_today():%Y%m%d}.zip' in response.headers[  # Paris date
        "Content-Disposition"]
    names = zipfile.ZipFile(io.BytesIO(response.get_data())).namelist()
    assert sorted(names) == ["DURAND_Anne.pdf", "LEFEVRE_Anne.pdf", "MARTIN_Anne.pdf"]


def test_the_pdf_names_person_mission_dates_centre_and_signatures(login_as, db_session,
                                                                  mission, teachers):
    client = login_as("paris.manager")
    client.get("/lang/en")
    convoke(client, mission, teachers[:1], _day(mission))
    convocation = db_session.scalar(select(Convocation).where(
        Convocation.mission_id == mission.id))
    response = client.get(f"/convocationview/pdf/{convocation.id}")
    assert parse_options_header(response.headers["Content-Disposition"]) == (
        "attachment", {"filename": "LEFEVRE_Anne.pdf"})
    with pdfplumber.open(io.BytesIO(response.get_data())) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    # Read in English, the dates are in the English format (issue 13: one format per language).
    for expected in ("LEFÈVRE Anne", "PAR-T-900", format_day(mission.starts_on, "en"),
                     "Centre d'examen de Paris", "File followed by the exam centre",
                     "Chef de centre d'examen", "Claire Martin"):
        assert expected in text


def test_an_unavailable_person_is_refused_with_the_reason_and_nothing_saved(
        login_as, db_session, mission, teachers):
    client = login_as("paris.manager")
    client.get("/lang/en")
    client.post("/unavailabilityview/add", data={
        "csrf_token": client.csrf, "staff_member": str(teachers[2].id),
        # issue 15: the seed's entry (dates, then hours) replaced the two date-time fields
        "start_day": f"{mission.starts_on:%Y-%m-%d}", "period": "hours",
        "start_time": "10:00", "end_time": "11:00", "reason": "Jury de thèse"})
    page = convoke(client, mission, teachers, _day(mission))
    assert "Jury de th" in page.text and "unavailable" in page.text
    assert db_session.scalars(select(Convocation).where(
        Convocation.mission_id == mission.id)).all() == []


def test_dates_outside_the_mission_are_refused_naming_the_field(login_as, db_session, mission,
                                                                 teachers):
    client = login_as("paris.manager")
    client.get("/lang/en")
    late = mission.ends_on + timedelta(days=1)
    page = convoke(client, mission, teachers[:1], f"{late:%d/%m/%Y} 08:00-12:00")
    assert "Dates" in page.text and "outside the dates" in page.text
    assert not mission.convocations


def test_service_done_after_the_date_with_scripts(login_as, db_session, mission, teachers):
    client = login_as("paris.manager")
    convoke(client, mission, teachers[:1], _day(mission))
    convocation = db_session.scalar(select(Convocation).where(
        Convocation.mission_id == mission.id))
    bad = client.post(f"/convocationview/service/{convocation.id}",
                      data={"csrf_token": client.csrf, "done": "y", "scripts": "1200"})
    assert bad.status_code == 200 and convocation.service is None
    client.post(f"/convocationview/service/{convocation.id}",
                data={"csrf_token": client.csrf, "done": "y", "scripts": "57"})
    db_session.refresh(convocation)
    assert convocation.service.scripts == 57
    sheet = client.get(f"/missionview/service_sheet/{mission.id}")
    with pdfplumber.open(io.BytesIO(sheet.get_data())) as pdf:
        assert "57" in pdf.pages[0].extract_text()


def test_lyon_sees_none_of_the_paris_missions(login_as, db_session, mission, teachers):
    centre_made = db_session.scalar(select(Convocation).join(Mission).join(Centre).where(
        Centre.code == "PAR-0750001", Convocation.origin == "CENTRE"))
    lyon = login_as("lyon.manager")
    for path in (f"/missionview/show/{mission.id}", f"/missionview/download_all/{mission.id}",
                 f"/missionview/convoke/{mission.id}",
                 f"/convocationview/pdf/{centre_made.id}",
                 f"/convocationview/service/{centre_made.id}",
                 f"/staffmemberview/show/{teachers[0].id}"):
        assert lyon.get(path).status_code == 404, path
    listing = lyon.get("/missionview/list/?attested=1&year=all").text
    assert "PAR-T-900" not in listing and "LYO-" in listing


def test_a_centre_cannot_edit_or_download_a_convocation_made_by_the_managers(login_as,
                                                                            db_session):
    manager_made = db_session.scalar(select(Convocation).join(Mission).join(Centre).where(
        Centre.code == "PAR-0750001", Convocation.origin == "MANAGER"))
    client = login_as("paris.manager")
    assert client.get(f"/convocationview/pdf/{manager_made.id}").status_code == 403
    client.post(f"/convocationview/delete/{manager_made.id}", data={"csrf_token": client.csrf})
    assert db_session.get(Convocation, manager_made.id) is not None


def test_the_evaluator_sees_only_their_own_convocations(login_as, db_session):
    client = login_as("paris.evaluator")
    own = db_session.scalars(select(Convocation).join(StaffMember).where(
        StaffMember.identifier == "P750001")).all()
    other = db_session.scalar(select(Convocation).join(StaffMember).where(
        StaffMember.identifier == "P750002"))
    assert own
    assert client.get(f"/convocationview/pdf/{own[0].id}").status_code == 200
    assert client.get(f"/convocationview/show/{other.id}").status_code == 404
    listing = client.get("/convocationview/list/").text
    assert "Dupont" not in listing and "MOREAU" in listing.upper()


def test_an_unavailability_over_a_convocation_emails_the_exam_manager(login_as, db_session):
    convocation = db_session.scalar(select(Convocation).join(StaffMember).where(
        StaffMember.identifier == "P750002"))
    day = convocation.slots[0].day
    client = login_as("paris.manager")
    client.post("/unavailabilityview/add", data={
        "csrf_token": client.csrf, "staff_member": str(convocation.staff_member_id),
        "start_day": f"{day:%Y-%m-%d}", "period": "hours", "start_time": "09:00",
        "end_time": "10:00", "reason": "Rendez-vous médical"})
    mails = db_session.scalars(select(OutboxEmail).where(
        OutboxEmail.kind == "unavailability_overlap")).all()
    assert [m.recipient for m in mails] == ["manager@examdesk.local"]
    assert convocation.mission.number in mails[0].body


def test_centre_distributes_then_transmits_and_the_allowance_becomes_read_only(login_as,
                                                                              db_session):
    allowance = db_session.scalar(select(Allowance).join(Centre).where(
        Centre.code == "PAR-0750001"))
    staff = db_session.scalar(select(StaffMember).where(StaffMember.identifier == "P750004"))
    client = login_as("paris.manager")
    client.post(f"/allowanceview/share/{allowance.id}", data={
        "csrf_token": client.csrf, "staff_member": str(staff.id), "by": "percentage",
        "value": "5,5"})
    page = client.get(f"/allowanceview/show/{allowance.id}").text
    # issue 15: amounts read in French (389,48 €), no longer as 389.48
    page = page.replace("\u202f", " ").replace("\u00a0", " ")
    assert "389,48 €" in page and "878,52 €" in page
    client.post(f"/allowanceview/share/{allowance.id}", data={
        "csrf_token": client.csrf, "staff_member": str(staff.id), "by": "amount",
        "value": "2000"})
    db_session.refresh(allowance)
    assert sum(s.amount for s in allowance.shares) == Decimal("389.48")
    client.post(f"/allowanceview/action/transmit/{allowance.id}",
                data={"csrf_token": client.csrf})
    db_session.refresh(allowance)
    assert allowance.status == AllowanceStatus.TRANSMITTED
    client.post(f"/allowanceview/remove_share/{allowance.id}", data={
        "csrf_token": client.csrf, "share": str(allowance.shares[0].id)})
    db_session.refresh(allowance)
    assert len(allowance.shares) == 3


def test_staff_extract_is_csv_with_semicolons_and_respects_the_convoked_filter(login_as):
    client = login_as("paris.manager")
    today = date.today()
    first, last = today - timedelta(days=10), today - timedelta(days=10)
    response = client.get(f"/staffmemberview/extract/csv?kind=staff&convoked_from={first}"
                          f"&convoked_to={last}")
    lines = response.get_data().decode("utf-8-sig").splitlines()
    assert lines[0].count(";") >= 5
    assert sorted(line.split(";")[0] for line in lines[1:]) == ["P750001", "P750002",
                                                               "P750003"]
    available = client.get(f"/staffmemberview/extract/csv?available_from="
                           f"{today + timedelta(days=20)}&available_to="
                           f"{today + timedelta(days=20)}").get_data().decode("utf-8-sig")
    assert "P750004" not in available and "P750001" in available


def _component_id(db_session, code):
    from app.models.reference import TestComponent

    return db_session.scalar(select(TestComponent.id).join(Product).where(
        Product.code == "TEFCAN", TestComponent.code == code))


def test_the_evaluator_declares_their_own_competence(login_as, db_session):
    from app.models.missions.staff import Competence

    person = db_session.scalar(select(StaffMember).where(StaffMember.identifier == "P750001"))
    client = login_as("paris.evaluator")
    client.post("/competenceview/add", data={"csrf_token": client.csrf,
                                             "staff_member": str(person.id),
                                             "component": str(_component_id(db_session, "EO"))})
    row = db_session.scalar(select(Competence).where(
        Competence.staff_member_id == person.id,
        Competence.component_id == _component_id(db_session, "EO")))
    assert row is not None and row.authors_display == "P750001 (C)"


def test_after_validating_its_entry_the_centre_can_no_longer_add_competences(login_as,
                                                                            db_session):
    from app.models.missions.staff import Competence

    person = db_session.scalar(select(StaffMember).where(StaffMember.identifier == "P750002"))
    client = login_as("paris.manager")
    client.post("/competenceview/validate_entry", data={"csrf_token": client.csrf,
                                                        "finished": "y"})
    client.post("/competenceview/add", data={"csrf_token": client.csrf,
                                             "staff_member": str(person.id),
                                             "component": str(_component_id(db_session, "CO"))})
    assert db_session.scalar(select(Competence).where(
        Competence.staff_member_id == person.id,
        Competence.component_id == _component_id(db_session, "CO"))) is None
