"""Per-request security: sliding 30-minute idle timeout, server-side session revocation, audit actor."""
from __future__ import annotations

import time

from blinker import Namespace
from flask import Flask, current_app, flash, g, request, session
from flask_babel import gettext as _
from flask_login import current_user, logout_user, user_logged_in

from app.extensions import db
from app.services import audit

SESSION_VERSION_KEY = "_sv"
LAST_SEEN_KEY = "_seen"
# Sent by a page's own background requests (the live dashboard's refresh, an export's progress):
# they are not the user's activity, so they do not push back the inactivity deadline.
BACKGROUND_HEADER = "X-ExamDesk-Background"
# Sent with `user_id` when every session of a user ends (log-out, password change): the chat
# disconnects the user's open sockets (app/chat/__init__.py).
sessions_ended = Namespace().signal("examdesk-sessions-ended")


def end_sessions(user_id: int) -> None:
    sessions_ended.send(current_app._get_current_object(), user_id=user_id)


def install(app: Flask) -> None:
    app.before_request(_guard)
    app.after_request(_audit_refusals)
    user_logged_in.connect(_on_login, app)
    audit.install()


def _on_login(_sender, user, **_kw):
    session[SESSION_VERSION_KEY] = user.session_version or 1
    session[LAST_SEEN_KEY] = int(time.time())
    session.permanent = True


def _is_static() -> bool:
    endpoint = request.endpoint or ""
    return endpoint == "static" or endpoint.endswith(".static")


def _guard():
    # A static file is not activity either: a font the style sheet asks for after the page ran
    # its scripts would move the server's deadline past the one the page's idle timer counts to
    # (idle.js), and its log-out would land on a session still alive.
    if _is_static():
        return
    session.permanent = True  # FAB logs in a non-permanent session: the lifetime applies only so
    user = g.get("user")
    if user is not None and getattr(user, "is_authenticated", False) and "_user_id" in session:
        idle = current_app.config["PERMANENT_SESSION_LIFETIME"].total_seconds()
        last_seen = session.get(LAST_SEEN_KEY, 0)
        revoked = session.get(SESSION_VERSION_KEY) != (user.session_version or 1)
        if revoked or time.time() - last_seen > idle:
            logout_user()
            session.clear()
            g.user = current_user
            if not revoked:
                flash(_("You were logged out after %(minutes)d minutes of inactivity.",
                        minutes=int(idle // 60)), "warning")
        elif not request.headers.get(BACKGROUND_HEADER):
            session[LAST_SEEN_KEY] = int(time.time())
    actor_user = g.get("user")
    if actor_user is not None and getattr(actor_user, "is_authenticated", False):
        audit.set_actor(audit.Actor(actor_user.id, actor_user.username, request.remote_addr))
    else:
        audit.set_actor(audit.Actor(None, None, request.remote_addr))


def _audit_refusals(response):
    if response.status_code == 403:
        user = g.get("user")
        if user is not None and getattr(user, "is_authenticated", False):
            try:
                audit.log_security_event(db.session, "access_denied", user=user,
                                         detail=f"{request.method} {request.path}",
                                         ip=request.remote_addr)
            except Exception:  # never turn a refusal into an error page
                db.session.rollback()
    return response
