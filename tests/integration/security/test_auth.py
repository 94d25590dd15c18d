"""Authentication hardening: CSRF, no state change on GET, lockout, rate limits, password links,
idle timeout, server-side log-out, cookie flags and the audit of security events."""
from __future__ import annotations

import re
import time
from datetime import timedelta

from sqlalchemy import select

from app.models.audit import AuditLog
from app.models.centres import Agreement, AgreementStatus, Centre, ExamUser, PasswordToken
from app.models.mail import OutboxEmail
from app.models.reference import PriceList
from app.services.clock import now
from tests.conftest import DEMO_PASSWORD, build_app, csrf_token, do_login


def _user(db_session, username):
    return db_session.scalar(select(ExamUser).where(ExamUser.username == username))


def _paris(db_session):
    return db_session.scalar(select(Centre).where(Centre.code == "PAR-0750001"))


def test_a_get_on_a_delete_url_changes_nothing(db_session, login_as):
    price = db_session.scalars(select(PriceList)).first()
    client = login_as("support")
    client.get(f"/pricelistview/delete/{price.id}")
    db_session.expire_all()
    assert db_session.get(PriceList, price.id) is not None


def test_a_get_on_an_action_url_changes_nothing(db_session, login_as):
    agreement = db_session.scalar(select(Agreement).where(
        Agreement.centre_id == _paris(db_session).id,
        Agreement.status == AgreementStatus.APPROVED))
    client = login_as("paris.manager")
    client.get(f"/agreementview/action/request_renewal/{agreement.id}")
    db_session.expire_all()
    assert db_session.get(Agreement, agreement.id).renewal_requested_at is None


def test_the_action_runs_on_post_with_its_token(db_session, login_as):
    agreement = db_session.scalar(select(Agreement).where(
        Agreement.centre_id == _paris(db_session).id,
        Agreement.status == AgreementStatus.APPROVED))
    client = login_as("paris.manager")
    client.post(f"/agreementview/action/request_renewal/{agreement.id}",
                data={"csrf_token": client.csrf})
    db_session.expire_all()
    assert db_session.get(Agreement, agreement.id).renewal_requested_at is not None


def test_a_post_without_csrf_token_is_refused(db_session, login_as):
    price = db_session.scalars(select(PriceList)).first()
    client = login_as("support")
    response = client.post(f"/pricelistview/delete/{price.id}")
    assert response.status_code == 400
    db_session.expire_all()
    assert db_session.get(PriceList, price.id) is not None


def test_a_post_with_its_token_deletes(db_session, login_as):
    price_id = db_session.scalars(select(PriceList.id)).first()
    client = login_as("support")
    client.post(f"/pricelistview/delete/{price_id}", data={"csrf_token": client.csrf})
    db_session.expire_all()
    assert db_session.get(PriceList, price_id) is None


def test_ten_wrong_passwords_lock_the_account_whatever_the_ip(app, db_session):
    for attempt in range(10):
        client = app.test_client()
        do_login(client, "paris.staff", "wrong-password",
                 environ_base={"REMOTE_ADDR": f"10.0.0.{attempt + 1}"})
    client = app.test_client()
    response = do_login(client, "paris.staff", DEMO_PASSWORD,
                        environ_base={"REMOTE_ADDR": "10.0.1.1"})
    assert "/login" in response.headers["Location"]
    db_session.expire_all()
    user = _user(db_session, "paris.staff")
    assert user.locked_until is not None and user.locked_until > now()
    actions = set(db_session.scalars(select(AuditLog.action).where(AuditLog.user_id == user.id)))
    assert {"login_failed", "lockout", "login_refused_locked"} <= actions


def test_the_lock_ends_after_its_time(app, db_session):
    user = _user(db_session, "paris.staff")
    user.locked_until = now() - timedelta(seconds=1)
    db_session.commit()
    response = do_login(app.test_client(), "paris.staff")
    assert "/login" not in response.headers["Location"]


def test_nine_wrong_passwords_do_not_lock(app, db_session):
    for _ in range(9):
        do_login(app.test_client(), "paris.staff", "wrong-password")
    response = do_login(app.test_client(), "paris.staff")
    assert "/login" not in response.headers["Location"]


