"""Messaging rules: who takes part, store-then-emit messages, resync, receipts, unread counts."""
from __future__ import annotations

import random
import time
from datetime import datetime

from flask_appbuilder.security.sqla.models import Role
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.models.centres import Centre, ExamUser, user_centre
from app.models.messaging import (
    Conversation,
    ConversationKind,
    ConversationStatus,
    Message,
    ReadReceipt,
)
from app.security.roles import ADMIN, CENTRE_ROLES, PEDAGOGY, SUPPORT
from app.security.scope import Viewer, scope_query
from app.services.errors import ConstraintViolated, DomainError, NotAllowed, ValidationFailed
from app.services.messaging.assignees import default_assignee, staff_choices  # noqa: F401
from app.services.messaging.notes import check_note, readable
from app.services.parsing import read_integer
from app.services.writes import transaction, use_case

MAX_BODY = 5000
MAX_TITLE = 200
MAX_CLIENT_ID = 64
SYNC_LIMIT = 500


class ConversationNotFound(DomainError):
    """Unknown conversation, or one the user does not take part in (both look the same)."""


def _not_found() -> ConversationNotFound:
    return ConversationNotFound(_l("Unknown conversation."))


# -- who takes part --------------------------------------------------------------------------
def visible_conversations(session: Session, viewer: Viewer):
    """The conversations the viewer may see (tenancy of app/security/scope.py)."""
    return scope_query(session.query(Conversation), Conversation, viewer)


def _row_id(raw) -> int | None:
    """An id the database can look up (a positive integer that fits the id column), else None."""
    value = read_integer(raw)
    return value if value is not None and value > 0 else None


def message_id(raw, name: str) -> int:
    """A message id sent by a client (0, None or "" for none): a whole number that fits the id
    column, else ValidationFailed naming `name`."""
    if raw is None or raw == "":
        return 0
    value = read_integer(raw)
    if value is None or value < 0:
        raise ValidationFailed(_l("This request is not valid:"),
                               {name: _l("is not a message number.")})
    return value


def get_conversation(session: Session, viewer: Viewer, conversation_id) -> Conversation:
    """The conversation if the viewer takes part in it; raises ConversationNotFound."""
    pk = _row_id(conversation_id)
    if pk is None:
        raise _not_found()
    conversation = visible_conversations(session, viewer).filter(Conversation.id == pk).first()
    if conversation is None:
        raise _not_found()
    return conversation


def participant_ids(session: Session, conversation: Conversation) -> set[int]:
    """Users who follow the conversation: its creator, its assignee, every author, and the
    active users of the centre (managers and staff). Two queries, whatever the thread size."""
    ids = {conversation.created_by_id}
    if conversation.assignee_id:
        ids.add(conversation.assignee_id)
    ids |= set(session.scalars(select(Message.author_id).where(
        Message.conversation_id == conversation.id).distinct()))
    ids |= set(session.scalars(select(user_centre.c.user_id).join(
        ExamUser, ExamUser.id == user_centre.c.user_id).join(ExamUser.roles).where(
        user_centre.c.centre_id == conversation.centre_id, ExamUser.active.is_(True),
        Role.name.in_(CENTRE_ROLES)).distinct()))
    return ids


# -- starting, closing, reassigning ----------------------------------------------------------
def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def check_text(title: str | None, body: str | None, *, need_title: bool) -> tuple[str, str]:
    """Trimmed (title, body); raises ValidationFailed naming each wrong field."""
    title, body = _text(title), _text(body)
    errors = {}
    if need_title and not title:
        errors["title"] = _l("is required.")
    elif len(title) > MAX_TITLE:
        errors["title"] = _l("is too long (%(max)d characters at most).", max=MAX_TITLE)
    if not body:
        errors["body"] = _l("is required.")
    elif len(body) > MAX_BODY:
        errors["body"] = _l("is too long (%(max)d characters at most).", max=MAX_BODY)
    if errors:
        raise ValidationFailed(_l("The message was not sent:"), errors,
                               {"title": _l("Title"), "body": _l("Message")})
    return title, body


