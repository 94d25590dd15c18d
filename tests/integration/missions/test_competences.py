"""Competences as the seed lists them: the exam column, the authors (a withdrawn one struck
through), + and × on each row that stay on the list, hidden once the centre's entry is locked."""
from __future__ import annotations

from sqlalchemy import select

from app.models.centres import Centre
from app.models.missions.staff import Competence, StaffMember


def _competence(db_session):
    """A competence of a Paris staff member held by SYS alone (the demo's teachings)."""
    paris = db_session.scalar(select(Centre).where(Centre.code == "PAR-0750001"))
    found = [c for c in db_session.scalars(select(Competence).join(StaffMember).where(
        StaffMember.centre_id == paris.id)) if [a["code"] for a in c.authors] == ["SYS"]]
    assert found, "the demo gives Paris staff a SYS competence"
    return found[0]


def test_row_buttons_declare_and_withdraw_and_come_back_to_the_list(login_as, db_session):
    competence = _competence(db_session)
    client = login_as("paris.manager")
    listing = client.get("/competenceview/list/?psize_CompetenceView=100").text
    assert f'action="/competenceview/mark/{competence.id}/c"' in listing
    assert f'action="/competenceview/mark/{competence.id}/i"' in listing
    assert "TEFCAN" in listing  # the exam column
    referrer = "http://localhost/competenceview/list/?psize_CompetenceView=100"
    response = client.post(f"/competenceview/mark/{competence.id}/c",
                           data={"csrf_token": client.csrf}, headers={"Referer": referrer})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/competenceview/list/?psize_CompetenceView=100")
    db_session.refresh(competence)
    assert [a["competent"] for a in competence.authors if a["code"] == "PAR-0750001"] == [True]


def test_a_withdrawn_author_is_struck_through(login_as, db_session):
    competence = _competence(db_session)
    client = login_as("paris.manager")
    client.post(f"/competenceview/mark/{competence.id}/c", data={"csrf_token": client.csrf})
    client.post(f"/competenceview/mark/{competence.id}/i", data={"csrf_token": client.csrf})
    db_session.refresh(competence)
    assert any(not a["competent"] for a in competence.authors)  # SYS keeps it listed
    listing = client.get("/competenceview/list/?psize_CompetenceView=100").text
    assert '<s title="Retiré">PAR-0750001 (I)</s>' in listing


def test_once_locked_the_row_buttons_are_gone_and_a_forged_post_is_refused(login_as,
                                                                          db_session):
    competence = _competence(db_session)
    client = login_as("paris.manager")
    client.post("/competenceview/validate_entry", data={"csrf_token": client.csrf,
                                                        "finished": "y"})
    listing = client.get("/competenceview/list/?psize_CompetenceView=100").text
    assert "/competenceview/mark/" not in listing
    before = list(competence.authors)
    page = client.post(f"/competenceview/mark/{competence.id}/i",
                       data={"csrf_token": client.csrf}, follow_redirects=True).text
    assert "validé sa saisie" in page or "valid" in page
    db_session.refresh(competence)
    assert competence.authors == before


def test_the_add_form_names_the_exam_of_each_test_option(login_as):
    page = login_as("manager").get("/competenceview/add").text
    assert "TEFCAN — EE - Expression écrite" in page
