"""The session's specific PDFs (attendance sheet, labels, access codes) and their zip."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from functools import partial

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.documents.archive import stream_zip
from app.documents.files import file_name
from app.documents.pdf import render_pdf
from app.documents.requests import render_purchase_order
from app.models.requests import PurchaseOrder, PurchaseOrderStatus, extra_time_of
from app.models.sessions import ExamSession
from app.services.sessions import documents as docs
from app.services.uploads import resolve_upload, upload_folder

ROWS_PER_PAGE = {"attendance_sheet": 22, "labels": 10, "access_codes": 25}


def render_document(db: Session, session: ExamSession, kind: str, now: datetime) -> bytes:
    centre = session.centre
    return render_pdf(f"sessions/pdf/{kind}.html", docs.attending(db, session),
                      ROWS_PER_PAGE[kind], session=session, title=str(docs.KINDS[kind]),
                      extra_time=extra_time_of,
                      centre_name=centre.name if centre else "",
                      printed=docs.printed_at(now, centre.timezone if centre else "Europe/Paris"))


def zip_all(db: Session, session: ExamSession, now: datetime) -> Iterator[bytes]:
    """A streamed zip of every document of the session: the specific PDFs, the product's
    generic documents (in their own folder) and the purchase order (signed copy if uploaded).

    The zip is written while the response is sent: each document reloads the exam session in
    the database session current then (`db` is the scoped session)."""
    members = [(d.filename, partial(_reloaded, db, session.id, d.kind, now))
               for d in docs.documents_of(session)]
    folder = file_name(str(docs.GENERIC_FOLDER), "")[:-1]
    for generic in docs.generic_documents(db, session):
        path = resolve_upload(upload_folder(), generic.document)
        if path is not None:
            members.append((f"{folder}/{generic.document.split('_sep_')[-1]}",
                            partial(path.read_bytes)))
    members.append(_purchase_order(db, session, now))
    return stream_zip(members)


def _purchase_order(db: Session, session: ExamSession, now: datetime):
    order = _order_of(db, session.id)
    return (order.filename if order else f"{session.number}_bon_commande.pdf",
            partial(_order_pdf, db, session.id, now))


def _order_of(db: Session, session_id: int) -> PurchaseOrder | None:
    return db.scalar(select(PurchaseOrder).where(PurchaseOrder.session_id == session_id))


def _order_pdf(db: Session, session_id: int, now: datetime) -> bytes:
    """The signed copy when uploaded, else the quote as printed now (a quote not asked for yet
    is printed unsigned, not stored)."""
    order = _order_of(db, session_id)
    if order is not None and order.document:
        path = resolve_upload(upload_folder(), order.document)
        if path is not None:
            return path.read_bytes()
    if order is None:
        session = db.get(ExamSession, session_id)
        order = PurchaseOrder(session=session, centre=session.centre,
                              status=PurchaseOrderStatus.UNSIGNED)
    return render_purchase_order(db, order, now)


def _reloaded(db: Session, session_id: int, kind: str, now: datetime) -> bytes:
    return render_document(db, db.get(ExamSession, session_id), kind, now)
