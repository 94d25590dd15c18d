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
    before = client.get(f"/preregistrationview/show/{pre.id}").text
    assert "/preregistrationview/action/transfer/" in before
    assert "/preregistrationview/action/refuse/" in before
    client.post("/preregistrationview/action_post", data={
        "csrf_token": client.csrf, "action": "transfer", "rowid": [pre.id]})
    db_session.refresh(pre)
    assert pre.status == PreRegistrationStatus.TRANSFERRED
    # Processed once: its page no longer offers to transfer nor to refuse it.
    after = client.get(f"/preregistrationview/show/{pre.id}").text
    assert "Transféré" in after
    assert "/preregistrationview/action/" not in after
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


def test_a_refused_pre_registration_keeps_what_was_typed_and_says_why_in_french(client,
                                                                                db_session):
    session = session_by_number(db_session, "7000101")
    token = csrf_token(client, "/public/")
    typed = {"csrf_token": token, "last_name": "O'Neill", "first_name": "Zoé",
             "birth_date": "31/02/1990", "gender": "N", "email": "zoe.oneill@example.org",
             "phone": "06 12 34 56 78"}
    response = client.post(f"/public/preregister/{session.id}", data=typed)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "31/02/1990 n&#39;est pas une date du calendrier." in html
    for value in ("O&#39;Neill", "Zoé", "31/02/1990", "zoe.oneill@example.org", "06 12 34 56 78"):
        assert f'value="{value}"' in html
    assert '<option value="N" selected>' in html
    assert f'id="public-session-{session.id}" open' in html
    assert db_session.scalar(select(PreRegistration).where(
        PreRegistration.email == "zoe.oneill@example.org")) is None
    response = client.post(f"/public/preregister/{session.id}",
                           data={**typed, "birth_date": "16/03/1990"})
    assert response.status_code == 302
    row = db_session.scalar(select(PreRegistration).where(
        PreRegistration.email == "zoe.oneill@example.org"))
    assert (row.last_name, str(row.birth_date)) == ("O'Neill", "1990-03-16")


def test_a_refused_contact_request_keeps_the_message(client, db_session):
    lyon = session_by_number(db_session, "7000201").centre
    token = csrf_token(client, "/public/")
    response = client.post(f"/public/contact/{lyon.id}", data={
        "csrf_token": token, "name": "Zoé L'Hôpital", "email": "zoe@exemple",
        "message": "Bonjour, une question sur la session d'été."})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "n&#39;est pas une adresse e-mail valide" in html
    assert "Bonjour, une question sur la session d&#39;été." in html
    assert 'value="Zoé L&#39;Hôpital"' in html
