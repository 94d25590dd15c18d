"""Fixtures of the list-toolkit tests: clients of several users within one test.

The test app context is shared by every request of a test, so flask-login's cached user
(g._login_user), the cached viewer (g._examdesk_viewer), the CSRF token and the locale would leak
from one client to the next; `login` clears g before each request, as a fresh app context would."""
from __future__ import annotations

import pytest
from flask import g


def _forget_request_caches():
    """Everything a request left in g (user, viewer, CSRF token, locale), as in production."""
    for key in list(vars(g)):
        g.pop(key, None)


@pytest.fixture(name="login")
def login_fixture(login_as):
    def _login(username: str):
        _forget_request_caches()
        client = login_as(username)
        original = client.open

        def fresh_open(*args, **kwargs):
            _forget_request_caches()
            return original(*args, **kwargs)

        client.open = fresh_open
        return client

    return _login
