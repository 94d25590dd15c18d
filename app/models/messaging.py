"""Messaging between a centre and the body: conversations, messages, attachments, receipts."""
from __future__ import annotations

from datetime import datetime

from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    select,
)
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import (
    Audited,
    CentreOwned,
    LabelledEnum,
    Timestamped,
    Versioned,
    _enum,
    utcnow,
)
from app.models.centres import Centre
from app.security.scope import tenant_clause


class ConversationStatus(LabelledEnum):
    OPEN = "open"
    CLOSED = "closed"

    @classmethod
    def _labels(cls):
        return {"open": _l("Conversation open"), "closed": _l("Conversation closed")}


class ConversationKind(LabelledEnum):
    GENERAL = "general"
    EVALUATOR = "evaluator"  # evaluator matters go to Pedagogy
    ACCOUNT = "account"  # an account-creation request from a centre manager

    @classmethod
    def _labels(cls):
        return {"general": _l("Request"), "evaluator": _l("Evaluator matter"),
                "account": _l("Account request")}


class Conversation(CentreOwned, Versioned, Audited, Timestamped, Model):
    """One thread between a centre and its contact at the body (Support, or Pedagogy)."""

    __tablename__ = "conversation"

    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"), nullable=False, index=True)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    kind: Mapped[ConversationKind] = mapped_column(_enum(ConversationKind), nullable=False,
                                                   default=ConversationKind.GENERAL)
    status: Mapped[ConversationStatus] = mapped_column(
        _enum(ConversationStatus), nullable=False, default=ConversationStatus.OPEN)
    linked_type: Mapped[str | None] = mapped_column(String(40))
    linked_id: Mapped[int | None] = mapped_column(Integer)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("ab_user.id"), nullable=False)
    last_message_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Since when the centre's last message waits for an answer from the body (None: answered).
    awaiting_since: Mapped[datetime | None] = mapped_column(DateTime)
    # Account requests: who is to be created, and the account once created.
    request_first_name: Mapped[str | None] = mapped_column(String(120))
    request_last_name: Mapped[str | None] = mapped_column(String(120))
    request_email: Mapped[str | None] = mapped_column(String(200))
    request_role: Mapped[str | None] = mapped_column(String(32))
    request_user_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))

    centre: Mapped[Centre] = relationship()
    assignee = relationship("ExamUser", foreign_keys=[assignee_id])
    created_by = relationship("ExamUser", foreign_keys=[created_by_id])
    request_user = relationship("ExamUser", foreign_keys=[request_user_id])

    @classmethod
    def evaluator_clause(cls, viewer):
        """Evaluators see only the conversations they take part in."""
        return cls.created_by_id == viewer.user_id

    evaluator_write_clause = evaluator_clause

    def __str__(self) -> str:
        return self.title


def _conversation_scope(viewer, attr):
    """`attr` (a conversation id column) restricted to the viewer's conversations."""
    clause = tenant_clause(Conversation, viewer)
    return attr.in_(select(Conversation.id).where(clause))


class Message(Model):
    """One message; stored before it is emitted, never edited (the thread is the record)."""

    __tablename__ = "chat_message"
    __table_args__ = (UniqueConstraint("conversation_id", "author_id", "client_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversation.id", ondelete="CASCADE"), nullable=False, index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("ab_user.id"), nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    client_id: Mapped[str | None] = mapped_column(String(64))
    # A staff note ("Note interne"): seen by body staff only, never by the centre or an
    # evaluator (the tenancy clauses below; who may write one: app/services/messaging/notes.py).
    internal: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False,
                                           server_default=sa_false())

    conversation: Mapped[Conversation] = relationship()
    author = relationship("ExamUser")
    attachments: Mapped[list[ChatAttachment]] = relationship(
        back_populates="message", order_by="ChatAttachment.id", lazy="selectin")

    # Only body staff see every message (scope.py never applies these clauses to them): a
    # centre user or an evaluator sees the messages of their conversations but the staff notes.
    @classmethod
    def tenant_clause(cls, viewer):
        return _conversation_scope(viewer, cls.conversation_id) & cls.internal.is_(False)

    @classmethod
    def evaluator_clause(cls, viewer):
        return _conversation_scope(viewer, cls.conversation_id) & cls.internal.is_(False)

    # Messages are written in the conversations one takes part in (no shared conversation).
    write_clause = tenant_clause
    evaluator_write_clause = evaluator_clause

    def __str__(self) -> str:
        return f"#{self.id}"


class ChatAttachment(Model):
    """A file joined to a message, stored outside the web root under the instance folder."""

    __tablename__ = "chat_attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("chat_message.id", ondelete="CASCADE"),
                                            nullable=False, index=True)
    filename: Mapped[str] = mapped_column(String(200), nullable=False)
    content_type: Mapped[str] = mapped_column(String(100), nullable=False)
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    stored_name: Mapped[str] = mapped_column(String(80), unique=True, nullable=False)
    message: Mapped[Message] = relationship(back_populates="attachments")


# The full-text search index (migration e2b6f4a8c913, app/services/messaging/search.py) lives
# outside the models: SQLite's FTS5 tables (and their shadow tables) and PostgreSQL's GIN
# expression indexes. Alembic's comparison of models and schema leaves them out.
SEARCH_INDEX_PREFIXES = ("chat_search_", "ix_chat_search_")


def schema_name_filter(name, type_, parent_names) -> bool:
    """Alembic `include_name`: every schema object but the search index's."""
    return not (name or "").startswith(SEARCH_INDEX_PREFIXES)


class ReadReceipt(Model):
    """How far a participant has read a conversation ("Lu ✓" with the time)."""

    __tablename__ = "chat_read_receipt"
    __table_args__ = (UniqueConstraint("conversation_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversation.id", ondelete="CASCADE"), nullable=False, index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("ab_user.id", ondelete="CASCADE"),
                                         nullable=False)
    last_read_id: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    read_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    user = relationship("ExamUser")


class ChatNotification(Model):
    """When a recipient was last e-mailed about a conversation (at most one per quarter hour)."""

    __tablename__ = "chat_notification"
    __table_args__ = (UniqueConstraint("conversation_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversation.id", ondelete="CASCADE"), nullable=False)
    user_id: Mapped[int] = mapped_column(ForeignKey("ab_user.id", ondelete="CASCADE"),
                                         nullable=False)
    sent_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)


class CannedReply(Versioned, Audited, Timestamped, Model):
    """A ready-made answer that staff insert from the composer (type "/" then its shortcut);
    {centre}, {session} and {candidate} in its body are filled from the conversation."""

    __tablename__ = "canned_reply"
    __table_args__ = (UniqueConstraint("shortcut", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    shortcut: Mapped[str] = mapped_column(String(40), nullable=False)
    language: Mapped[str] = mapped_column(String(2), nullable=False, default="fr")
    title: Mapped[str] = mapped_column(String(120), nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False)

    def __str__(self) -> str:
        return self.title
