"""The candidate's fields declared in REGISTRATION_CANDIDATE_FIELDS show beside each registration:
in the registrations list, its exports and the registration API (docs/architecture.md)."""
from __future__ import annotations

from datetime import date

from app.models.candidates import REGISTRATION_CANDIDATE_FIELDS
from tests.factories import RegistrationFactory, UserFactory
from tests.integration.toolkit.list_helpers import read_csv


def test_the_birth_date_shows_in_the_list_the_export_and_the_api(db_session, login_as):
    assert "birth_date" in REGISTRATION_CANDIDATE_FIELDS
    registration = RegistrationFactory(candidate__birth_date=date(1987, 3, 16))
    other = RegistrationFactory(candidate__birth_date=date(1990, 1, 31))  # another centre
    user = UserFactory(centres=[registration.session.centre])
    client = login_as(user.username)
    page = client.get("/registrationview/list/").text
    assert "16/03/1987" in page and "Date de naissance" in page
    assert "31/01/1990" not in page  # another centre's candidate
    rows = read_csv(client.get("/registrationview/export/csv").get_data())
    assert "Date de naissance" in rows[0] and [r for r in rows if "16/03/1987" in r]
    api = client.get(f"/api/v1/registration/{registration.id}").get_json()
    listed = client.get("/api/v1/registration/").get_json()["result"]
    assert [r["candidate"]["birth_date"] for r in listed] == ["1987-03-16"]
    assert api["id"] == registration.id and other.id not in [r["id"] for r in listed]
