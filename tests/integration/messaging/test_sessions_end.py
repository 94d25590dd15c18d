"""Issue 12, finding 5 (what survives log-out): log-out and a password change revoke the user's
REST API access and refresh tokens and disconnect their open chat sockets; changing one's
password asks for the current one and ends the user's other sessions."""
from __future__ import annotations

from tests.conftest import DEMO_PASSWORD
from tests.factories import CentreFactory, UserFactory

NEW_PASSWORD = "Nouveau-Passw0rd!"


def _tokens(app, username, password=DEMO_PASSWORD):
    response = app.test_client().post("/api/v1/security/login", json={
        "username": username, "password": password, "provider": "db", "refresh": True})
    assert response.status_code == 200, response.text
    return response.json["access_token"], response.json["refresh_token"]


def _api_status(app, token, path="/api/v1/conversation/"):
    return app.test_client().get(path, headers={"Authorization": f"Bearer {token}"}).status_code


def _refresh_status(app, refresh):
    return app.test_client().post("/api/v1/security/refresh",
                                  headers={"Authorization": f"Bearer {refresh}"}).status_code


def test_logout_revokes_the_api_tokens(app, login_as, db_session):
    access, refresh = _tokens(app, "paris.manager")
    assert _api_status(app, access) == 200 and _refresh_status(app, refresh) == 200
    browser = login_as("paris.manager")
    assert browser.post("/logout/", data={"csrf_token": browser.csrf}).status_code == 302
    assert _api_status(app, access) == 401
    assert _refresh_status(app, refresh) == 401
    fresh, _ = _tokens(app, "paris.manager")  # logging in again gives working tokens
    assert _api_status(app, fresh) == 200


def test_logout_disconnects_the_open_chat_sockets(chat_socket, login_as, db_session):
    sock = chat_socket("paris.manager")
    other_user = chat_socket("paris.staff")
    assert sock.is_connected("/chat")
    sock.http.post("/logout/", data={"csrf_token": sock.http.csrf})
    assert not sock.is_connected("/chat")
    assert other_user.is_connected("/chat")


def _account():
    return UserFactory(centres=[CentreFactory()], role="CentreStaff")


def test_password_change_needs_the_current_password(app, login_as, db_session):
    account = _account()
    client = login_as(account.username)
    client.get("/lang/fr")
    page = client.get("/resetmypassword/form").get_data(as_text=True)
    assert 'name="current_password"' in page
    # Titled as what it is, the current password first, the rule that is checked said
    # (FAB's "Réinitialisation" and "l'application ne verifie pour vous" were shown).
    assert "Modifier mon mot de passe" in page and "Réinitialisation" not in page
    assert page.index('name="current_password"') < page.index('name="password"')
    assert "Au moins 12 caractères" in page and "ne verifie" not in page
    response = client.post("/resetmypassword/form", data={
        "csrf_token": client.csrf, "current_password": "Pas-le-bon-1!",
        "password": NEW_PASSWORD, "conf_password": NEW_PASSWORD})
    assert response.status_code == 400
    assert "n'est pas votre mot de passe actuel" in response.get_data(as_text=True)
    refused = app.test_client().post("/api/v1/security/login", json={
        "username": account.username, "password": NEW_PASSWORD, "provider": "db"})
    assert refused.status_code == 401
    assert client.get("/chat/").status_code == 200  # a refused change ends nothing


def test_password_change_ends_the_other_sessions_tokens_and_sockets(app, login_as,
                                                                     chat_socket, db_session):
    account = _account()
    mine, other = login_as(account.username), login_as(account.username)
    access, refresh = _tokens(app, account.username)
    sock = chat_socket(account.username)
    response = mine.post("/resetmypassword/form", data={
        "csrf_token": mine.csrf, "current_password": DEMO_PASSWORD,
        "password": NEW_PASSWORD, "conf_password": NEW_PASSWORD})
    assert response.status_code == 302
    assert mine.get("/chat/").status_code == 200           # this session goes on
    ended = other.get("/chat/")
    assert ended.status_code == 302 and "/login" in ended.headers["Location"]
    assert _api_status(app, access) == 401 and _refresh_status(app, refresh) == 401
    assert not sock.is_connected("/chat")
    _tokens(app, account.username, NEW_PASSWORD)            # the new password works