def test_the_json_login_counts_towards_the_lockout(app, db_session):
    client = app.test_client()
    for _ in range(10):
        r = client.post("/api/v1/security/login",
                        json={"username": "lyon.staff", "password": "nope", "provider": "db"})
        assert r.status_code == 401
    r = client.post("/api/v1/security/login",
                    json={"username": "lyon.staff", "password": DEMO_PASSWORD, "provider": "db"})
    assert r.status_code == 401


def test_html_and_json_logins_are_rate_limited_per_ip(database_url):
    app = build_app(database_url, AUTH_RATE_LIMIT="3 per minute")
    client = app.test_client()
    codes = [do_login(client, "nobody-here", "x").status_code for _ in range(4)]
    assert codes[:3] == [302, 302, 302] and codes[3] == 429
    api_codes = [client.post("/api/v1/security/login",
                             json={"username": "nobody", "password": "x", "provider": "db"}
                             ).status_code for _ in range(4)]
    assert api_codes[:3] == [401, 401, 401] and api_codes[3] == 429
    other_ip = do_login(app.test_client(), "nobody-here", "x",
                        environ_base={"REMOTE_ADDR": "10.9.9.9"})
    assert other_ip.status_code == 302


def _last_link(db_session, address):
    mail = db_session.scalars(select(OutboxEmail).where(OutboxEmail.recipient == address)
                              .order_by(OutboxEmail.id.desc())).first()
    assert mail is not None, "no e-mail sent"
    return mail, re.search(r"(/password/set/[\w-]+)", mail.body).group(1)


def test_forgot_password_sends_a_single_use_link(app, db_session):
    client = app.test_client()
    token = csrf_token(client, "/password/forgot")
    client.post("/password/forgot", data={"login": "paris.staff", "csrf_token": token})
    mail, link = _last_link(db_session, "paris.staff@examdesk.local")
    assert mail.kind == "password_reset"
    new_password = "Nouveau-Passw0rd!"
    token = csrf_token(client, link)
    client.post(link, data={"password": new_password, "confirm": new_password,
                            "csrf_token": token})
    assert "/login" not in do_login(app.test_client(), "paris.staff",
                                    new_password).headers["Location"]
    again = client.get(link)
    assert again.status_code == 302 and "/login" in again.headers["Location"]


def test_a_password_link_expires(app, db_session):
    client = app.test_client()
    client.post("/password/forgot", data={"login": "lyon.staff",
                                          "csrf_token": csrf_token(client, "/password/forgot")})
    _, link = _last_link(db_session, "lyon.staff@examdesk.local")
    for token in db_session.scalars(select(PasswordToken)):
        token.expires_at = now() - timedelta(minutes=1)
    db_session.commit()
    response = client.get(link)
    assert response.status_code == 302


def test_forgot_password_answers_the_same_for_an_unknown_login(app, db_session):
    client = app.test_client()
    before = db_session.query(OutboxEmail).count()
    r = client.post("/password/forgot", data={"login": "nobody", "csrf_token":
                                              csrf_token(client, "/password/forgot")})
    assert r.status_code == 302
    assert db_session.query(OutboxEmail).count() == before


def test_a_weak_password_is_refused_with_its_reasons(app, db_session):
    client = app.test_client()
    client.post("/password/forgot", data={"login": "paris.staff",
                                          "csrf_token": csrf_token(client, "/password/forgot")})
    _, link = _last_link(db_session, "paris.staff@examdesk.local")
    page = client.post(link, data={"password": "short", "confirm": "short",
                                   "csrf_token": csrf_token(client, link)})
    assert page.status_code == 200
    assert "alert-danger" in page.text
    assert "/login" in do_login(app.test_client(), "paris.staff", "short").headers["Location"]


def test_an_account_created_by_staff_receives_a_set_password_link(app, db_session, login_as):
    client = login_as("admin")
    with app.app_context():
        role_id = app.appbuilder.sm.find_role("CentreStaff").id
    paris = _paris(db_session)
    response = client.post("/users/add", data={
        "first_name": "Jeanne", "last_name": "Durand", "username": "jeanne.durand",
        "active": "y", "email": "jeanne.durand@examdesk.local", "language": "fr",
        "roles": [str(role_id)], "centres": [str(paris.id)], "csrf_token": client.csrf})
    assert response.status_code == 302
    mail, link = _last_link(db_session, "jeanne.durand@examdesk.local")
    assert mail.kind == "password_set"
    password = "Premier-Passw0rd!"
    anonymous = app.test_client()
    anonymous.post(link, data={"password": password, "confirm": password,
                               "csrf_token": csrf_token(anonymous, link)})
    assert "/login" not in do_login(app.test_client(), "jeanne.durand",
                                    password).headers["Location"]