def conversation_centre(session: Session, viewer: Viewer, centre_id) -> Centre:
    """The centre of a new conversation, chosen by the server: body staff name it; everyone
    else writes in their active centre, and naming another one is refused (NotAllowed)."""
    given = centre_id not in (None, "")
    if viewer.is_body:
        centre = session.get(Centre, _row_id(centre_id)) if _row_id(centre_id) else None
    elif given and _row_id(centre_id) != viewer.centre_id:
        raise NotAllowed(_l("You may only write to the messaging of your own centre."))
    else:
        centre = session.get(Centre, viewer.centre_id) if viewer.centre_id else None
    if centre is None:
        raise NotAllowed(_l("Choose the centre this conversation is about."))
    return centre


@use_case
def start_conversation(session: Session, viewer: Viewer, user: ExamUser, *, title: str,
                       body: str, now: datetime, centre_id: int | None = None,
                       kind: ConversationKind = ConversationKind.GENERAL,
                       linked_type: str | None = None, linked_id: int | None = None,
                       client_id: str | None = None, **request_fields) -> Conversation:
    """Open a conversation with its first message (one use-case).

    Raises ValidationFailed (empty or oversized title/message), NotAllowed (no centre, or a
    centre outside the viewer's scope).
    """
    title, body = check_text(title, body, need_title=True)
    centre = conversation_centre(session, viewer, centre_id)
    if viewer.is_evaluator and not (viewer.is_body or viewer.is_centre_user):
        kind = ConversationKind.EVALUATOR  # an examiner writes to Pedagogy
    conversation = Conversation(
        centre=centre, title=title, kind=kind, status=ConversationStatus.OPEN,
        linked_type=linked_type, linked_id=linked_id, created_by_id=user.id,
        assignee_id=default_assignee(session, centre, kind, request_fields.get("request_role")),
        **request_fields)
    session.add(conversation)
    session.flush()
    _add_message(session, conversation, user, viewer, body, client_id, now)
    return conversation


@use_case
def set_status(session: Session, viewer: Viewer, conversation_id, status: ConversationStatus,
               now: datetime) -> Conversation:
    """Close or reopen; raises ConversationNotFound."""
    conversation = get_conversation(session, viewer, conversation_id)
    conversation.status = status
    if status == ConversationStatus.CLOSED:
        conversation.awaiting_since = None
    return conversation


@use_case
def reassign(session: Session, viewer: Viewer, conversation_id, assignee_id: int) -> Conversation:
    """Hand the conversation to another staff member (Support, Pedagogy or Admin).

    Raises ConversationNotFound, NotAllowed (not body staff, or the assignee is not staff).
    """
    if not viewer.is_body:
        raise NotAllowed(_l("Only the body's staff may reassign a conversation."))
    conversation = get_conversation(session, viewer, conversation_id)
    assignee = session.get(ExamUser, assignee_id)
    if assignee is None or not assignee.role_names & {SUPPORT, PEDAGOGY, ADMIN}:
        raise NotAllowed(_l("A conversation can only be assigned to Support or Pedagogy staff."))
    conversation.assignee_id = assignee.id
    return conversation


# -- messages --------------------------------------------------------------------------------
def check_client_id(client_id) -> str | None:
    if client_id is None or client_id == "":
        return None
    if not isinstance(client_id, str | int) or isinstance(client_id, bool):
        raise ValidationFailed(_l("The message was not sent:"),
                               {"client_id": _l("is not a text.")})
    client_id = str(client_id)
    if len(client_id) > MAX_CLIENT_ID:
        raise ValidationFailed(_l("The message was not sent:"),
                               {"client_id": _l("is too long.")})
    return client_id


def post_message(session: Session, viewer: Viewer, user: ExamUser, conversation_id, body: str,
                 client_id, now: datetime, *, allow_empty: bool = False,
                 internal=False, conversation: Conversation | None = None,
                 look_first: bool = True) -> tuple[Message, bool]:
    """Store a message (a staff note when `internal`); returns (message, created). A retry
    with the same client_id returns the stored message and creates nothing. A message
    reopens a closed conversation. `conversation`: the one `get_conversation` just returned
    for this viewer (not read again). `look_first=False` skips the look-up of the client_id:
    the unique constraint refuses a second copy instead (ConstraintViolated; send_message
    then returns the stored one). Raises ConversationNotFound, ValidationFailed (empty or
    oversized message), NotAllowed (a note written by anyone but staff)."""
    if conversation is None:
        conversation = get_conversation(session, viewer, conversation_id)
    internal = check_note(viewer, internal)
    client_id = check_client_id(client_id)
    if client_id is not None and look_first:
        existing = _sent_before(session, conversation.id, user.id, client_id)
        if existing is not None:
            return existing, False
    if allow_empty:
        body = (body or "").strip()
        if len(body) > MAX_BODY:
            check_text(None, body, need_title=False)
    else:
        _, body = check_text(None, body, need_title=False)
    message = _add_message(session, conversation, user, viewer, body, client_id, now, internal)
    return message, True


