"""Canned replies: the ones offered in a conversation's composer, in the user's language, with
{centre}, {session} and {candidate} filled from what the conversation is about."""
from __future__ import annotations

import re
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.candidates import Registration
from app.models.messaging import CannedReply, Conversation
from app.models.sessions import ExamSession
from app.security.scope import Viewer
from app.services.errors import ValidationFailed
from app.services.resources import Resource

VARIABLES = ("centre", "session", "candidate")
SHORTCUT = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
LANGUAGES = ("fr", "en")
SESSION_LINKS = ("session", "exam_session", "examsession")
REGISTRATION_LINKS = ("registration",)


def check_reply(reply: CannedReply) -> None:
    """Raises ValidationFailed: a shortcut of letters, digits, - and _; a known language; a
    variable other than {centre}, {session}, {candidate}."""
    errors = {}
    if not SHORTCUT.match(reply.shortcut or ""):
        errors["shortcut"] = _l("lower-case letters, digits, - and _ only (at most 40).")
    if reply.language not in LANGUAGES:
        errors["language"] = _l("French (fr) or English (en).")
    unknown = sorted(set(re.findall(r"\{(\w+)\}", reply.body or "")) - set(VARIABLES))
    if unknown:
        errors["body"] = _l("Unknown variables: %(names)s (allowed: {centre}, {session}, "
                            "{candidate}).", names=", ".join(unknown))
    if errors:
        raise ValidationFailed(_l("The canned reply cannot be saved:"), errors)


def conversation_values(session: Session, conversation: Conversation) -> dict[str, str]:
    """What the variables stand for in this conversation (absent when it is about nothing)."""
    values = {"centre": conversation.centre.name if conversation.centre else ""}
    link = (conversation.linked_type or "").lower()
    if conversation.linked_id and link in SESSION_LINKS:
        exam = session.get(ExamSession, conversation.linked_id)
        if exam is not None and exam.centre_id in (None, conversation.centre_id):
            values["session"] = str(exam)
    elif conversation.linked_id and link in REGISTRATION_LINKS:
        registration = session.get(Registration, conversation.linked_id)
        if registration is not None and registration.centre_id == conversation.centre_id:
            values["session"] = str(registration.session)
            candidate = registration.candidate
            values["candidate"] = f"{candidate.first_name} {candidate.last_name}"
    return values


def fill(body: str, values: dict[str, str]) -> str:
    """The body with each known variable replaced; one with no value stays for the user."""
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1)) or m.group(0), body)


def replies_for(session: Session, viewer: Viewer, conversation: Conversation,
                language: str) -> list[dict]:
    """The canned replies of `language` (then of the other one), filled for `conversation`.
    Only body staff have canned replies: anyone else gets none."""
    if not viewer.is_body:
        return []
    values = conversation_values(session, conversation)
    rows = session.scalars(select(CannedReply).order_by(CannedReply.shortcut))
    rows = sorted(rows, key=lambda r: (r.language != language, r.shortcut))
    return [{"id": r.id, "shortcut": r.shortcut, "title": r.title, "language": r.language,
             "body": fill(r.body, values)} for r in rows]


class CannedReplyResource(Resource):
    """Canned replies are shared rows: body staff write them (write scope), each checked."""

    def before_create(self, db: Session, viewer: Viewer, item: CannedReply, now: datetime):
        check_reply(item)

    def before_update(self, db: Session, viewer: Viewer, item: CannedReply, now: datetime):
        check_reply(item)


CANNED_REPLIES = CannedReplyResource(CannedReply)
