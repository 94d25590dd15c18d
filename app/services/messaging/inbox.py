"""Support's inbox and the centres' conversation list: filters, the linked session's next
deadline, waiting time, unread counts."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import nulls_last
from sqlalchemy.orm import Session

from app.models.messaging import Conversation, ConversationStatus
from app.security.scope import Viewer
from app.services.messaging import urgency
from app.services.messaging.chat import followed_conversations, unread_counts

FILTERS = ("all", "unread", "waiting", "closed")


@dataclass(frozen=True)
class InboxRow:
    conversation: Conversation
    unread: int
    waiting_minutes: int | None
    deadline: urgency.Deadline | None = None
    band: str | None = None  # "red", "orange" or None (app/services/messaging/urgency.py)
    deadline_label: str = ""


def waiting_minutes(conversation: Conversation, now: datetime) -> int | None:
    """Minutes since the centre's oldest unanswered message (None when answered or closed)."""
    if conversation.awaiting_since is None or conversation.status == ConversationStatus.CLOSED:
        return None
    return max(int((now - conversation.awaiting_since).total_seconds() // 60), 0)


def inbox(session: Session, viewer: Viewer, now: datetime, *, flt: str = "all",
          all_centres: bool = False, limit: int = 200) -> list[InboxRow]:
    """The viewer's conversations: the open ones whose linked session has the nearest next
    deadline first, then the longest-waiting, then the most recent."""
    query = followed_conversations(session, viewer, all_centres=all_centres)
    counts = unread_counts(session, viewer, all_centres=all_centres)
    if flt == "closed":
        query = query.filter(Conversation.status == ConversationStatus.CLOSED)
    elif flt == "waiting":
        query = query.filter(Conversation.status == ConversationStatus.OPEN,
                             Conversation.awaiting_since.is_not(None))
    elif flt == "unread":
        query = query.filter(Conversation.id.in_(list(counts) or [0]))
    # Open conversations whose linked session may still have a deadline are read whole (few:
    # sessions not over yet) and ordered by it in Paris time; the others fill up to `limit`.
    upcoming = urgency.has_upcoming_session(now)
    query = query.add_columns(urgency.linked_session_id()).order_by(
        nulls_last(Conversation.awaiting_since.asc()),
        nulls_last(Conversation.last_message_at.desc()), Conversation.id.desc())
    found = query.filter(upcoming).all()
    found += query.filter(~upcoming).limit(max(limit - len(found), 0)).all()
    sessions = urgency.sessions_by_id(session, (session_id for _c, session_id in found))
    rows = []
    for conversation, session_id in found:
        deadline = urgency.conversation_deadline(conversation, sessions.get(session_id), now)
        rows.append(InboxRow(conversation, counts.get(conversation.id, 0),
                             waiting_minutes(conversation, now), deadline,
                             urgency.band(deadline, now), urgency.describe(deadline, now)))
    rows.sort(key=_order)
    return rows[:limit]


def _order(row: InboxRow) -> tuple:
    """Nearest deadline first, then the longest wait, then the latest message."""
    conversation, never = row.conversation, datetime.min
    last = conversation.last_message_at
    return (row.deadline is None, row.deadline.moment if row.deadline else never,
            conversation.awaiting_since is None, conversation.awaiting_since or never,
            last is None, -(last - never).total_seconds() if last else 0, -conversation.id)


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
