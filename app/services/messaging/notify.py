"""E-mail to offline participants of a conversation, at most one per quarter hour each."""
from __future__ import annotations

from datetime import datetime, timedelta

from flask_appbuilder.security.sqla.models import Role
from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.models.centres import ExamUser
from app.models.messaging import ChatNotification, Conversation, Message
from app.security.roles import BODY_ROLES
from app.services.mail import queue_mail
from app.services.messaging.chat import participant_ids

THROTTLE = timedelta(minutes=15)


def recipient_ids(session: Session, message: Message) -> set[int]:
    """Who is told about a new message (live nudge, offline e-mail): the conversation's
    followers, and for a staff note only those of them who are staff."""
    ids = participant_ids(session, message.conversation)
    if not message.internal or not ids:
        return ids
    return set(session.scalars(select(ExamUser.id).join(ExamUser.roles).where(
        ExamUser.id.in_(ids), Role.name.in_(BODY_ROLES)).distinct()))


def may_notify(last_sent: datetime | None, now: datetime) -> bool:
    """Pure rule: a recipient gets at most one e-mail per conversation per quarter hour."""
    return last_sent is None or now - last_sent >= THROTTLE


def notify_offline(session: Session, message: Message, online_user_ids: set[int],
                   now: datetime, base_url: str, followers: set[int] | None = None) -> list[int]:
    """Queue a notification to each participant but the author who is not connected;
    returns the ids of the users e-mailed. The caller commits."""
    conversation = message.conversation
    if followers is None:
        followers = recipient_ids(session, message)
    offline = sorted(set(followers) - set(online_user_ids) - {message.author_id})
    if not offline:
        return []
    throttles = {t.user_id: t for t in session.scalars(select(ChatNotification).where(
        ChatNotification.conversation_id == conversation.id,
        ChatNotification.user_id.in_(offline)))}
    notified = []
    for user_id in offline:
        throttle = throttles.get(user_id)
        if not may_notify(throttle.sent_at if throttle else None, now):
            continue
        user = session.get(ExamUser, user_id)
        if user is None or not user.active or not user.email:
            continue
        if _claim(session, conversation.id, user_id, now):
            _queue(session, user, conversation, message, base_url)
            notified.append(user_id)
    return notified


def _claim(session: Session, conversation_id: int, user_id: int, now: datetime) -> bool:
    """Take the right to e-mail `user_id` about the conversation now, atomically: two processes
    following the same burst must not both e-mail (nor both insert the throttle row and have
    one refused). A conditional UPDATE of a throttle older than the quarter hour, else an INSERT
    that yields to a concurrent one; False: another follow-up took it first."""
    table = ChatNotification.__table__
    key = (table.c.conversation_id == conversation_id) & (table.c.user_id == user_id)
    if session.execute(update(table).where(key, table.c.sent_at <= now - THROTTLE).values(
            sent_at=now)).rowcount:
        return True
    insert = postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    return session.execute(insert(table).values(  # (rowcount is -1 here on psycopg)
        conversation_id=conversation_id, user_id=user_id, sent_at=now).on_conflict_do_nothing(
        index_elements=["conversation_id", "user_id"]).returning(table.c.id)).first() is not None


def _queue(session: Session, user: ExamUser, conversation: Conversation, message: Message,
           base_url: str) -> None:
    link = f"{base_url.rstrip('/')}/chat/conversation/{conversation.id}"
    author = message.author.get_full_name() if message.author else ""

    def render():
        subject = _("New message: %(title)s", title=conversation.title)
        intro = _("%(author)s wrote in the conversation \"%(title)s\" (%(centre)s):",
                  author=author, title=conversation.title, centre=conversation.centre.name)
        action = _("Read and answer it in ExamDesk:")
        return subject, f"{intro}\n\n{message.body}\n\n{action}\n{link}\n"

    queue_mail(session, to=user.email, language=user.language or "fr", kind="chat_message",
               render=render)
