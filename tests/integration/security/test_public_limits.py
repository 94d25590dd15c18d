"""Issue 12, finding 9 (floods): the public forms (contact, pre-registration, forgot and set
password) are rate-limited per client address; the 429 page speaks French; another address
is not held back."""
import pytest
from sqlalchemy import func, select

from app.models.candidates import ContactRequest
from app.models.centres import Centre
from tests.conftest import csrf_token

LIMIT = "3 per minute"


@pytest.fixture()
def strict_limit(app):
    previous = app.config["PUBLIC_FORM_RATE_LIMIT"]
    app.config["PUBLIC_FORM_RATE_LIMIT"] = LIMIT
    yield
    app.config["PUBLIC_FORM_RATE_LIMIT"] = previous


def _contacts(db):
    return db.scalar(select(func.count(ContactRequest.id)))


def _from(address):
    return {"environ_base": {"REMOTE_ADDR": address}}


def test_a_flood_of_the_public_contact_form_is_cut_at_the_limit(app, db_session, strict_limit):
    centre = db_session.scalar(select(Centre.id).where(Centre.code == "PAR-0750001"))
    client = app.test_client()
    token = csrf_token(client, "/public/")
    before = _contacts(db_session)
    statuses = [client.post(f"/public/contact/{centre}", data={
        "csrf_token": token, "name": "Robot", "email": "robot@example.org",
        "message": f"Message {i}"}, **_from("203.0.113.7")).status_code for i in range(10)]
    assert statuses[:3] == [302, 302, 302] and set(statuses[3:]) == {429}
    assert _contacts(db_session) - before == 3
    refused = client.post(f"/public/contact/{centre}", data={"csrf_token": token},
                          **_from("203.0.113.7"))
    assert "Trop de requêtes" in refused.get_data(as_text=True)
    # Another address still gets through.
    other = client.post(f"/public/contact/{centre}", data={
        "csrf_token": token, "name": "Personne", "email": "p@example.org",
        "message": "Bonjour"}, **_from("198.51.100.4"))
    assert other.status_code == 302


@pytest.mark.parametrize("path", ["/public/preregister/1", "/password/forgot",
                                  "/password/set/not-a-token"])
def test_every_public_form_is_limited(app, db_session, strict_limit, path):
    client = app.test_client()
    token = csrf_token(client, "/public/")
    statuses = [client.post(path, data={"csrf_token": token, "login": "x"},
                            **_from("203.0.113.9")).status_code for _ in range(5)]
    assert 429 not in statuses[:3] and statuses[3:] == [429, 429]
