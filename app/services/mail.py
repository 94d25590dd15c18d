"""Outgoing e-mail: every message is stored in the outbox with the documents it carries, as the
MIME message it is; it goes over SMTP through Flask-Mail when MAIL_SERVER is configured."""
from __future__ import annotations

import logging
from dataclasses import dataclass

from flask import current_app
from flask_babel import force_locale
from flask_mail import Message
from sqlalchemy.orm import Session

from app.extensions import mail
from app.models.base import utcnow
from app.models.mail import OutboxAttachment, OutboxEmail

log = logging.getLogger("examdesk.mail")


@dataclass(frozen=True)
class Attachment:
    """A document an e-mail carries."""

    filename: str
    content_type: str
    data: bytes


def recipient_language(user=None, centre=None) -> str:
    """The language of an e-mail: the one its recipient chose (ExamUser.language), else their
    centre's, else French."""
    return (getattr(user, "language", None) or getattr(centre, "language", None) or "fr")


def mime_message(email: OutboxEmail) -> Message:
    """The stored e-mail as the MIME message sent (text body, then each attachment)."""
    message = Message(subject=email.subject, recipients=[email.recipient], body=email.body)
    for item in email.attachments:
        message.attach(filename=item.filename, content_type=item.content_type, data=item.data)
    return message


def deliver(email: OutboxEmail) -> None:
    """Send a stored e-mail over SMTP when MAIL_SERVER is set; a failure is kept on the row
    (the outbox keeps the message for a resend) and never undoes the business change."""
    if not current_app.config.get("MAIL_SERVER"):
        log.info("mail (outbox only) to=%s subject=%s\n%s", email.recipient, email.subject,
                 email.body)
        return
    try:
        mail.send(mime_message(email))
        email.sent_at, email.error = utcnow(), None
    except Exception as exc:  # any transport failure: kept for a resend from the outbox
        email.error = str(exc)[:500]
        log.warning("mail to %s failed: %s", email.recipient, exc)


def queue_mail(session: Session, *, to: str, language: str, kind: str, render,
               attachments=(), reference: str | None = None) -> OutboxEmail:
    """Render (subject, body) in `language` with `render()`, store it with its attachments,
    send it if SMTP is set. `attachments` is a list of Attachment, or a function returning
    it, called in `language` too (a PDF in the recipient's language).

    The caller commits; the e-mail is stored with the business change that caused it.
    """
    with force_locale(language or "fr"):
        subject, body = render()
        subject, body = str(subject), str(body)
        documents = attachments() if callable(attachments) else list(attachments)
    email = OutboxEmail(recipient=to, subject=subject, body=body, language=language or "fr",
                        kind=kind, reference=reference)
    email.attachments = [OutboxAttachment(filename=a.filename, content_type=a.content_type,
                                          size=len(a.data), data=a.data) for a in documents]
    session.add(email)
    deliver(email)
    return email


def copy_for_resend(email: OutboxEmail) -> OutboxEmail:
    """A new outbox row holding the same message and documents as `email`."""
    copy = OutboxEmail(recipient=email.recipient, subject=email.subject, body=email.body,
                       language=email.language, kind=email.kind, reference=email.reference,
                       resent_from_id=email.id)
    copy.attachments = [OutboxAttachment(filename=a.filename, content_type=a.content_type,
                                         size=a.size, data=a.data) for a in email.attachments]
    return copy
