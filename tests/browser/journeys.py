"""What the journeys of several workflows share: typing in the localised pickers, reading text
the way the user reads it, the e-mails sent meanwhile and the documents they carry."""
from __future__ import annotations

import io
import re

import pdfplumber
from sqlalchemy import func, select

from app.extensions import db
from app.models.mail import OutboxEmail


def type_in(page, selector: str, text: str) -> None:
    """Types `text` into a field as a person does (the calendar opens, then is closed)."""
    page.click(selector)
    page.fill(selector, "")
    page.keyboard.type(text)
    page.keyboard.press("Escape")


def plain(text: str) -> str:
    """French amounts use (narrow) no-break spaces: read them as spaces."""
    return re.sub(r"[\u00a0\u202f]", " ", text)


def last_email_id(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.max(OutboxEmail.id))) or 0


def emails_after(app, first_id: int, **where) -> list[dict]:
    """The e-mails queued after `first_id` (filtered by column values), with attachments."""
    with app.app_context():
        query = select(OutboxEmail).where(OutboxEmail.id > first_id).filter_by(**where)
        return [{"to": m.recipient, "subject": m.subject, "body": m.body,
                 "language": m.language,
                 "files": {a.filename: a.data for a in m.attachments}}
                for m in db.session.scalars(query.order_by(OutboxEmail.id))]


def pdf_text(content: bytes) -> str:
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)
