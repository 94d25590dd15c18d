"""REST API tokens that end with the user's sessions: each access and refresh token carries the
user's session version, and a token whose version is no longer the user's (log-out, password
change, password link) is refused by flask_jwt_extended's blocklist check (401)."""
from __future__ import annotations

from app.extensions import db
from app.models.centres import ExamUser

SESSION_CLAIM = "sv"


def _user(identity) -> ExamUser | None:
    try:
        return db.session.get(ExamUser, int(identity))
    except (TypeError, ValueError):
        return None


def token_claims(identity) -> dict:
    """Claims added to every token FAB issues: the user's current session version."""
    user = _user(identity)
    return {SESSION_CLAIM: user.session_version or 1} if user is not None else {}


def token_revoked(_jwt_header, payload: dict) -> bool:
    """True for a token of a user who logged out, changed password or was deactivated since."""
    user = _user(payload.get("sub"))
    if user is None or not user.active:
        return True
    return payload.get(SESSION_CLAIM) != (user.session_version or 1)


def install(jwt_manager) -> None:
    jwt_manager.additional_claims_loader(token_claims)
    jwt_manager.token_in_blocklist_loader(token_revoked)
