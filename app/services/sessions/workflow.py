"""Session rules: numbering, creation with prices, the status workflow and its preconditions."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from app.models.candidates import Registration, RegistrationStatus
from app.models.centres import Centre
from app.models.reference import PriceList
from app.models.requests import ExamRequest, RequestKind, RequestStatus
from app.models.sessions import ExamSession, SessionPrice
from app.models.sessions import SessionStatus as S
from app.security.scope import Viewer, owning_centre_id
from app.services.candidates import attestations
from app.services.candidates.results import check_publishable
from app.services.errors import DomainError, NotAllowed, ValidationFailed
from app.services.live import refresh_dashboards
from app.services.sessions import deadlines
from app.services.writes import require_writable, use_case

FIRST_NUMBER = 7000001
ACTIVE = (RegistrationStatus.REGISTERED, RegistrationStatus.TO_VALIDATE,
          RegistrationStatus.COMPLETED)


def next_number(db: Session) -> str:
    """The next free 7-digit session number."""
    current = db.scalar(select(func.max(ExamSession.number)))
    return str(max(FIRST_NUMBER, int(current) + 1 if current else FIRST_NUMBER))


def check_session(item: ExamSession, registered: int = 0) -> None:
    """Raises ValidationFailed when dates or capacity do not make sense: an end before the
    start, fewer than 1 place, fewer places than candidates already registered."""
    errors = {}
    if item.start_date and item.end_date and item.end_date < item.start_date:
        errors["end_date"] = _l("must not be before the start date.")
    if item.capacity is None or item.capacity < 1:
        errors["capacity"] = _l("must be at least 1.")
    elif item.capacity < registered:
        errors["capacity"] = _l("must not be below the %(count)s candidates already "
                                "registered.", count=registered)
    if errors:
        raise ValidationFailed(_l("The session is not valid:"), errors,
                               {"end_date": _l("End date"), "capacity": _l("Capacity")})


def prices_from_list(db: Session, centre_id: int | None, product) -> list[SessionPrice]:
    """The session prices taken from the centre's price list (one, or one per component)."""
    if centre_id is None:
        return []
    rows = db.scalars(select(PriceList).where(PriceList.centre_id == centre_id,
                                              PriceList.product_id == product.id)).all()
    return [SessionPrice(component_id=r.component_id, amount_excl_vat=r.amount_excl_vat,
                         vat_rate=r.vat_rate) for r in rows]


def prepare_new_session(db: Session, item: ExamSession) -> None:
    """Fill what the server decides for a new session: number, deadlines, prices."""
    check_session(item)
    if not item.number:
        item.number = next_number(db)
    item.status = item.status or S.DRAFT
    item.registration_deadline = deadlines.candidate_deadline(item.start_date)
    if item.centre_deadline is None:
        item.centre_deadline = deadlines.centre_deadline(item.start_date)
    if not item.prices:
        item.prices = prices_from_list(db, item.centre_id, item.product)


def refresh_deadlines(db: Session, item: ExamSession) -> None:
    """A changed session checked again (capacity against the registered candidates) and its
    deadlines recomputed from its start date; a centre deadline left at its default follows
    the new date, one set by hand stays. Raises ValidationFailed."""
    history = inspect(item).attrs.start_date.history  # before the count's autoflush
    old_start = history.deleted[0] if history.deleted else None
    with db.no_autoflush:
        check_session(item, active_registrations(db, item) if item.id else 0)
    item.registration_deadline = deadlines.candidate_deadline(item.start_date)
    if old_start is not None and old_start != item.start_date and (
            item.centre_deadline is None
            or item.centre_deadline == deadlines.centre_deadline(old_start)):
        item.centre_deadline = deadlines.centre_deadline(item.start_date)


def register_centre(db: Session, body_session: ExamSession, centre: Centre,
                    now: datetime) -> ExamSession:
    """CIMA "S'inscrire à la session": the centre's own session under a body session.

    Raises DomainError when the session is not a body session, not open to centres, the
    centre deadline has passed or the centre is already registered.
    """
    if body_session.centre_id is not None:
        raise DomainError(_l("Only a session organised by the body can be joined."))
    if body_session.status not in (S.PLANNED, S.REGISTRATIONS_OPEN):
        raise DomainError(_l("This session is not open to centres."))
    if deadlines.is_past(body_session.centre_deadline, now):
        raise DomainError(_l("The deadline for centres to register to this session has passed."))
    if joined_session(db, body_session, centre.id) is not None:
        raise DomainError(_l("Your centre is already registered to this session."))
    child = ExamSession(product=body_session.product, centre_id=centre.id, centre=centre,
                        parent_id=body_session.id, title=body_session.title,
                        start_date=body_session.start_date, end_date=body_session.end_date,
                        capacity=body_session.capacity, status=S.PLANNED,
                        centre_deadline=body_session.centre_deadline,
                        online_visible=body_session.online_visible)
    prepare_new_session(db, child)
    db.add(child)
    refresh_dashboards(centre.id, session=db)
    return child


