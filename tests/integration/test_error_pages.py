"""Error pages are pages of the application: its layout, the user's language, a way back; the
REST API keeps answering JSON."""
import pytest
from sqlalchemy import select
from werkzeug.exceptions import default_exceptions

from app.models.sessions import ExamSession
from app.views.errors import PAGES


def _paris_session_id(db_session):
    return db_session.scalar(select(ExamSession.id).where(ExamSession.number == "7000101"))


def test_a_missing_record_is_a_french_page_in_the_layout_with_a_way_back(login_as):
    client = login_as("paris.manager")
    response = client.get("/examsessionview/show/99999999",
                          headers={"Referer": "http://localhost/examsessionview/list/"})
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert 'lang="fr"' in html and "Page introuvable" in html
    assert 'href="/examsessionview/list/"' in html  # back where the user came from
    assert "main-content" in html and "examdesk-console" in html  # the application's layout
    assert "Not Found" not in html and "The requested URL" not in html


def test_the_same_page_speaks_english_to_an_english_user(login_as):
    client = login_as("paris.manager")
    client.get("/lang/en")
    html = client.get("/no/such/page").get_data(as_text=True)
    assert 'lang="en"' in html and "Page not found" in html and "Home page" in html


def test_a_forbidden_screen_says_so_in_french(login_as):
    response = login_as("paris.staff").get("/auditlogview/list/")
    assert response.status_code == 403
    assert "Accès refusé" in response.get_data(as_text=True)


def test_a_wrong_method_is_a_405_page(login_as, db_session):
    client = login_as("paris.manager")
    response = client.get(f"/examsessionview/transition/{_paris_session_id(db_session)}/plan")
    assert response.status_code == 405
    assert "Action impossible" in response.get_data(as_text=True)


def test_a_form_without_its_security_token_is_a_page_saying_it_expired(login_as, db_session):
    client = login_as("paris.manager")
    response = client.post(f"/examsessionview/transition/{_paris_session_id(db_session)}/plan")
    assert response.status_code == 400
    assert "La page a expiré" in response.get_data(as_text=True)


def test_an_anonymous_visitor_gets_the_page_too(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404 and "Page introuvable" in response.get_data(as_text=True)


@pytest.mark.parametrize("code", sorted(PAGES))
def test_every_error_a_user_can_reach_has_its_page(app, code):
    exception_class = default_exceptions[code]
    handler = app.error_handler_spec[None][code].get(exception_class)
    assert handler is not None, f"no page for {code}"
    with app.test_request_context("/some/page", headers={"Accept-Language": "fr"}):
        body, status = handler(exception_class())
    assert status == code
    assert str(PAGES[code][0]) in body and "main-content" in body


def test_the_api_keeps_answering_json(app, api_token):
    headers = {"Authorization": f"Bearer {api_token('paris.manager')}"}
    client = app.test_client()
    missing = client.get("/api/v1/session/99999999", headers=headers)
    unknown = client.get("/api/v1/no_such_resource/", headers=headers)
    for response in (missing, unknown):
        assert response.status_code == 404 and response.is_json and response.json["message"]
