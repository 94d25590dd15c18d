"""Several logged-in users in one test: the test's app context shares `g` between requests,
so each call first forgets the previous request's user, viewer and locale."""
from flask import g

PER_REQUEST = ("_login_user", "user", "_examdesk_viewer", "_flask_babel", "csrf_token")


def forget_request_state() -> None:
    for key in PER_REQUEST:
        g.pop(key, None)


class UserClient:
    def __init__(self, client):
        self.client = client
        self.csrf = client.csrf

    def get(self, *args, **kwargs):
        forget_request_state()
        return self.client.get(*args, **kwargs)

    def post(self, *args, **kwargs):
        forget_request_state()
        return self.client.post(*args, **kwargs)


def user(login_as, username: str) -> UserClient:
    forget_request_state()
    return UserClient(login_as(username))
