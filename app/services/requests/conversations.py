"""A request opened from a chat message ("message → request"): what the form is prefilled
with, the conversation it is linked to, and its decision posted back into that conversation."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.models.candidates import Registration, RegistrationStatus
from app.models.messaging import Conversation, Message
from app.models.requests import ExamRequest
from app.models.sessions import ExamSession
from app.security.scope import Viewer, scope_query
from app.services.live import announce_message
from app.services.messaging.canned import REGISTRATION_LINKS, SESSION_LINKS
from app.services.messaging.chat import ConversationNotFound, get_conversation, serialize_message
from app.services.messaging.notes import readable
from app.services.messaging.notify import recipient_ids
from app.services.messaging.posting import post_from_body
from app.services.parsing import read_integer
from app.services.requests.notices import decision_sentence

CHOICES_LIMIT = 300


@dataclass(frozen=True)
class Prefill:
    """What a request opened from a message starts with."""

    conversation: Conversation
    reason: str
    session: ExamSession | None
    registration: Registration | None


def prefill(db: Session, viewer: Viewer, message_id) -> Prefill:
    """The message's text as the reason, its conversation, and the session or registration
    the conversation is about (when it is about one of its centre's).

    Raises ConversationNotFound for a message the viewer may not read (a staff note, for a
    centre) or in a conversation they do not take part in.
    """
    pk = read_integer(message_id)
    message = db.scalar(select(Message).where(Message.id == pk, readable(viewer))) \
        if pk and pk > 0 else None
    if message is None:
        raise ConversationNotFound(_l("Unknown message."))
    conversation = get_conversation(db, viewer, message.conversation_id)
    session, registration = linked_records(db, viewer, conversation)
    return Prefill(conversation, message.body, session, registration)


def linked_records(db: Session, viewer: Viewer, conversation: Conversation
                   ) -> tuple[ExamSession | None, Registration | None]:
    """(session, registration) the conversation is linked to, within the viewer's scope and of
    the conversation's centre; (None, None) when it is about nothing."""
    link, pk = (conversation.linked_type or "").lower(), conversation.linked_id
    if not pk:
        return None, None
    if link in REGISTRATION_LINKS:
        registration = scope_query(db.query(Registration), Registration, viewer).filter(
            Registration.id == pk, Registration.centre_id == conversation.centre_id).first()
        return (registration.session if registration else None), registration
    if link in SESSION_LINKS:
        session = scope_query(db.query(ExamSession), ExamSession, viewer).filter(
            ExamSession.id == pk, ExamSession.centre_id == conversation.centre_id).first()
        return session, None
    return None, None


def registration_choices(db: Session, viewer: Viewer, conversation: Conversation,
                         session: ExamSession | None = None) -> list[Registration]:
    """The registrations a request from this conversation may be about: the conversation's
    centre's (of `session` when known), in the viewer's scope, withdrawn ones left out."""
    query = scope_query(db.query(Registration), Registration, viewer).filter(
        Registration.centre_id == conversation.centre_id,
        Registration.status != RegistrationStatus.WITHDRAWN)
    if session is not None:
        query = query.filter(Registration.session_id == session.id)
    return query.options(selectinload(Registration.candidate), selectinload(
        Registration.session)).order_by(Registration.id.desc()).limit(CHOICES_LIMIT).all()


def post_decision(db: Session, item: ExamRequest, actor_id: int | None,
                  now: datetime) -> Message | None:
    """Post the decision on a request into its conversation, in the language of the
    conversation's centre (French by default), as a message of the person who decided; it
    is emitted live once the decision commits. None when the request has no conversation."""
    conversation = item.conversation
    if conversation is None or actor_id is None:
        return None
    with force_locale((conversation.centre.language if conversation.centre else None) or "fr"):
        body = _("Decision on request %(number)s: %(sentence)s", number=item.number,
                 sentence=decision_sentence(item))
        if item.decision_note:
            body += "\n" + _("Note: %(note)s", note=item.decision_note)
    message = post_from_body(db, conversation, actor_id, body, now,
                             client_id=f"decision-{item.id}-{item.status.value}")
    announce_message(db, serialize_message(message), recipient_ids(db, message))
    return message
