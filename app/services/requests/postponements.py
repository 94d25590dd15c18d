"""Postponement (report): the product's policy and the re-registration into a later session."""
from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models.candidates import Registration, RegistrationStatus
from app.models.requests import ExamRequest, PostponementPolicy, RequestKind, RequestStatus
from app.models.sessions import ExamSession
from app.models.sessions import SessionStatus as S
from app.services.candidates import registrations as reg_svc
from app.services.errors import DomainError, NotAllowed
from app.services.requests.states import add_note
from app.services.sessions import deadlines
from app.services.sessions.workflow import active_registrations

DEFAULT = PostponementPolicy(max_postponements=1, min_days_before=2, centre_may_reregister=False)


def policy_for(db: Session, product_id: int) -> PostponementPolicy:
    """The product's policy, or the default one (1 postponement, until 2 days before)."""
    row = db.scalar(select(PostponementPolicy).where(PostponementPolicy.product_id == product_id))
    return row or DEFAULT


def check_policy_values(policy: PostponementPolicy) -> None:
    """Raises DomainError for a negative number of postponements or of days."""
    if policy.max_postponements is None or policy.max_postponements < 0:
        raise DomainError(_l("The number of postponements must be zero or more."))
    if policy.min_days_before is None or policy.min_days_before < 0:
        raise DomainError(_l("The number of days before the session must be zero or more."))


def postponements_of(db: Session, registration: Registration) -> int:
    """Accepted postponements in the chain of registrations leading to this one."""
    count, current = 0, registration
    while current is not None:
        previous = db.scalar(select(ExamRequest).where(
            ExamRequest.new_registration_id == current.id,
            ExamRequest.kind == RequestKind.POSTPONEMENT))
        if previous is None:
            break
        count += 1
        current = previous.registration
    return count


def check_policy(db: Session, registration: Registration, now: datetime) -> None:
    """Raises DomainError when the product's policy refuses another postponement."""
    session = registration.session
    policy = policy_for(db, session.product_id)
    if postponements_of(db, registration) >= policy.max_postponements:
        raise DomainError(_l("%(ref)s: the product allows at most %(max)s postponement(s)."),
                          ref=registration.number, max=policy.max_postponements)
    if (session.start_date - now.date()).days < policy.min_days_before:
        raise DomainError(_l("%(ref)s: a postponement must be requested at least %(days)s day(s) "
                             "before the session."), ref=registration.number,
                          days=policy.min_days_before)


def target_sessions(db: Session, item: ExamRequest, now: datetime) -> list[ExamSession]:
    """Later open sessions of the same product and centre that still have seats."""
    old = item.session
    rows = db.scalars(select(ExamSession).where(
        ExamSession.product_id == old.product_id, ExamSession.centre_id == old.centre_id,
        ExamSession.id != old.id, ExamSession.start_date > old.start_date,
        ExamSession.status.in_(reg_svc.REGISTERING)).order_by(ExamSession.start_date))
    return [s for s in rows if active_registrations(db, s) < s.capacity
            and not _closed(s, now)]


def _closed(session, now):
    return deadlines.is_past(session.registration_deadline, now)


def reregister(db: Session, item: ExamRequest, target: ExamSession, now: datetime,
               actor_id: int | None, by_body: bool) -> Registration:
    """Register the candidate of an accepted postponement into `target`; link both ways.

    Raises NotAllowed (centre without the policy's permission) or DomainError (not accepted,
    already done, other product, earlier, closed or full session).
    """
    if not by_body and not policy_for(db, item.session.product_id).centre_may_reregister:
        raise NotAllowed(_l("Only customer service may re-register a postponed candidate for "
                            "this product."))
    if item.kind != RequestKind.POSTPONEMENT or item.status != RequestStatus.ACCEPTED:
        raise DomainError(_l("%(ref)s: only an accepted postponement leads to a "
                             "re-registration."), ref=item.number)
    if item.new_registration_id is not None:
        raise DomainError(_l("%(ref)s: the candidate is already re-registered."), ref=item.number)
    old = item.registration
    if target.product_id != old.session.product_id:
        raise DomainError(_l("The new session must be of the same product."))
    if target.start_date <= old.session.start_date or target.status == S.CANCELLED:
        raise DomainError(_l("The new session must take place after the postponed one."))
    codes = [rc.component.code for rc in old.components]
    new = reg_svc.register_candidate(db, target, old.candidate, now, codes)
    old.status = RegistrationStatus.WITHDRAWN
    item.new_registration = new
    add_note(item, actor_id, now, "reregistered", target.number)
    return new


def count_postponed(db: Session, session: ExamSession) -> int:
    return db.scalar(select(func.count(ExamRequest.id)).where(
        ExamRequest.session_id == session.id,
        ExamRequest.kind == RequestKind.POSTPONEMENT,
        ExamRequest.new_registration_id.is_not(None))) or 0
