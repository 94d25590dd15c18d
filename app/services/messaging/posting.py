"""Messages the body posts into a conversation on its own (a request's decision), stored
like a staff answer: once, whatever how often the cause is replayed."""
from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.messaging import Conversation, Message
from app.security.roles import SUPPORT
from app.security.scope import Viewer
from app.services.messaging.chat import MAX_BODY, _add_message


def post_from_body(session: Session, conversation: Conversation, author_id: int, body: str,
                   now: datetime, *, client_id: str) -> Message:
    """Store `body` (cut to the message size) as `author_id`'s message in the conversation,
    unless a message with this `client_id` is already there. The caller commits and emits."""
    existing = session.scalar(select(Message).where(
        Message.conversation_id == conversation.id, Message.author_id == author_id,
        Message.client_id == client_id))
    if existing is not None:
        return existing
    staff = Viewer(user_id=author_id, roles=frozenset({SUPPORT}))  # an answer of the body
    return _add_message(session, conversation, SimpleNamespace(id=author_id), staff,
                        body[:MAX_BODY], client_id, now)
