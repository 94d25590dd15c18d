"""Session documents: when they are available and what goes into each one."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.documents.files import file_name
from app.models.candidates import Candidate, Registration, RegistrationComponent, RegistrationStatus
from app.models.sessions import ExamSession, GenericDocument
from app.services.errors import DomainError
from app.services.formatting import format_moment

AVAILABLE_DAYS_BEFORE = 7
KINDS = {
    "attendance_sheet": _l("Attendance sheet"),
    "labels": _l("Candidate labels"),
    "access_codes": _l("Candidate access codes"),
}

# The names of the files, as the TEF portal names them (seed 001: codes_acces_7000177.pdf).
FILE_STEMS = {
    "attendance_sheet": _l("attendance_sheet_%(number)s"),
    "labels": _l("labels_%(number)s"),
    "access_codes": _l("access_codes_%(number)s"),
}
GENERIC_FOLDER = _l("generic_documents")


@dataclass(frozen=True)
class Document:
    kind: str
    label: object
    filename: str


def available_from(session: ExamSession) -> date:
    return session.start_date - timedelta(days=AVAILABLE_DAYS_BEFORE)


def check_available(session: ExamSession, today: date) -> None:
    """Raises DomainError before one week ahead of the session, or for a cancelled one."""
    if session.centre_id is None:
        raise DomainError(_l("Documents are produced for a centre's session."))
    if today < available_from(session):
        raise DomainError(_l("The documents will be available from %(day)s."),
                          day=available_from(session).strftime("%d/%m/%Y"))


ALLOWED_GENERIC = (".pdf", ".docx", ".odt", ".xlsx", ".zip", ".mp3")


def check_generic_document(item) -> None:
    """Raises DomainError for a missing file, a wrong type or a number of copies below 1."""
    name = (item.document or "").lower()
    if not name.endswith(ALLOWED_GENERIC):
        raise DomainError(_l("Accepted files: %(types)s."), types=", ".join(ALLOWED_GENERIC))
    if item.copies is None or item.copies < 1:
        raise DomainError(_l("The number of copies must be at least 1."))


def generic_documents(db: Session, session: ExamSession) -> list:
    return list(db.scalars(select(GenericDocument).where(
        GenericDocument.product_id == session.product_id).order_by(GenericDocument.title)))


def document_filename(session: ExamSession, kind: str) -> str:
    """The file name of a session document in the reader's language (codes_acces_7000177.pdf)."""
    return file_name(str(FILE_STEMS[kind]) % {"number": session.number}, "pdf")


def documents_of(session: ExamSession) -> list[Document]:
    return [Document(kind, label, document_filename(session, kind))
            for kind, label in KINDS.items()]


def chunks(rows: list, size: int) -> list[list]:
    """Rows split per page: xhtml2pdf slows down superlinearly on one long table."""
    return [rows[i:i + size] for i in range(0, len(rows), size)] or [[]]


def attending(db: Session, session: ExamSession) -> list[Registration]:
    """The registrations shown in the documents (withdrawn ones excluded), by name."""
    return list(db.scalars(
        select(Registration).join(Candidate)
        .where(Registration.session_id == session.id,
               Registration.status != RegistrationStatus.WITHDRAWN)
        .options(selectinload(Registration.candidate), selectinload(Registration.requests),
                 selectinload(Registration.components)
                 .selectinload(RegistrationComponent.component))
        .order_by(Candidate.last_name, Candidate.first_name, Registration.id)))


def printed_at(now: datetime, zone: str) -> str:
    """The print time of a document, in the centre's zone and the reader's language."""
    return format_moment(now, zone=zone)