def _sent_before(session, conversation_id: int, author_id: int, client_id: str) -> Message | None:
    return session.scalar(select(Message).where(
        Message.conversation_id == conversation_id, Message.author_id == author_id,
        Message.client_id == client_id))


def _add_message(session, conversation, user, viewer, body, client_id, now, internal=False):
    message = Message(conversation=conversation, author_id=user.id, body=body,
                      client_id=client_id, created_at=now, internal=internal, attachments=[])
    session.add(message)
    session.flush()
    if not internal:  # a note neither answers the centre nor reopens the conversation (Zammad)
        # One UPDATE statement, not a versioned ORM edit: messages sent at the same instant in
        # one conversation must never conflict (optimistic locking is for user edits).
        # On the table: the ORM's bulk-update bookkeeping cost more than the statement.
        table = Conversation.__table__
        waiting = None if viewer.is_body else func.coalesce(table.c.awaiting_since, now)
        session.execute(update(table).where(table.c.id == conversation.id).values(
            last_message_at=now, status=ConversationStatus.OPEN, awaiting_since=waiting))
        session.expire(conversation, ["last_message_at", "status", "awaiting_since"])
    _advance_receipt(session, conversation.id, user.id, message.id, now)
    return message


def _advance_receipt(session, conversation_id: int, user_id: int, last_id: int, now) -> None:
    """The author has read their own message: one UPDATE when their receipt exists."""
    table = ReadReceipt.__table__  # on the table, as the conversation's update above
    moved = session.execute(update(table).where(
        table.c.conversation_id == conversation_id, table.c.user_id == user_id,
        table.c.last_read_id < last_id).values(last_read_id=last_id, read_at=now))
    if not moved.rowcount:
        record_read(session, conversation_id, user_id, last_id, now)


def messages_after(session: Session, viewer: Viewer, conversation_id, after_id,
                   limit: int = SYNC_LIMIT) -> list[Message]:
    """The messages after `after_id`, oldest first (the resync after a reconnect).

    Raises ConversationNotFound, ValidationFailed (`after_id` not a message number).
    """
    conversation = get_conversation(session, viewer, conversation_id)
    after = message_id(after_id, "after_id")
    return list(session.scalars(select(Message).where(
        Message.conversation_id == conversation.id, Message.id > after,
        readable(viewer)).order_by(Message.id).limit(limit)))


def serialize_message(message: Message) -> dict:
    """The wire shape of a message (docs/chat-protocol.md)."""
    author = message.author
    return {
        "id": message.id,
        "conversation_id": message.conversation_id,
        "author": {"id": author.id, "name": author.get_full_name()} if author else None,
        "body": message.body,
        "created_at": message.created_at.isoformat() + "Z",
        "client_id": message.client_id,
        "internal": bool(message.internal),
        "attachments": [{"id": a.id, "filename": a.filename, "size": a.size,
                         "content_type": a.content_type} for a in message.attachments],
    }


# -- read receipts and unread counts ---------------------------------------------------------
def mark_read(session: Session, viewer: Viewer, user: ExamUser, conversation_id, last_read_id,
              now: datetime) -> ReadReceipt:
    """Record that `user` has read up to `last_read_id` (never moves backwards).

    Raises ConversationNotFound, ValidationFailed (`last_read_id` not a message number).
    """
    conversation = get_conversation(session, viewer, conversation_id)
    wanted = message_id(last_read_id, "last_read_id")
    newest = session.scalar(select(func.max(Message.id)).where(
        Message.conversation_id == conversation.id, readable(viewer))) or 0
    return record_read(session, conversation.id, user.id, min(wanted, newest), now)


