"""Who is on the other end of a socket: Origin check, session cookie or REST API token."""
from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from flask import current_app, g, request, session
from flask_appbuilder.security.sqla.models import assoc_user_role
from flask_jwt_extended import decode_token
from flask_login import current_user
from sqlalchemy import bindparam, literal, select, union_all

from app.extensions import db
from app.models.centres import ExamUser, user_centre
from app.security.context import ACTIVE_CENTRE_KEY, viewer_for
from app.security.scope import Viewer
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


# -- who is on a socket, remembered for its lifetime and checked again at every event ----------
@dataclass(frozen=True)
class SocketIdentity:
    """What an open socket's events need of their user. The cookie and token of a socket are
    fixed when it connects; what can change later is checked at every event (`revalidated`)."""

    user_id: int
    session_version: int
    role_ids: frozenset[int]
    centre_ids: frozenset[int]
    viewer: Viewer
    name: str
    requested_centre: int | None


def identify(user: ExamUser, requested_centre: int | None) -> SocketIdentity:
    return SocketIdentity(user.id, user.session_version or 1,
                          frozenset(r.id for r in user.roles), frozenset(user.centre_ids),
                          viewer_for(user, requested_centre), user.get_full_name(),
                          requested_centre)


def connecting_identity(token_auth) -> SocketIdentity | None:
    """At connect: the session cookie's user, else the REST API token's (None: refuse)."""
    user = cookie_user()
    if user is None and isinstance(token_auth, dict):
        user = user_from_token(token_auth.get("token"))
    if user is None:
        return None
    return identify(user, session.get(ACTIVE_CENTRE_KEY))


# Built once (its cache key is computed once): it runs at every socket event.
_STATE = union_all(
    select(literal("v"), ExamUser.session_version, ExamUser.active).where(
        ExamUser.id == bindparam("user_id")),
    select(literal("r"), assoc_user_role.c.role_id, literal(True)).where(
        assoc_user_role.c.user_id == bindparam("user_id")),
    select(literal("c"), user_centre.c.centre_id, literal(True)).where(
        user_centre.c.user_id == bindparam("user_id")))


def _current_state(user_id: int):
    """One round trip: (active, session version) of the user, their role ids, centre ids."""
    found = {"v": None, "r": set(), "c": set()}
    for kind, value, active in db.session.connection().execute(_STATE, {"user_id": user_id}):
        if kind == "v":
            found["v"] = (bool(active), value or 1)
        else:
            found[kind].add(value)
    return found


def revalidated(identity: SocketIdentity | None) -> SocketIdentity | None:
    """The socket's identity if its user may still act: active, same session version (a log-out
    or a password change ends it, as it ends the cookie session and the API tokens), with the
    viewer rebuilt when their roles or centres changed since; else None."""
    if identity is None:
        return None
    state = _current_state(identity.user_id)
    if state["v"] != (True, identity.session_version):
        return None
    if state["r"] != identity.role_ids or state["c"] != identity.centre_ids:
        user = db.session.get(ExamUser, identity.user_id)
        identity = replace(identify(user, identity.requested_centre),
                           session_version=identity.session_version)
    return identity
