"""Dashboard panels of the sessions area: the next five sessions and what remains to do."""
from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session, joinedload, selectinload

from app.models.candidates import (
    ContactRequest,
    PreRegistration,
    PreRegistrationStatus,
    Registration,
    RegistrationStatus,
)
from app.models.sessions import ExamSession, SessionNotice
from app.models.sessions import SessionStatus as S
from app.security.scope import Viewer, scope_query, scoped_counts
from app.services.sessions.scheduler import notice_sentence
from app.services.sessions.workflow import active_registrations

FINISHED = (S.CANCELLED, S.ARCHIVED, S.RESULTS_PUBLISHED)


def sessions_panel(db: Session, viewer: Viewer, today: date) -> dict:
    """`next_sessions` (five, soonest first) and the sessions' "still to do" counts."""
    sessions = scope_query(db.query(ExamSession), ExamSession, viewer)
    upcoming = (sessions.filter(ExamSession.start_date >= today,
                                ExamSession.status.not_in(FINISHED))
                .options(joinedload(ExamSession.product))
                .order_by(ExamSession.start_date, ExamSession.number).limit(5).all())
    counts = scoped_counts(db, viewer, {
        "to_validate": (Registration, Registration.status.in_((
            RegistrationStatus.TO_VALIDATE, RegistrationStatus.PRE_REGISTERED))),
        "corrections": (ExamSession, ExamSession.status == S.REGISTRATIONS_CLOSED,
                        ExamSession.start_date < today),
        "pre": (PreRegistration, PreRegistration.status == PreRegistrationStatus.NEW),
        "contacts": (ContactRequest, ContactRequest.handled.is_(False))})
    return {
        "next_sessions": upcoming,
        "session_notices": session_notices(db, viewer),
        "sessions_counts": {"registrations_to_validate": counts["to_validate"] + counts["pre"],
                            "corrections_to_make": counts["corrections"],
                            "contact_requests": counts["contacts"]},
    }


def session_notices(db: Session, viewer: Viewer, limit: int = 10) -> list[dict]:
    """The scheduler's notices about the viewer's sessions, newest first, as sentences."""
    rows = scope_query(db.query(SessionNotice), SessionNotice, viewer).options(
        selectinload(SessionNotice.session)).order_by(SessionNotice.created_at.desc(),
                                                      SessionNotice.id.desc()).limit(limit)
    return [{"id": n.session_id, "at": n.created_at, "kind": n.kind.value,
             "text": notice_sentence(n.session, n.kind, active_registrations(db, n.session))}
            for n in rows]
