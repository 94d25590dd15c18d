"""Decisions told to the centre: the dashboard's INFORMATIONS sentences and the e-mail."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.models.candidates import Registration
from app.models.requests import ExamRequest, RequestKind, RequestStatus
from app.security.scope import Viewer, scope_query
from app.services.mail import queue_mail
from app.services.requests.states import DECIDED, NOUNS, OPEN


def decision_sentence(item: ExamRequest) -> str:
    """"Votre demande de report concernant la session 7000023 - … - 30/06/2023 a été validée."""
    params = {"kind": NOUNS[item.kind], "session": str(item.session)}
    accepted = item.status == RequestStatus.ACCEPTED
    if item.registration is not None:
        params["candidate"] = item.candidate_name
        text = (_l("Your %(kind)s concerning the session %(session)s and the candidate "
                   "%(candidate)s has been accepted.") if accepted else
                _l("Your %(kind)s concerning the session %(session)s and the candidate "
                   "%(candidate)s has been refused."))
    else:
        text = (_l("Your %(kind)s concerning the session %(session)s has been accepted.")
                if accepted else
                _l("Your %(kind)s concerning the session %(session)s has been refused."))
    return str(text) % {k: str(v) for k, v in params.items()}


def notify_decision(db: Session, item: ExamRequest, language: str | None = None) -> None:
    """E-mail the centre's manager; the dashboard reads the decision from the request itself."""
    centre = item.centre
    if not centre.manager_email:
        return

    def render():
        subject = _l("Request %(number)s: %(status)s", number=item.number,
                     status=item.status.label)
        body = decision_sentence(item)
        if item.decision_note:
            body += "\n\n" + item.decision_note
        return subject, body

    queue_mail(db, to=centre.manager_email, language=language or centre.language,
               kind="request_decision", render=render)


def informations(db: Session, viewer: Viewer, limit: int = 10) -> list[dict]:
    """The centre's decided requests, newest first, as dashboard sentences."""
    query = scope_query(db.query(ExamRequest), ExamRequest, viewer).filter(
        ExamRequest.status.in_(DECIDED)).options(
        selectinload(ExamRequest.session),
        selectinload(ExamRequest.registration).joinedload(Registration.candidate))
    rows = query.order_by(ExamRequest.decided_at.desc(), ExamRequest.id.desc()).limit(limit)
    return [{"id": r.id, "at": r.decided_at, "accepted": r.status == RequestStatus.ACCEPTED,
             "text": decision_sentence(r)} for r in rows]


def to_process_by_kind(db: Session, viewer: Viewer) -> dict[str, int]:
    """Open requests per kind, within the viewer's scope (Support's queue counters)."""
    query = scope_query(db.query(ExamRequest.kind, func.count(ExamRequest.id)), ExamRequest,
                        viewer).filter(ExamRequest.status.in_(OPEN)).group_by(ExamRequest.kind)
    counts = {k.value: 0 for k in RequestKind}
    counts.update({kind.value: n for kind, n in query})
    return counts


def open_count(db: Session, session_id: int) -> int:
    return db.scalar(select(func.count(ExamRequest.id)).where(
        ExamRequest.session_id == session_id, ExamRequest.status.in_(OPEN))) or 0
