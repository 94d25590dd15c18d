"""Documents of an agreement request: customer service asks the centre for what is missing
("Documents demandés"), the centre attaches files to its request, customer service reads them."""
from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from app.models.centres import Agreement, AgreementAttachment, AgreementStatus
from app.security.scope import Viewer
from app.services.centres.agreements import documents_sentence, tell_centre
from app.services.errors import DomainError, NotAllowed, ValidationFailed
from app.services.uploads import SEPARATOR, store_document, upload_folder
from app.services.writes import use_case

IN_PROCESS = (AgreementStatus.SUBMITTED, AgreementStatus.DOCUMENTS_REQUESTED)


@use_case(writes="item")
def request_documents(db: Session, viewer: Viewer, item: Agreement, missing: str | None,
                      now: datetime) -> Agreement:
    """Customer service asks the centre for the documents named in `missing` (kept in the
    notes); the request is "Documents demandés" and the centre's manager gets an e-mail.
    Raises NotAllowed for a centre user, DomainError once decided, ValidationFailed."""
    if not viewer.is_body:
        raise NotAllowed(_l("Only customer service asks for documents."))
    if item.status not in IN_PROCESS:
        raise DomainError(_l("Documents can be asked for only while the request is processed."))
    missing = (missing or "").strip()
    if not missing:
        raise ValidationFailed(_l("Say which documents are missing."),
                               {"missing": _l("is required.")}, {"missing": _l("Documents")})
    item.status = AgreementStatus.DOCUMENTS_REQUESTED
    line = str(_l("Documents requested: %(missing)s", missing=missing))
    item.notes = f"{item.notes}\n{line}".strip() if item.notes else line
    tell_centre(db, item, missing, kind="agreement_documents",
                sentence=lambda: documents_sentence(item))
    return item


@use_case(writes="item")
def attach(db: Session, viewer: Viewer, item: Agreement, filename: str, data: bytes,
           now: datetime) -> AgreementAttachment:
    """The centre attaches a file (PDF, PNG, JPEG) to its request in process; a request whose
    documents were asked for goes back to customer service ("Soumis"). Raises DomainError."""
    if item.status not in IN_PROCESS:
        raise DomainError(_l("Files can be attached only to a request being processed."))
    stored = store_document(upload_folder(), filename, data)
    row = AgreementAttachment(agreement=item, stored_name=stored,
                              filename=stored.split(SEPARATOR, 1)[-1],
                              uploaded_by_id=viewer.user_id)
    db.add(row)
    if item.status == AgreementStatus.DOCUMENTS_REQUESTED:
        item.status = AgreementStatus.SUBMITTED
    return row


def attachment_of(item: Agreement, attachment_id: int) -> AgreementAttachment | None:
    """One of the agreement's files (None when it is not one of them)."""
    return next((a for a in item.attachments if a.id == attachment_id), None)
