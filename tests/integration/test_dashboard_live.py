"""The dashboard is live: a change to a centre's rows tells that centre's connected users (and
body staff) to refresh, and nobody of another centre."""
from __future__ import annotations

from sqlalchemy import select

from app.extensions import socketio
from app.models.candidates import Registration, RegistrationStatus
from app.models.centres import Centre


def _dashboard_events(sock):
    return [e for e in sock.get_received("/chat") if e["name"] == "dashboard_changed"]


def _socket(app, login_as, username):
    return socketio.test_client(app, namespace="/chat", flask_test_client=login_as(username))


def test_a_change_of_a_paris_row_reaches_paris_and_staff_not_lyon(app, db_session, login_as):
    paris_id = db_session.scalar(select(Centre.id).where(Centre.city == "Paris"))
    sockets = {name: _socket(app, login_as, name)
               for name in ("paris.staff", "lyon.staff", "support")}
    for sock in sockets.values():
        sock.get_received("/chat")
    registration = db_session.scalar(select(Registration).where(
        Registration.centre_id == paris_id, Registration.status == RegistrationStatus.REGISTERED))
    registration.notes = "Arrivé en avance"
    db_session.commit()
    assert [e["args"][0]["centre_id"] for e in _dashboard_events(sockets["paris.staff"])] == [
        paris_id]
    assert _dashboard_events(sockets["lyon.staff"]) == []
    assert paris_id in _dashboard_events(sockets["support"])[0]["args"][0]["centre_ids"]
    for sock in sockets.values():
        sock.disconnect("/chat")


def test_the_dashboard_page_listens_for_changes(login_as):
    page = login_as("paris.manager").get("/").text
    assert 'id="dashboard-live"' in page and "dashboard-live.js" in page
