"""REST resources session, candidate and registration: same roles and tenancy as the screens."""
from tests.integration.sessions.sessions_helpers import session_by_number


def test_session_api_lists_only_the_centre_sessions(app, api_token):
    headers = {"Authorization": f"Bearer {api_token('lyon.manager')}"}
    listing = app.test_client().get("/api/v1/session/?q=(page_size:100)", headers=headers)
    numbers = {row["number"] for row in listing.json["result"]}
    assert "7000201" in numbers and "7000301" in numbers and "7000101" not in numbers


def test_session_api_gives_404_for_a_foreign_session(app, db_session, api_token):
    headers = {"Authorization": f"Bearer {api_token('lyon.manager')}"}
    paris = session_by_number(db_session, "7000101")
    assert app.test_client().get(f"/api/v1/session/{paris.id}",
                                 headers=headers).status_code == 404


def test_candidate_api_creates_a_candidate_in_the_user_centre(app, api_token):
    headers = {"Authorization": f"Bearer {api_token('paris.manager')}"}
    response = app.test_client().post("/api/v1/candidate/", headers=headers, json={
        "last_name": "API", "first_name": "Zoé", "birth_date": "1999-09-09", "gender": "F"})
    assert response.status_code == 201, response.text


def test_registration_api_shows_the_access_code(app, api_token):
    headers = {"Authorization": f"Bearer {api_token('paris.manager')}"}
    listing = app.test_client().get("/api/v1/registration/?q=(page_size:5)", headers=headers)
    assert listing.status_code == 200
    assert all(len(r["access_code"]) == 11 for r in listing.json["result"])