def check_deletable(session: ExamSession) -> None:
    """Raises DomainError unless the session is a draft (others are cancelled, not deleted)."""
    if session.status != S.DRAFT:
        raise DomainError(_l("Only a draft session can be deleted; cancel it instead."))


def active_registrations(db: Session, session: ExamSession) -> int:
    return db.scalar(select(func.count(Registration.id)).where(
        Registration.session_id == session.id, Registration.status.in_(ACTIVE))) or 0


# -- the status workflow ---------------------------------------------------------------------
@dataclass(frozen=True)
class Transition:
    name: str
    label: object
    sources: tuple[S, ...]
    target: S
    body_only: bool = False


TRANSITIONS = [
    Transition("plan", _l("Plan"), (S.DRAFT,), S.PLANNED),
    Transition("open_registrations", _l("Open registrations"), (S.PLANNED,),
               S.REGISTRATIONS_OPEN),
    Transition("close_registrations", _l("Close registrations"), (S.REGISTRATIONS_OPEN,),
               S.REGISTRATIONS_CLOSED),
    Transition("put_into_correction", _l("Put into correction"), (S.REGISTRATIONS_CLOSED,),
               S.AWAITING_CORRECTION),
    Transition("start_correction", _l("Start the correction"), (S.AWAITING_CORRECTION,),
               S.IN_CORRECTION, body_only=True),
    Transition("publish_results", _l("Publish the results"), (S.IN_CORRECTION,),
               S.RESULTS_PUBLISHED, body_only=True),
    Transition("archive", _l("Archive"), (S.RESULTS_PUBLISHED,), S.ARCHIVED, body_only=True),
    Transition("cancel", _l("Cancel the session"),
               (S.DRAFT, S.PLANNED, S.REGISTRATIONS_OPEN, S.REGISTRATIONS_CLOSED), S.CANCELLED),
]
BY_NAME = {t.name: t for t in TRANSITIONS}


def _check_plan(db, session, now):
    if session.centre_id is not None and not session.prices:
        raise DomainError(_l("Set the session's prices before planning it."))


def _check_open(db, session, now):
    if deadlines.is_past(session.registration_deadline, now):
        raise DomainError(_l("The registration deadline has passed: registrations cannot open."))


def _check_correction(db, session, now):
    if now.date() < session.start_date:
        raise DomainError(_l("A session can be put into correction once it has taken place."))


def _check_start_correction(db, session, now):
    if session.has_anomalies or _open_anomaly_requests(db, session):
        raise DomainError(_l("The declared anomalies must be processed by customer service "
                             "before the correction starts."))


def _open_anomaly_requests(db, session) -> bool:
    # Anomalies declared as requests (app/services/requests/workflow.py) must be processed too.

    return db.scalar(select(ExamRequest.id).where(
        ExamRequest.session_id == session.id, ExamRequest.kind == RequestKind.ANOMALY,
        ExamRequest.status.in_((RequestStatus.PENDING, RequestStatus.IN_PROGRESS))).limit(1)
    ) is not None


def _check_publish(db, session, now):
    check_publishable(db, session)


PRECONDITIONS: dict[str, Callable] = {
    "plan": _check_plan, "open_registrations": _check_open,
    "put_into_correction": _check_correction, "start_correction": _check_start_correction,
    "publish_results": _check_publish,
}


def check_transition(db: Session, session: ExamSession, name: str, now: datetime,
                     by_body: bool) -> Transition:
    """Raises DomainError (with the reason) unless the transition is allowed now."""
    transition = BY_NAME.get(name)
    if transition is None:
        raise DomainError(_l("Unknown action."))
    if session.status not in transition.sources:
        raise DomainError(_l("This action is not possible in the status \"%(status)s\"."),
                          status=session.status.label)
    if transition.body_only and not by_body:
        raise NotAllowed(_l("Only the certification body can do this."))
    if session.centre_id is None and not by_body:
        raise NotAllowed(_l("Only the certification body can change its own sessions."))
    check = PRECONDITIONS.get(name)
    if check is not None:
        check(db, session, now)
    return transition


