"""The session's specific PDFs (attendance sheet, labels, access codes) and their zip."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from functools import partial

from sqlalchemy.orm import Session

from app.documents.archive import stream_zip
from app.documents.pdf import render_pdf
from app.models.requests import extra_time_of
from app.models.sessions import ExamSession
from app.services.sessions import documents as docs

ROWS_PER_PAGE = {"attendance_sheet": 22, "labels": 10, "access_codes": 25}


def render_document(db: Session, session: ExamSession, kind: str, now: datetime) -> bytes:
    centre = session.centre
    return render_pdf(f"sessions/pdf/{kind}.html", docs.attending(db, session),
                      ROWS_PER_PAGE[kind], session=session, title=str(docs.KINDS[kind]),
                      extra_time=extra_time_of,
                      centre_name=centre.name if centre else "",
                      printed=docs.printed_at(now, centre.timezone if centre else "Europe/Paris"))


def zip_all(db: Session, session: ExamSession, now: datetime) -> Iterator[bytes]:
    """A streamed zip of every document of the session.

    The zip is written while the response is sent: each document reloads the exam session in
    the database session current then (`db` is the scoped session)."""
    return stream_zip((d.filename, partial(_reloaded, db, session.id, d.kind, now))
                      for d in docs.documents_of(session))


def _reloaded(db: Session, session_id: int, kind: str, now: datetime) -> bytes:
    return render_document(db, db.get(ExamSession, session_id), kind, now)
