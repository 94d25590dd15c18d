"""Accounts: lockout after repeated failures, single-use expiring set/forgot-password links."""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from app.models.centres import ExamUser, PasswordToken
from app.security.scope import Viewer
from app.services.centres.passwords import password_problems
from app.services.errors import DomainError, InvalidToken, ValidationFailed
from app.services.mail import queue_mail
from app.services.resources import Resource
from app.services.writes import use_case

SET = "set"
RESET = "reset"


def is_locked(user: ExamUser, now: datetime) -> bool:
    return user.locked_until is not None and user.locked_until > now


def record_failed_login(user: ExamUser, now: datetime, threshold: int, minutes: int) -> bool:
    """Count one failure; lock the account for `minutes` at `threshold`. True when it locks now."""
    user.fail_login_count = (user.fail_login_count or 0) + 1
    if user.fail_login_count >= threshold and not is_locked(user, now):
        user.locked_until = now + timedelta(minutes=minutes)
        user.fail_login_count = 0
        return True
    return False


def record_successful_login(user: ExamUser) -> None:
    user.fail_login_count = 0
    user.locked_until = None


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def issue_password_token(session: Session, user: ExamUser, purpose: str, now: datetime,
                         hours: int) -> str:
    """Create a link token (only its hash is stored); earlier unused tokens are revoked."""
    for old in session.scalars(select(PasswordToken).where(
            PasswordToken.user_id == user.id, PasswordToken.used_at.is_(None))):
        old.used_at = now
    raw = secrets.token_urlsafe(32)
    session.add(PasswordToken(user_id=user.id, token_hash=_digest(raw), purpose=purpose,
                              expires_at=now + timedelta(hours=hours)))
    return raw


def find_valid_token(session: Session, raw: str, now: datetime) -> PasswordToken:
    """Raises InvalidToken when the link is unknown, already used or expired."""
    token = session.scalar(select(PasswordToken).where(PasswordToken.token_hash == _digest(raw or "")))
    if token is None or token.used_at is not None or token.expires_at <= now:
        raise InvalidToken(_l("This link is invalid, already used or expired."))
    return token


def consume_password_token(session: Session, raw: str, now: datetime) -> ExamUser:
    """Mark the token used and return its user; raises InvalidToken."""
    token = find_valid_token(session, raw, now)
    token.used_at = now
    user = token.user
    user.locked_until = None
    user.fail_login_count = 0
    user.session_version = (user.session_version or 1) + 1  # other sessions end
    return user


@use_case
def change_own_password(session: Session, user: ExamUser, current: str, new: str) -> int:
    """The user changes their password, proving they know the current one; every session and
    API token of theirs ends (the caller keeps its own session on the returned version).
    Raises ValidationFailed (wrong current password, too weak a new one)."""
    errors = {}
    if not current or not check_password_hash(user.password or "", current):
        errors["current_password"] = _l("is not your current password.")
    problems = password_problems(new)
    if problems:
        errors["password"] = _l("must contain %(list)s.", list=", ".join(str(p) for p in problems))
    if errors:
        raise ValidationFailed(_l("The password was not changed:"), errors)
    user.password = generate_password_hash(new)
    user.session_version = (user.session_version or 1) + 1
    return user.session_version


def send_password_link(session: Session, user: ExamUser, purpose: str, now: datetime,
                       hours: int, base_url: str) -> None:
    """E-mail a set-password (new account) or reset link in the user's language."""
    raw = issue_password_token(session, user, purpose, now, hours)
    link = f"{base_url.rstrip('/')}/password/set/{raw}"

    def render():
        if purpose == SET:
            subject = _("Your ExamDesk account")
            intro = _("An ExamDesk account has been created for you (login: %(login)s).",
                      login=user.username)
            action = _("Choose your password with this link, valid for %(hours)d hours:",
                       hours=hours)
        else:
            subject = _("Reset your ExamDesk password")
            intro = _("A password reset was requested for your account (login: %(login)s).",
                      login=user.username)
            action = _("Choose a new password with this link, valid for %(hours)d hours:",
                       hours=hours)
        ignore = _("If you did not ask for this, ignore this e-mail.")
        return subject, f"{intro}\n\n{action}\n{link}\n\n{ignore}\n"

    queue_mail(session, to=user.email, language=user.language or "fr",
               kind=f"password_{purpose}", render=render)


def find_user_by_login(session: Session, login: str) -> ExamUser | None:
    login = (login or "").strip()
    if not login:
        return None
    return session.scalar(select(ExamUser).where(
        (ExamUser.username == login) | (ExamUser.email == login)))


@use_case
def request_password_reset(session: Session, login: str, now: datetime, hours: int,
                           base_url: str) -> None:
    """"Forgot password": a reset link to an active account with an e-mail; nothing else
    (the answer is the same whether the account exists or not)."""
    user = find_user_by_login(session, login)
    if user is not None and user.active and user.email:
        send_password_link(session, user, RESET, now, hours, base_url)


@use_case
def set_password_from_link(session: Session, raw: str, password_hash: str,
                           now: datetime) -> ExamUser:
    """The password chosen through a set/reset link (hashed by the caller); the link is used
    up and the user's other sessions end. Raises InvalidToken."""
    user = consume_password_token(session, raw, now)
    user.password = password_hash
    return user


class UserResource(Resource):
    """Accounts created by staff: no usable password until the user chooses theirs through
    the set-password link e-mailed at creation."""

    def before_create(self, db: Session, viewer: Viewer, item: ExamUser, now: datetime):
        item.password = generate_password_hash(secrets.token_urlsafe(32))

    def after_create(self, db: Session, viewer: Viewer, item: ExamUser, now: datetime):
        send_password_link(db, item, SET, now, current_app.config["PASSWORD_SET_HOURS"],
                           current_app.config["EXTERNAL_URL"])

    def before_update(self, db: Session, viewer: Viewer, item: ExamUser, now: datetime):
        item.changed_on = now
        item.changed_by_fk = viewer.user_id


USERS = UserResource(ExamUser)


@use_case
def set_language(session: Session, user: ExamUser, language: str, languages) -> None:
    """Remember the interface language a user chose: their next log-in, e-mails and PDFs use
    it. Raises DomainError for a language the application does not offer."""
    if language not in languages:
        raise DomainError(_l("%(language)s is not a language of the application."),
                          language=language)
    user.language = language
