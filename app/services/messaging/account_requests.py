"""Account-creation requests: a centre manager asks in a conversation, the body creates it."""
from __future__ import annotations

import re
from datetime import datetime

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.centres import ExamUser
from app.models.messaging import Conversation, ConversationKind
from app.security.roles import CENTRE_MANAGER, CENTRE_STAFF, EVALUATOR
from app.security.scope import Viewer
from app.services.centres.accounts import SET, send_password_link
from app.services.errors import NotAllowed, ValidationFailed
from app.services.messaging.chat import get_conversation, post_message, start_conversation
from app.services.writes import use_case

REQUESTABLE_ROLES = (CENTRE_STAFF, CENTRE_MANAGER, EVALUATOR)
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def check_request(session: Session, first_name: str, last_name: str, email: str,
                  role: str) -> dict:
    """The cleaned request fields; raises ValidationFailed naming every wrong field."""
    data = {"request_first_name": (first_name or "").strip()[:120],
            "request_last_name": (last_name or "").strip()[:120],
            "request_email": (email or "").strip().lower()[:200], "request_role": role}
    errors = {}
    if not data["request_first_name"]:
        errors["first_name"] = _l("is required.")
    if not data["request_last_name"]:
        errors["last_name"] = _l("is required.")
    if not EMAIL.match(data["request_email"]):
        errors["email"] = _l("is not a valid e-mail address.")
    elif session.scalar(select(ExamUser.id).where(ExamUser.email == data["request_email"])):
        errors["email"] = _l("already belongs to an account.")
    if role not in REQUESTABLE_ROLES:
        errors["role"] = _l("is not a role a centre may request.")
    if errors:
        raise ValidationFailed(_l("The request was not sent:"), errors, {
            "first_name": _l("First name"), "last_name": _l("Last name"),
            "email": _l("E-mail"), "role": _l("Role")})
    return data


@use_case
def request_account(session: Session, viewer: Viewer, user: ExamUser, *, first_name: str,
                    last_name: str, email: str, role: str, message: str,
                    now: datetime) -> Conversation:
    """A centre manager asks for an account: administrative ones go to Support, evaluator
    ones to Pedagogy. Raises NotAllowed, ValidationFailed."""
    if CENTRE_MANAGER not in viewer.roles or viewer.centre_id is None:
        raise NotAllowed(_l("Only a centre manager may request an account."))
    data = check_request(session, first_name, last_name, email, role)
    title = _("Account request: %(first)s %(last)s", first=data["request_first_name"],
              last=data["request_last_name"])
    body = (message or "").strip() or title
    return start_conversation(session, viewer, user, title=title, body=body, now=now,
                              kind=ConversationKind.ACCOUNT, **data)


@use_case
def create_requested_account(session: Session, viewer: Viewer, staff: ExamUser,
                             conversation_id, *, add_user, find_role, now: datetime,
                             base_url: str, hours: int) -> ExamUser:
    """Create the requested account (FAB's add_user), link it to the centre, e-mail the
    set-password link and answer in the thread, as one use-case (`add_user` must not commit).

    Raises ConversationNotFound, NotAllowed (not staff, not a request, already created).
    """
    if not viewer.is_body:
        raise NotAllowed(_l("Only the body's staff may create accounts."))
    conversation = get_conversation(session, viewer, conversation_id)
    if conversation.kind != ConversationKind.ACCOUNT or conversation.request_user_id:
        raise NotAllowed(_l("This conversation has no account left to create."))
    check_request(session, conversation.request_first_name, conversation.request_last_name,
                  conversation.request_email, conversation.request_role)
    user = add_user(_free_username(session, conversation.request_email),
                    conversation.request_first_name, conversation.request_last_name,
                    conversation.request_email, find_role(conversation.request_role))
    if not user:
        raise NotAllowed(_l("The account could not be created."))
    user.language = conversation.created_by.language or "fr"
    user.centres = [conversation.centre]
    session.flush()
    conversation.request_user_id = user.id
    send_password_link(session, user, SET, now, hours, base_url)
    with force_locale(conversation.created_by.language or "fr"):
        answer = _("The account %(login)s has been created. A link to choose a password has "
                   "been e-mailed to %(email)s.", login=user.username, email=user.email)
    post_message(session, viewer, staff, conversation.id, answer, None, now)
    return user


def _free_username(session: Session, email: str) -> str:
    base = re.sub(r"[^a-z0-9._-]", "", email.split("@")[0].lower()) or "user"
    candidate, n = base, 1
    while session.scalar(select(ExamUser.id).where(ExamUser.username == candidate)):
        n += 1
        candidate = f"{base}{n}"
    return candidate
