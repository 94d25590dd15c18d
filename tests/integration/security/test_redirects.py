"""Issue 12, finding 6 (open redirect): every `next=` (language switch, log-in, centre switch)
goes through the one safe-redirect helper and stays on this site."""
from urllib.parse import urlsplit

import pytest

from app.security.redirects import is_local_path, safe_next
from tests.conftest import DEMO_PASSWORD, csrf_token
from tests.factories import CentreFactory, UserFactory

EVIL = ["/\t/evil.example/", "/\n/evil.example/", "/\r\n/evil.example/", "\t//evil.example/",
        "/\\evil.example/", "\\\\evil.example/", "//evil.example/", "///evil.example/",
        "https://evil.example/", "HTTP://evil.example", "https:evil.example",
        "javascript:alert(1)", " javascript:alert(1)", "/\x00/evil.example",
        "/\u2028/evil.example", "evil.example", "data:text/html,x"]
GOOD = ["/", "/examsessionview/list/?page_ExamSessionView=2", "/chat/conversation/3#bas",
        "/centreview/list/?_flt_0_name=Lyon Part-Dieu"]


@pytest.mark.parametrize("target", EVIL)
def test_the_helper_refuses_every_way_off_the_site(target):
    assert not is_local_path(target)
    assert safe_next(target, "/fallback") == "/fallback"


@pytest.mark.parametrize("target", GOOD)
def test_the_helper_keeps_a_path_of_the_site(target):
    assert safe_next(target, "/fallback") == target


def _stays_home(response):
    location = urlsplit(response.headers["Location"])
    assert location.netloc in ("", "localhost"), response.headers["Location"]
    assert location.path.startswith("/") and not location.path.startswith("//")
    assert "evil" not in response.headers["Location"]


@pytest.mark.parametrize("target", EVIL)
def test_language_switch_does_not_redirect_off_site(client, target):
    response = client.get("/language/fr", query_string={"next": target})
    assert response.status_code == 302
    _stays_home(response)


def test_the_reported_address_comes_back_home(client):
    response = client.get("/language/fr?next=%2F%09%2Fevil.example%2F")
    assert response.headers["Location"] in ("/", "http://localhost/")


@pytest.mark.parametrize("target", ["/\t/evil.example/", "/\\evil.example/",
                                    "//evil.example/", "https://evil.example/",
                                    "javascript:alert(1)"])
def test_login_does_not_redirect_off_site(app, target):
    client = app.test_client()
    token = csrf_token(client)
    response = client.post("/login/", query_string={"next": target}, data={
        "username": "paris.manager", "password": DEMO_PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    _stays_home(response)
    # Already logged in: the log-in page sends on, through the same helper.
    _stays_home(client.get("/login/", query_string={"next": target}))


def test_login_keeps_a_local_next(app):
    client = app.test_client()
    token = csrf_token(client)
    response = client.post("/login/?next=/chat/", data={
        "username": "paris.manager", "password": DEMO_PASSWORD, "csrf_token": token})
    assert urlsplit(response.headers["Location"]).path == "/chat/"


@pytest.mark.parametrize("target", ["/\t/evil.example/", "//evil.example/"])
def test_centre_switch_does_not_redirect_off_site(login_as, db_session, target):
    first, second = CentreFactory(), CentreFactory()
    account = UserFactory(centres=[first, second], role="CentreManager")
    client = login_as(account.username)
    response = client.post("/account/centre", data={"csrf_token": client.csrf,
                                                    "centre_id": second.id, "next": target})
    assert response.status_code == 302
    _stays_home(response)


def test_the_error_pages_back_link_stays_on_the_site(client):
    page = client.get("/no/such/page", headers={"Referer": "http://localhost//evil.example/x"})
    assert page.status_code == 404
    assert 'href="//evil.example' not in page.get_data(as_text=True)
    back = client.get("/no/such/page", headers={"Referer": "http://localhost/public/"})
    assert 'href="/public/"' in back.get_data(as_text=True)
