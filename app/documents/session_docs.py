"""The session's specific PDFs (attendance sheet, labels, access codes) and their zip."""
from __future__ import annotations

from datetime import datetime

from flask import render_template
from flask_babel import get_locale
from sqlalchemy.orm import Session

from app.documents.pdf import html_to_pdf, stream_zip
from app.models.sessions import ExamSession
from app.services import documents as docs

ROWS_PER_PAGE = {"attendance_sheet": 22, "labels": 10, "access_codes": 30}


def render_document(db: Session, session: ExamSession, kind: str, now: datetime) -> bytes:
    rows = docs.attending(db, session)
    zone = session.centre.timezone if session.centre else "Europe/Paris"
    html = render_template(f"documents/{kind}.html", session=session, centre=session.centre,
                           pages=docs.chunks(rows, ROWS_PER_PAGE[kind]),
                           printed=docs.printed_at(now, zone), title=str(docs.KINDS[kind]),
                           lang=str(get_locale() or "fr"))
    return html_to_pdf(html)


def zip_all(db: Session, session: ExamSession, now: datetime):
    """A streamed zip of every document of the session."""
    files = [(d.filename, _builder(db, session, d.kind, now)) for d in docs.documents_of(session)]
    return stream_zip(files)


def _builder(db, session, kind, now):
    return lambda: render_document(db, session, kind, now)
