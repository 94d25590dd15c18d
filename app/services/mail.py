"""Outgoing e-mail: always recorded in the outbox; sent over SMTP when MAIL_SERVER is configured."""
from __future__ import annotations

import logging

from flask import current_app
from flask_babel import force_locale
from flask_mail import Message
from sqlalchemy.orm import Session

from app.extensions import mail
from app.models.base import utcnow
from app.models.mail import OutboxEmail

log = logging.getLogger("examdesk.mail")


def recipient_language(user=None, centre=None) -> str:
    """The language of an e-mail: the one its recipient chose (ExamUser.language), else their
    centre's, else French."""
    return (getattr(user, "language", None) or getattr(centre, "language", None) or "fr")


def queue_mail(session: Session, *, to: str, language: str, kind: str, render) -> OutboxEmail:
    """Render (subject, body) in `language` with `render()`, store it, send it if SMTP is set.

    The caller commits; the e-mail is stored with the business change that caused it.
    """
    with force_locale(language or "fr"):
        subject, body = render()
        subject, body = str(subject), str(body)
    email = OutboxEmail(recipient=to, subject=subject, body=body, language=language or "fr",
                        kind=kind)
    session.add(email)
    if current_app.config.get("MAIL_SERVER"):
        try:
            mail.send(Message(subject=subject, recipients=[to], body=body))
            email.sent_at = utcnow()
        except Exception as exc:  # the outbox keeps it for a retry
            email.error = str(exc)[:500]
            log.warning("mail to %s failed: %s", to, exc)
    else:
        log.info("mail (outbox only) to=%s subject=%s\n%s", to, subject, body)
    return email