def allowed_transitions(db: Session, session: ExamSession, now: datetime,
                        by_body: bool) -> list[Transition]:
    """The transitions the screen offers for this session now."""
    allowed = []
    for transition in TRANSITIONS:
        try:
            check_transition(db, session, transition.name, now, by_body)
        except DomainError:
            continue
        allowed.append(transition)
    return allowed


def _move(db, session, name, now, by_body):
    transition = check_transition(db, session, name, now, by_body)
    session.status = transition.target
    return session


def plan(db: Session, session: ExamSession, now: datetime, by_body: bool = False):
    """Draft → Planned; needs prices. Raises DomainError."""
    return _move(db, session, "plan", now, by_body)


def open_registrations(db: Session, session: ExamSession, now: datetime, by_body: bool = False):
    """Planned → Registrations open, before the deadline. Raises DomainError."""
    return _move(db, session, "open_registrations", now, by_body)


def close_registrations(db: Session, session: ExamSession, now: datetime,
                        by_body: bool = False):
    """Registrations open → Registrations closed. Raises DomainError."""
    return _move(db, session, "close_registrations", now, by_body)


def put_into_correction(db: Session, session: ExamSession, now: datetime, by_body: bool = False,
                        has_anomalies: bool = False):
    """Registrations closed → Awaiting correction, once the session took place."""
    _move(db, session, "put_into_correction", now, by_body)
    session.has_anomalies = has_anomalies
    return session


def process_anomalies(db: Session, session: ExamSession) -> ExamSession:
    """Customer service has processed the declared anomalies."""
    session.has_anomalies = False
    return session


def start_correction(db: Session, session: ExamSession, now: datetime, by_body: bool = False):
    """Awaiting correction → In correction (body; anomalies processed). Raises DomainError."""
    return _move(db, session, "start_correction", now, by_body)


def publish_results(db: Session, session: ExamSession, now: datetime, by_body: bool = False):
    """In correction → Results published (body). Raises DomainError."""
    _move(db, session, "publish_results", now, by_body)
    for reg in db.scalars(select(Registration).where(
            Registration.session_id == session.id,
            Registration.status == RegistrationStatus.REGISTERED)):
        reg.status = RegistrationStatus.COMPLETED
    attestations.issue_for_session(db, session, now)
    return session


def archive(db: Session, session: ExamSession, now: datetime, by_body: bool = False):
    """Results published → Archived (body). Raises DomainError."""
    return _move(db, session, "archive", now, by_body)


def cancel(db: Session, session: ExamSession, now: datetime, by_body: bool = False):
    """Any state before correction → Cancelled. Raises DomainError."""
    return _move(db, session, "cancel", now, by_body)


RUNNERS: dict[str, Callable] = {
    "plan": plan, "open_registrations": open_registrations,
    "close_registrations": close_registrations, "put_into_correction": put_into_correction,
    "start_correction": start_correction, "publish_results": publish_results,
    "archive": archive, "cancel": cancel,
}


def run_transition(db: Session, session: ExamSession, name: str, now: datetime,
                   by_body: bool) -> ExamSession:
    if name not in RUNNERS:
        raise DomainError(_l("Unknown action."))
    result = RUNNERS[name](db, session, now, by_body)
    refresh_dashboards(session, session=db)
    return result


# -- the use-cases of the session page ---------------------------------------------------------
@use_case(writes="session", refusal=_l("Only the certification body can change its own "
                                       "sessions."))
def change_status(db: Session, viewer: Viewer, session: ExamSession, name: str,
                  now: datetime) -> ExamSession:
    """The transition `name` of the session page. Raises NotAllowed, DomainError."""
    return run_transition(db, session, name, now, viewer.is_body)


def joined_session(db: Session, body_session: ExamSession,
                   centre_id: int | None) -> ExamSession | None:
    """The centre's own session under `body_session`, once it has registered to it."""
    if centre_id is None or body_session.centre_id is not None:
        return None
    return db.scalar(select(ExamSession).where(ExamSession.parent_id == body_session.id,
                                               ExamSession.centre_id == centre_id))


@use_case
def join_session(db: Session, viewer: Viewer, body_session: ExamSession,
                 now: datetime) -> ExamSession:
    """The viewer's active centre registers to a body session (see register_centre)."""
    centre_id = owning_centre_id(viewer)
    centre = db.get(Centre, centre_id) if centre_id is not None else None
    if centre is None:
        raise NotAllowed(_l("Only a centre registers to a session."))
    child = register_centre(db, body_session, centre, now)
    db.flush()
    require_writable(db, viewer, child)
    return child
