"""Request rules: who may file which request when, the status workflow, decisions and notices
(the statuses' vocabulary is app/services/requests/states.py)."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models.candidates import Registration, RegistrationStatus
from app.models.reference import TestComponent
from app.models.requests import ExamRequest, RequestEvent, RequestKind
from app.models.sessions import ExamSession
from app.models.sessions import SessionStatus as S
from app.services.errors import DomainError
from app.services.live import refresh_dashboards
from app.services.requests.conversations import post_decision
from app.services.requests.effects import apply_acceptance
from app.services.requests.notices import notify_decision
from app.services.requests.postponements import check_policy
from app.services.requests.states import (  # noqa: F401  (part of this module's vocabulary)
    DECIDED,
    NEXT,
    NOUNS,
    OPEN,
    K,
    R,
    add_note,
)
from app.services.sessions import deadlines
from app.services.sessions import workflow as session_svc

# Seed 001: « Les demandes d'aménagement et de dispenses doivent obligatoirement être
# effectuées en statut "inscriptions ouvertes" ».
REGISTERING = (S.REGISTRATIONS_OPEN,)
# The session statuses in which each kind of request may be filed.
FILING_STATUSES = {
    K.ACCOMMODATION: REGISTERING,
    K.EXEMPTION: REGISTERING,
    K.POSTPONEMENT: (S.PLANNED, S.REGISTRATIONS_OPEN, S.REGISTRATIONS_CLOSED),
    K.FRAUD: (S.REGISTRATIONS_CLOSED, S.AWAITING_CORRECTION, S.IN_CORRECTION,
              S.RESULTS_PUBLISHED),
    K.APPEAL: (S.RESULTS_PUBLISHED,),
    K.ANOMALY: (S.REGISTRATIONS_CLOSED, S.AWAITING_CORRECTION),
}


def status_label(item: ExamRequest):
    """Fraud reports read "Under review" while being processed ("en cours d'étude" in the TEF portal)."""
    if item.kind == K.FRAUD and item.status in OPEN:
        return _l("Under review")
    return item.status.label


def next_number(db: Session) -> str:
    start = (db.scalar(select(func.max(ExamRequest.id))) or 0) + 1
    return f"DEM{start:07d}"


def check_filing(kind: RequestKind, session: ExamSession, registration: Registration | None,
                 reason: str | None, now: datetime, extra_time_percent: int | None = None,
                 component: TestComponent | None = None) -> None:
    """Raises DomainError naming the rule when this request may not be filed now."""
    label = registration.number if registration is not None else session.number
    if not (reason or "").strip():
        raise DomainError(_l("%(ref)s: give the reason of the request."), ref=label)
    if kind == K.ANOMALY:
        if registration is not None:
            raise DomainError(_l("An anomaly concerns a whole session."))
    elif registration is None:
        raise DomainError(_l("Choose the registration the request is about."))
    elif registration.status == RegistrationStatus.WITHDRAWN:
        raise DomainError(_l("%(ref)s is withdrawn: no request can be filed."), ref=label)
    _check_session_status(kind, session, label, now)
    if kind == K.ACCOMMODATION and not (extra_time_percent and 0 < extra_time_percent <= 100):
        raise DomainError(_l("%(ref)s: an accommodation gives extra time between 1 and 100 %%."),
                          ref=label)
    if kind == K.EXEMPTION:
        _check_exemption(registration, component, label)


def _check_session_status(kind, session, label, now) -> None:
    if kind in (K.ACCOMMODATION, K.EXEMPTION):
        if session.status not in REGISTERING or deadlines.is_past(
                session.registration_deadline, now):
            raise DomainError(_l("%(ref)s: accommodations and exemptions may be requested only "
                                 "while registrations are open."), ref=label)
    elif session.status not in FILING_STATUSES[kind]:
        raise DomainError(_l("%(ref)s: a request of type \"%(kind)s\" is not possible while the "
                             "session is \"%(status)s\"."),
                          ref=label, kind=kind.label, status=session.status.label)


def _check_exemption(registration, component, label) -> None:
    codes = [rc.component_id for rc in registration.components]
    if component is None or component.id not in codes:
        raise DomainError(_l("%(ref)s: choose a test component the candidate is registered to."),
                          ref=label)
    if len(codes) < 2:
        raise DomainError(_l("%(ref)s: the candidate must keep at least one test component."),
                          ref=label)


def _check_no_duplicate(db: Session, kind, registration, session, label) -> None:
    query = select(ExamRequest.id).where(ExamRequest.kind == kind,
                                         ExamRequest.status.in_(OPEN))
    if registration is not None:
        query = query.where(ExamRequest.registration_id == registration.id)
    else:
        query = query.where(ExamRequest.session_id == session.id,
                            ExamRequest.registration_id.is_(None))
    if kind != K.ANOMALY and db.scalar(query.limit(1)):
        raise DomainError(_l("%(ref)s: a request of this type is already being processed."),
                          ref=label)


def check_request(db: Session, kind: RequestKind, session: ExamSession | None,
                  registration: Registration | None, reason: str | None, now: datetime,
                  extra_time_percent: int | None = None,
                  component: TestComponent | None = None) -> ExamSession:
    """Every rule of filing, without writing anything; returns the session concerned."""
    session = registration.session if registration is not None else session
    if session is None or session.centre_id is None:
        raise DomainError(_l("Requests concern a session of a centre."))
    check_filing(kind, session, registration, reason, now, extra_time_percent, component)
    label = registration.number if registration is not None else session.number
    _check_no_duplicate(db, kind, registration, session, label)
    if kind == K.POSTPONEMENT:
        check_policy(db, registration, now)
    return session


def file_request(db: Session, kind: RequestKind, *, session: ExamSession | None = None,
                 registration: Registration | None = None, reason: str, actor_id: int | None,
                 now: datetime, extra_time_percent: int | None = None,
                 component: TestComponent | None = None) -> ExamRequest:
    """File one request; raises DomainError (see check_filing, policy, duplicates)."""
    session = check_request(db, kind, session, registration, reason, now, extra_time_percent,
                            component)
    item = ExamRequest(number=next_number(db), kind=kind, status=R.PENDING,
                       centre_id=session.centre_id, session=session, registration=registration,
                       reason=reason.strip(), created_by_id=actor_id,
                       extra_time_percent=extra_time_percent if kind == K.ACCOMMODATION else None,
                       component=component if kind == K.EXEMPTION else None)
    item.events.append(RequestEvent(at=now, user_id=actor_id, action="filed", status=R.PENDING))
    db.add(item)
    db.flush()
    refresh_dashboards(item, session=db)
    return item


def file_many(db: Session, kind: RequestKind, registrations: Iterable[Registration], *,
              reason: str, actor_id: int | None, now: datetime,
              extra_time_percent: int | None = None, component_code: str | None = None
              ) -> list[ExamRequest]:
    """One request per selected registration, all or nothing: DomainError lists every refusal."""
    chosen = list({r.id: r for r in registrations}.values())
    errors = []
    for registration in chosen:
        try:
            check_request(db, kind, None, registration, reason, now, extra_time_percent,
                          _component_of(registration, component_code))
        except DomainError as exc:
            errors.append(str(exc))
    if errors:
        raise DomainError(_l("No request was filed: %(errors)s"), errors=" ".join(errors))
    return [file_request(db, kind, registration=r, reason=reason, actor_id=actor_id, now=now,
                         extra_time_percent=extra_time_percent,
                         component=_component_of(r, component_code)) for r in chosen]


def _component_of(registration, code):
    if not code:
        return None
    return next((rc.component for rc in registration.components
                 if rc.component.code == code.strip().upper()), None)


def take_in_charge(db: Session, item: ExamRequest, actor_id: int | None,
                   now: datetime) -> ExamRequest:
    """Pending → In progress (Support starts processing). Raises DomainError."""
    _move(item, R.IN_PROGRESS, actor_id, now, "taken", None)
    refresh_dashboards(item, session=db)
    return item


def decide(db: Session, item: ExamRequest, accept: bool, actor_id: int | None, now: datetime,
           note: str | None = None, language: str | None = None) -> ExamRequest:
    """Accept or refuse; applies the effects, notifies the centre (and posts the decision into
    the request's conversation). Raises DomainError."""
    if not accept and not (note or "").strip():
        raise DomainError(_l("%(ref)s: say why the request is refused."), ref=item.number)
    target = R.ACCEPTED if accept else R.REFUSED
    _move(item, target, actor_id, now, "accepted" if accept else "refused", note)
    item.decision_note = (note or "").strip() or None
    item.decided_at, item.decided_by_id = now, actor_id
    if accept:
        apply_acceptance(db, item)
    if item.kind == K.ANOMALY:
        _release_session_if_processed(db, item.session)
    notify_decision(db, item, language)
    post_decision(db, item, actor_id, now)
    refresh_dashboards(item, session=db)
    return item


def _move(item, target, actor_id, now, action, note) -> None:
    if target not in NEXT.get(item.status, ()):
        raise DomainError(_l("%(ref)s: a request \"%(status)s\" cannot become \"%(target)s\"."),
                          ref=item.number, status=item.status.label, target=target.label)
    item.status = target
    item.events.append(RequestEvent(at=now, user_id=actor_id, action=action, status=target,
                                    note=(note or "").strip() or None))


def open_anomalies(db: Session, session: ExamSession) -> int:
    return db.scalar(select(func.count(ExamRequest.id)).where(
        ExamRequest.session_id == session.id, ExamRequest.kind == K.ANOMALY,
        ExamRequest.status.in_(OPEN))) or 0


def _release_session_if_processed(db: Session, session: ExamSession) -> None:
    """Once Support has processed every anomaly, the session moves on to In correction."""
    db.flush()
    if open_anomalies(db, session):
        return
    session_svc.process_anomalies(db, session)
    if session.status == S.AWAITING_CORRECTION:
        session.status = S.IN_CORRECTION


def check_deletable(item: ExamRequest) -> None:
    """A request is never deleted: its history is kept. Raises DomainError."""
    raise DomainError(_l("%(ref)s: a request is never deleted; it is refused instead."),
                      ref=item.number)
