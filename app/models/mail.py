"""The e-mail outbox: every message the application sends, whatever the transport, with the
documents it carries."""
from __future__ import annotations

from datetime import datetime

from flask_appbuilder import Model
from flask_babel import gettext as _
from sqlalchemy import DateTime, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import utcnow


class OutboxEmail(Model):
    """Every e-mail the application sends, kept whatever the transport (SMTP or none).

    `reference` names the business row the message is about ("convocation:12"): the .ics of a
    convocation counts the earlier sends to give its next SEQUENCE."""

    __tablename__ = "outbox_email"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    recipient: Mapped[str] = mapped_column(String(256), nullable=False, index=True)
    subject: Mapped[str] = mapped_column(String(300), nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False)
    language: Mapped[str] = mapped_column(String(8), nullable=False, default="fr")
    kind: Mapped[str | None] = mapped_column(String(32), index=True)
    reference: Mapped[str | None] = mapped_column(String(64), index=True)
    resent_from_id: Mapped[int | None] = mapped_column(ForeignKey("outbox_email.id"))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    error: Mapped[str | None] = mapped_column(String(500))
    attachments: Mapped[list[OutboxAttachment]] = relationship(
        back_populates="email", cascade="all, delete-orphan", order_by="OutboxAttachment.id")

    @property
    def documents(self) -> str:
        """The attachments' file names, for the outbox list."""
        return ", ".join(a.filename for a in self.attachments)

    @property
    def state(self) -> str:
        if self.error:
            return _("Failed: %(error)s", error=self.error)
        return _("Sent") if self.sent_at else _("Kept in the outbox")

    def __str__(self) -> str:
        return f"{self.recipient}: {self.subject}"


class OutboxAttachment(Model):
    """A document an e-mail carries (a convocation PDF, an .ics), stored with the message."""

    __tablename__ = "outbox_attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    email_id: Mapped[int] = mapped_column(ForeignKey("outbox_email.id", ondelete="CASCADE"),
                                          nullable=False, index=True)
    filename: Mapped[str] = mapped_column(String(200), nullable=False)
    content_type: Mapped[str] = mapped_column(String(100), nullable=False)
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    data: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    email: Mapped[OutboxEmail] = relationship(back_populates="attachments")

    def __str__(self) -> str:
        return self.filename
