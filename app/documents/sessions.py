"""The session's specific PDFs (attendance sheet, labels, access codes) and their zip."""
from __future__ import annotations

from datetime import datetime

from flask import render_template
from flask_babel import get_locale
from sqlalchemy.orm import Session

from app.documents.pdf import html_to_pdf, merge_pdfs, stream_zip
from app.models.sessions import ExamSession
from app.services.sessions import documents as docs

ROWS_PER_PAGE = {"attendance_sheet": 22, "labels": 10, "access_codes": 30}


def render_document(db: Session, session: ExamSession, kind: str, now: datetime) -> bytes:
    """One PDF per page, merged: xhtml2pdf's time grows faster than the length of a document,
    so pages are rendered separately and their numbers ("page x / y") written by us."""
    rows = docs.attending(db, session)
    zone = session.centre.timezone if session.centre else "Europe/Paris"
    pages = docs.chunks(rows, ROWS_PER_PAGE[kind])
    common = dict(session=session, centre=session.centre, printed=docs.printed_at(now, zone),
                  title=str(docs.KINDS[kind]), lang=str(get_locale() or "fr"),
                  page_count=len(pages))
    return merge_pdfs(html_to_pdf(render_template(f"sessions/pdf/{kind}.html", pages=[page],
                                                  page_number=number, **common))
                      for number, page in enumerate(pages, start=1))


def zip_all(db: Session, session: ExamSession, now: datetime):
    """A streamed zip of every document of the session.

    The zip is written after the view has returned and its database session was closed: each
    document reloads the exam session in the session current while streaming (`db` is the
    scoped session)."""
    files = [(d.filename, _builder(db, session.id, d.kind, now))
             for d in docs.documents_of(session)]
    return stream_zip(files)


def _builder(db, session_id, kind, now):
    return lambda: render_document(db, db.get(ExamSession, session_id), kind, now)
