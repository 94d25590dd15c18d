"""The dashboard is live: a service that changes a centre's rows asks for the refresh
(app/services/live.py); once committed, that centre's connected users (and body staff) are
told, nobody of another centre; nothing is sent for a rollback, nor unless asked."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import socketio
from app.models.candidates import Registration, RegistrationStatus
from app.models.centres import Centre
from app.models.sessions import ExamSession
from app.models.sessions import SessionStatus as S
from app.services.candidates import registrations as reg_svc


def _dashboard_events(sock):
    return [e["args"][0] for e in sock.get_received("/chat") if e["name"] == "dashboard_changed"]


@pytest.fixture()
def sockets(app, login_as):
    opened = {name: socketio.test_client(app, namespace="/chat",
                                         flask_test_client=login_as(name))
              for name in ("paris.staff", "lyon.staff", "support")}
    for sock in opened.values():
        sock.get_received("/chat")
    yield opened
    for sock in opened.values():
        sock.disconnect("/chat")


def _open_paris_registration(db_session):
    paris_id = db_session.scalar(select(Centre.id).where(Centre.city == "Paris"))
    registration = db_session.scalar(select(Registration).join(ExamSession).where(
        Registration.centre_id == paris_id, ExamSession.status == S.REGISTRATIONS_OPEN,
        Registration.status == RegistrationStatus.REGISTERED))
    return paris_id, registration


def test_a_service_change_of_a_paris_row_reaches_paris_and_staff_not_lyon(db_session, sockets):
    paris_id, registration = _open_paris_registration(db_session)
    reg_svc.withdraw(registration)
    assert _dashboard_events(sockets["paris.staff"]) == []  # not before the commit
    db_session.commit()
    assert _dashboard_events(sockets["paris.staff"]) == [{"centre_id": paris_id}]
    assert _dashboard_events(sockets["lyon.staff"]) == []
    assert paris_id in _dashboard_events(sockets["support"])[0]["centre_ids"]


def test_a_rolled_back_change_and_an_unannounced_commit_send_nothing(db_session, sockets):
    _paris_id, registration = _open_paris_registration(db_session)
    reg_svc.withdraw(registration)
    db_session.rollback()
    registration.notes = "Arrivé en avance"  # a write no service announced
    db_session.commit()
    assert [_dashboard_events(s) for s in sockets.values()] == [[], [], []]


def test_an_edit_on_a_screen_reaches_the_centre(db_session, sockets, login_as):
    paris_id, registration = _open_paris_registration(db_session)
    client = login_as("paris.manager")
    form = {"csrf_token": client.csrf, "notes": "Salle B", "row_version": registration.version}
    answer = client.post(f"/registrationview/edit/{registration.id}", data=form)
    assert answer.status_code == 302
    assert {"centre_id": paris_id} in _dashboard_events(sockets["paris.staff"])
    assert _dashboard_events(sockets["lyon.staff"]) == []


def test_the_dashboard_page_listens_for_changes(login_as):
    page = login_as("paris.manager").get("/").text
    assert 'id="dashboard-live"' in page and "dashboard-live.js" in page
