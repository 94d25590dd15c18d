"""Issue 12, finding 1: every response (pages, API, static files, error pages) carries the
security headers; scripts run only from the application's files or with the request's nonce."""
import re

import pytest

from tests.integration.requests.requests_clients import user

EXPECTED = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
            "Referrer-Policy": "same-origin"}
DIRECTIVES = ["default-src 'self'", "object-src 'none'", "base-uri 'self'",
              "frame-ancestors 'none'", "form-action 'self'"]


def _assert_headers(response):
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, (name, response.request.path)
    policy = response.headers["Content-Security-Policy"]
    for directive in DIRECTIVES:
        assert directive in policy
    scripts = re.search(r"script-src ([^;]+)", policy).group(1).split()
    assert scripts[0] == "'self'" and all(s.startswith("'nonce-") for s in scripts[1:])
    assert "unsafe-inline" not in " ".join(scripts) and "unsafe-eval" not in policy
    return policy


@pytest.mark.parametrize("path", ["/login/", "/static/examdesk/examdesk.css",
                                  "/static/appbuilder/js/ab.js", "/no/such/page",
                                  "/api/v1/centre/", "/language/fr?next=/"])
def test_anonymous_responses_carry_the_headers(client, path):
    _assert_headers(client.get(path))


def test_pages_api_and_errors_of_a_logged_in_user_carry_the_headers(login_as, app, api_token):
    manager = user(login_as, "paris.manager")
    for path in ("/", "/examrequestview/list/", "/chat/", "/examsessionview/show/999999999"):
        _assert_headers(manager.get(path))
    token = api_token("paris.manager")
    _assert_headers(app.test_client().get("/api/v1/session/",
                                          headers={"Authorization": f"Bearer {token}"}))


def test_each_inline_script_carries_the_nonce_of_its_response(login_as):
    """A page whose inline scripts lack the nonce would break under the policy; the nonce is
    new for every response."""
    manager = user(login_as, "paris.manager")
    nonces = set()
    for path in ("/examrequestview/list/", "/examsessionview/list/"):
        response = manager.get(path)
        nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"])
        html = response.get_data(as_text=True)
        inline = [tag for tag in re.findall(r"<script\b[^>]*>", html) if "src=" not in tag]
        assert inline, path  # FAB's list widget has inline scripts
        assert nonce is not None
        assert all(f'nonce="{nonce.group(1)}"' in tag for tag in inline), path
        nonces.add(nonce.group(1))
    assert len(nonces) == 2