def test_thirty_minutes_of_inactivity_log_out(app, login_as):
    client = login_as("paris.staff")
    assert client.get("/centreview/list/").status_code == 200
    with client.session_transaction() as sess:
        sess["_seen"] = int(time.time()) - 31 * 60
    response = client.get("/centreview/list/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_activity_keeps_the_session(app, login_as):
    client = login_as("paris.staff")
    with client.session_transaction() as sess:
        sess["_seen"] = int(time.time()) - 29 * 60
    assert client.post("/account/keepalive", headers={"X-CSRFToken": client.csrf}).status_code == 200
    assert client.get("/centreview/list/").status_code == 200


def test_static_files_and_background_refreshes_are_not_activity(app, login_as):
    """The page's idle timer counts from the page's own request: a font or an icon fetched after
    its scripts ran, or its live refresh, must not push the server's deadline past the timer's
    (the log-out would land on a session still alive and go back to the page)."""
    client = login_as("paris.staff")
    seen = int(time.time()) - 10 * 60
    with client.session_transaction() as sess:
        sess["_seen"] = seen
    assert client.get("/static/examdesk/idle.js").status_code == 200
    assert client.get("/static/appbuilder/css/ab.css").status_code == 200
    assert client.get("/centreview/list/",
                      headers={"X-ExamDesk-Background": "1"}).status_code == 200
    with client.session_transaction() as sess:
        assert sess["_seen"] == seen
    assert client.get("/centreview/list/").status_code == 200
    with client.session_transaction() as sess:
        assert sess["_seen"] > seen


def test_a_background_refresh_after_the_deadline_is_logged_out(app, login_as):
    client = login_as("paris.staff")
    with client.session_transaction() as sess:
        sess["_seen"] = int(time.time()) - 31 * 60
    response = client.get("/centreview/list/", headers={"X-ExamDesk-Background": "1"})
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_log_out_invalidates_the_session_on_the_server(app, login_as):
    client = login_as("paris.staff")
    stolen = client.get_cookie("session").value
    client.post("/logout/", data={"csrf_token": client.csrf})
    thief = app.test_client()
    thief.set_cookie("session", stolen)
    response = thief.get("/centreview/list/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_log_out_by_get_only_asks_for_confirmation(app, login_as):
    client = login_as("paris.staff")
    assert client.get("/logout/").status_code == 200
    assert client.get("/centreview/list/").status_code == 200


def test_cookies_are_secure_httponly_and_samesite(database_url):
    app = build_app(database_url, SESSION_COOKIE_SECURE=True)
    client = app.test_client()
    response = client.get("/login/", base_url="https://localhost")
    cookie = response.headers.get("Set-Cookie", "")
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_permission_refusals_are_audited(db_session, login_as):
    client = login_as("paris.staff")
    assert client.get("/auditlogview/list/").status_code == 403
    user = _user(db_session, "paris.staff")
    refusal = db_session.scalar(select(AuditLog).where(AuditLog.user_id == user.id,
                                                       AuditLog.action == "access_denied"))
    assert refusal is not None and "/auditlogview/list/" in refusal.detail


def test_a_login_is_audited(db_session, login_as):
    login_as("lyon.manager")
    user = _user(db_session, "lyon.manager")
    assert db_session.scalar(select(AuditLog).where(AuditLog.user_id == user.id,
                                                    AuditLog.action == "login")) is not None


def test_the_login_page_says_why_after_an_inactivity_log_out(app):
    client = app.test_client()
    client.get("/lang/fr")
    after_idle = client.get("/login/?expired=1&next=/centreview/list/").get_data(as_text=True)
    assert "Vous avez été déconnecté pour inactivité" in after_idle
    assert "déconnecté pour inactivité" not in client.get("/login/").get_data(as_text=True)
