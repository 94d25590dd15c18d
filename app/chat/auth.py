"""Who is on the other end of a socket: Origin check, session cookie or REST API token."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, g, request, session
from flask_jwt_extended import decode_token
from flask_login import current_user

from app.extensions import db
from app.models.centres import ExamUser
from app.security.context import ACTIVE_CENTRE_KEY, viewer_for
from app.security.session_guard import SESSION_VERSION_KEY
from app.security.tokens import token_revoked


def _origin_of(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def origin_allowed(origin: str | None, host_url: str, external_url: str | None) -> bool:
    """A browser's WebSocket Origin must be the application's own host or EXTERNAL_URL.
    Non-browser clients send no Origin; they authenticate with a token."""
    if origin is None:
        return True
    allowed = {_origin_of(host_url), _origin_of(external_url)} - {None}
    return _origin_of(origin) in allowed


def check_origin() -> bool:
    return origin_allowed(request.headers.get("Origin"), request.host_url,
                          current_app.config.get("EXTERNAL_URL"))


def user_from_token(token) -> ExamUser | None:
    """The active user of a REST API access token (flask_jwt_extended), or None."""
    if not isinstance(token, str) or not token:
        return None

    try:
        claims = decode_token(token)
    except Exception:  # expired, forged, malformed: all simply unauthenticated
        return None
    if claims.get("type") != "access" or token_revoked(None, claims):
        return None  # a token of a user who logged out or changed password since
    try:
        user = db.session.get(ExamUser, int(claims.get("sub")))
    except (TypeError, ValueError):
        return None
    return user if user is not None and user.active else None


def cookie_user() -> ExamUser | None:
    """The logged-in user of the session cookie, unless the session was revoked since."""
    # Read from this event's cookie, never from a user cached in an outer context's `g`.
    g.pop("_login_user", None)
    g.pop("_examdesk_viewer", None)
    if not current_user.is_authenticated:
        return None
    if session.get(SESSION_VERSION_KEY) != (current_user.session_version or 1):
        return None
    return current_user._get_current_object()


def socket_user(token_user_ids: dict) -> ExamUser | None:
    """The user of this event (cookie first, else the token user recorded at connect);
    sets g.user, since FAB's before_request does not run for Socket.IO events."""
    user = cookie_user()
    if user is None:
        user_id = token_user_ids.get(request.sid)
        user = db.session.get(ExamUser, user_id) if user_id else None
        if user is not None and not user.active:
            user = None
    g.user = user if user is not None else current_user
    return user


def socket_viewer(user: ExamUser):
    return viewer_for(user, session.get(ACTIVE_CENTRE_KEY))
