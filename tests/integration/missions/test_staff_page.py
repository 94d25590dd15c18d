"""The staff page as the seed's "Consultation des personnels": the "Affectations convoquées" tab
lists the person's convocations (start, mission, speciality, épreuve-option, state), each with
its PDF where the viewer may download it, and only the convocations the viewer may see."""
from __future__ import annotations

from sqlalchemy import select

from app.models.missions.missions import Convocation, ConvocationOrigin
from app.models.missions.staff import StaffMember


def _tab(page: str) -> str:
    return page.split('id="Assignments"')[1].split('id="Home"')[0]


def _person(db_session, identifier):
    return db_session.scalar(select(StaffMember).where(StaffMember.identifier == identifier))


def test_the_tab_lists_each_convocation_with_its_pdf(login_as, db_session):
    person = _person(db_session, "P750002")
    convocation = db_session.scalar(select(Convocation).where(
        Convocation.staff_member_id == person.id))
    assert convocation.origin == ConvocationOrigin.CENTRE
    page = login_as("paris.manager").get(f"/staffmemberview/show/{person.id}").text
    assert ">Affectations convoquées</a>" in page
    tab = _tab(page)
    assert "Liste des missions convoquées (1)" in tab
    assert convocation.mission.number in tab
    assert "ECRIT - Compréhension et expression écrites" in tab and "EE - Expression écrite" in tab
    assert "Mission constatée" in tab or "Mission effectuée" in tab
    assert f"/convocationview/pdf/{convocation.id}" in tab


def test_the_managers_convocations_are_listed_without_a_pdf_for_the_centre(login_as,
                                                                         db_session):
    person = _person(db_session, "P750001")
    made = db_session.scalars(select(Convocation).where(
        Convocation.staff_member_id == person.id)).all()
    assert made and {c.origin for c in made} == {ConvocationOrigin.MANAGER}
    tab = _tab(login_as("paris.manager").get(f"/staffmemberview/show/{person.id}").text)
    assert f"Liste des missions convoquées ({len(made)})" in tab
    assert "/convocationview/pdf/" not in tab
    manager_tab = _tab(login_as("manager").get(f"/staffmemberview/show/{person.id}").text)
    assert all(f"/convocationview/pdf/{c.id}" in manager_tab for c in made)


def test_the_tab_link_downloads_the_convocation(login_as, db_session):
    person = _person(db_session, "P750002")
    client = login_as("paris.manager")
    tab = _tab(client.get(f"/staffmemberview/show/{person.id}").text)
    link = tab.split('href="/convocationview/pdf/')[1].split('"')[0]
    response = client.get(f"/convocationview/pdf/{link}")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert "DUPONT_Alexandre.pdf" in response.headers["Content-Disposition"]