def record_read(session, conversation_id: int, user_id: int, last_id: int, now) -> ReadReceipt:
    receipt = session.scalar(select(ReadReceipt).where(
        ReadReceipt.conversation_id == conversation_id, ReadReceipt.user_id == user_id))
    if receipt is None:
        receipt = ReadReceipt(conversation_id=conversation_id, user_id=user_id, last_read_id=0,
                              read_at=now)
        session.add(receipt)
    if last_id > receipt.last_read_id:
        receipt.last_read_id = last_id
        receipt.read_at = now
    session.flush()
    return receipt


def receipts(session: Session, conversation: Conversation) -> list[dict]:
    rows = session.scalars(select(ReadReceipt).where(
        ReadReceipt.conversation_id == conversation.id))
    return [serialize_receipt(r) for r in rows]


def serialize_receipt(receipt: ReadReceipt) -> dict:
    return {"conversation_id": receipt.conversation_id, "user_id": receipt.user_id,
            "name": receipt.user.get_full_name() if receipt.user else "",
            "last_read_id": receipt.last_read_id, "read_at": receipt.read_at.isoformat() + "Z"}


def followed_conversations(session: Session, viewer: Viewer, *, all_centres: bool = False):
    """What the viewer follows: body staff the conversations assigned to them and those of
    the centres whose contact they are (all centres on demand), everyone else every
    conversation they may see."""
    query = visible_conversations(session, viewer)
    if viewer.is_body and not viewer.is_admin and not all_centres:
        my_centres = select(Centre.id).where(Centre.support_contact_id == viewer.user_id)
        query = query.filter((Conversation.assignee_id == viewer.user_id)
                             | Conversation.centre_id.in_(my_centres))
    return query


def unread_counts(session: Session, viewer: Viewer, *, all_centres: bool = False
                  ) -> dict[int, int]:
    """{conversation id: messages from others after the viewer's last read one}, non-zero only."""
    ids = followed_conversations(session, viewer, all_centres=all_centres).with_entities(
        Conversation.id).subquery()
    last_read = select(ReadReceipt.last_read_id).where(
        ReadReceipt.conversation_id == Message.conversation_id,
        ReadReceipt.user_id == viewer.user_id).scalar_subquery()
    rows = session.execute(select(Message.conversation_id, func.count(Message.id)).where(
        Message.conversation_id.in_(select(ids.c.id)), Message.author_id != viewer.user_id,
        Message.id > func.coalesce(last_read, 0), readable(viewer)).group_by(Message.conversation_id))
    return {conv_id: count for conv_id, count in rows if count}


def committed(session: Session, operation, attempts: int = 12):
    """Run `operation()` as one use-case (app/services/writes.py), again when SQLite reports
    a lock: two participants writing at the same instant (a message and a read receipt) must
    both succeed. Domain errors propagate after the rollback."""
    for attempt in range(attempts):
        try:
            with transaction(session):
                return operation()
        except OperationalError as exc:
            if "locked" not in str(exc).lower() or attempt == attempts - 1:
                raise
            time.sleep(min(0.01 * 2 ** attempt, 0.5) * (0.5 + random.random()))
    return None  # not reached: the last attempt returns or raises


def send_message(session: Session, viewer: Viewer, user: ExamUser, conversation_id, body: str,
                 client_id, now: datetime, *, store=None, internal=False,
                 conversation: Conversation | None = None):
    """Store a message once (see post_message; `store()`, when given, stores it with its
    file instead); returns (message, created). A retry racing itself with the same client_id
    finds the message the first one stored. Raises ConversationNotFound, ValidationFailed."""
    def post():
        # A new client_id is the rule, a resent one the exception: insert first and let the
        # unique constraint catch a copy (one statement less on every message).
        return post_message(session, viewer, user, conversation_id, body, client_id, now,
                            internal=internal, conversation=conversation, look_first=False)

    try:
        return committed(session, store or post)
    except ConstraintViolated:
        client_id = check_client_id(client_id)
        conversation = get_conversation(session, viewer, conversation_id)
        existing = client_id and _sent_before(session, conversation.id, user.id, client_id)
        if not existing:
            raise
        return existing, False


def read_up_to(session: Session, viewer: Viewer, user: ExamUser, conversation_id, last_read_id,
               now: datetime) -> ReadReceipt:
    """mark_read as one use-case. Raises ConversationNotFound."""
    return committed(session, lambda: mark_read(session, viewer, user, conversation_id,
                                                last_read_id, now))
