"""Support's inbox and the centres' conversation list: filters, waiting time, unread counts."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import nulls_last
from sqlalchemy.orm import Session

from app.models.messaging import Conversation, ConversationStatus
from app.security.scope import Viewer
from app.services.messaging.chat import followed_conversations, unread_counts, waiting_minutes

FILTERS = ("all", "unread", "waiting", "closed")


@dataclass(frozen=True)
class InboxRow:
    conversation: Conversation
    unread: int
    waiting_minutes: int | None


def inbox(session: Session, viewer: Viewer, now: datetime, *, flt: str = "all",
          all_centres: bool = False, limit: int = 200) -> list[InboxRow]:
    """The viewer's conversations, longest-waiting first, then the most recent."""
    query = followed_conversations(session, viewer, all_centres=all_centres)
    counts = unread_counts(session, viewer, all_centres=all_centres)
    if flt == "closed":
        query = query.filter(Conversation.status == ConversationStatus.CLOSED)
    elif flt == "waiting":
        query = query.filter(Conversation.status == ConversationStatus.OPEN,
                             Conversation.awaiting_since.is_not(None))
    elif flt == "unread":
        query = query.filter(Conversation.id.in_(list(counts) or [0]))
    query = query.order_by(nulls_last(Conversation.awaiting_since.asc()),
                           nulls_last(Conversation.last_message_at.desc()),
                           Conversation.id.desc())
    return [InboxRow(c, counts.get(c.id, 0), waiting_minutes(c, now))
            for c in query.limit(limit)]


def format_waiting(minutes: int | None) -> str:
    """'35 min' / '2 h 05' / '3 d 4 h' — the waiting time as shown in the inbox."""
    if minutes is None:
        return ""
    if minutes < 60:
        return _("%(minutes)d min", minutes=minutes)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return _("%(days)d d %(hours)d h", days=days, hours=hours)
    return _("%(hours)d h %(minutes)02d", hours=hours, minutes=mins)
