"""The public pre-registration site: visible centres and sessions, forms, the centre's transfer."""
import re

from sqlalchemy import select

from app.models.candidates import (
    ContactRequest,
    PreRegistration,
    PreRegistrationStatus,
    Registration,
)
from tests.conftest import csrf_token
from tests.integration.sessions.sessions_helpers import forget_request_globals, session_by_number


def test_public_page_needs_no_login_and_shows_only_visible_centres(client):
    html = client.get("/public/").get_data(as_text=True)
    assert "Centre d&#39;examen de Paris" in html or "Centre d'examen de Paris" in html
    assert "7000101" in html            # Paris shows its open, online sessions
    assert "7000201" not in html        # Lyon appears without its sessions


def test_a_person_pre_registers_and_the_centre_sees_it(client, db_session, login_as):
    session = session_by_number(db_session, "7000101")
    token = csrf_token(client, "/public/")
    response = client.post(f"/public/preregister/{session.id}", data={
        "csrf_token": token, "last_name": "Public", "first_name": "Pia",
        "birth_date": "1990-01-02", "gender": "F", "email": "pia@example.org"})
    assert response.status_code == 302
    row = db_session.scalar(select(PreRegistration).where(PreRegistration.last_name == "Public"))
    assert row.centre.code == "PAR-0750001" and row.status == PreRegistrationStatus.NEW
    forget_request_globals()
    listing = login_as("paris.manager").get("/preregistrationview/list/").get_data(as_text=True)
    assert "Public" in listing
    forget_request_globals()
    lyon = login_as("lyon.manager")
    assert "Public" not in lyon.get("/preregistrationview/list/").get_data(as_text=True)


def test_pre_registration_to_a_hidden_session_is_refused(client, db_session):
    draft = session_by_number(db_session, "7000105")
    token = csrf_token(client, "/public/")
    client.post(f"/public/preregister/{draft.id}", data={
        "csrf_token": token, "last_name": "Hidden", "first_name": "H",
        "birth_date": "1990-01-02", "gender": "F", "email": "h@example.org"})
    assert db_session.scalar(select(PreRegistration).where(
        PreRegistration.last_name == "Hidden")) is None


def test_centre_transfers_pre_registrations_into_registrations(login_as, db_session):
    session = session_by_number(db_session, "7000101")
    pre = db_session.scalar(select(PreRegistration).where(
        PreRegistration.session_id == session.id))
    client = login_as("paris.manager")
    client.post("/preregistrationview/action_post", data={
        "csrf_token": client.csrf, "action": "transfer", "rowid": [pre.id]})
    db_session.refresh(pre)
    assert pre.status == PreRegistrationStatus.TRANSFERRED
    registration = db_session.get(Registration, pre.registration_id)
    assert registration.session_id == session.id
    assert re.match(r"^\w{3}-\w{3}-\w{3}$", registration.access_code)


def test_contact_request_reaches_the_centre_to_do_list(client, db_session, login_as):
    lyon = session_by_number(db_session, "7000201").centre
    token = csrf_token(client, "/public/")
    client.post(f"/public/contact/{lyon.id}", data={
        "csrf_token": token, "name": "Zoé Contact", "email": "zoe@example.org",
        "message": "Bonjour"})
    assert db_session.scalar(select(ContactRequest).where(
        ContactRequest.name == "Zoé Contact")).centre_id == lyon.id
    forget_request_globals()
    home = login_as("lyon.manager").get("/").get_data(as_text=True)
    count = re.search(r'id="count-contact-requests">(\d+)<', home).group(1)
    assert int(count) == 2  # the demo one and this one
