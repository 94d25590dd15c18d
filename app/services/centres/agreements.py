"""Agreement and contract rules: a centre requests, the body decides; renewals."""
from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.centres import Agreement, AgreementStatus, ExamUser
from app.security.scope import Viewer
from app.services.errors import DomainError, NotAllowed, ValidationFailed
from app.services.mail import queue_mail, recipient_language
from app.services.writes import use_case


def check_dates(item: Agreement) -> None:
    if item.valid_from and item.valid_until and item.valid_until < item.valid_from:
        raise DomainError(_l("The end of validity must come after its start."))


def prepare_new(item: Agreement, by_body: bool) -> None:
    """A centre's new agreement is a submitted request; only the body sets other statuses."""
    check_dates(item)
    if not by_body:
        item.status = AgreementStatus.SUBMITTED
    elif item.status is None:
        item.status = AgreementStatus.DRAFT


def request_renewal(item: Agreement, now: datetime) -> None:
    """Record the centre's renewal request; raises DomainError if one is pending or not renewable."""
    if item.status not in (AgreementStatus.APPROVED, AgreementStatus.EXPIRED):
        raise DomainError(_l("Only an approved or expired agreement can be renewed."))
    if item.renewal_requested_at is not None:
        raise DomainError(_l("A renewal has already been requested."))
    item.renewal_requested_at = now


@use_case(writes="item")
def decide(db: Session, viewer: Viewer, item: Agreement, approve: bool, reason: str | None,
           now: datetime) -> Agreement:
    """Support validates or refuses a submitted request (a refusal needs its reason, kept in
    the notes); the centre's manager is told by e-mail, in their language. Raises NotAllowed
    for a centre user, DomainError when the request is not submitted, ValidationFailed."""
    if not viewer.is_body:
        raise NotAllowed(_l("Only customer service decides on agreement and contract "
                            "requests."))
    if item.status != AgreementStatus.SUBMITTED:
        raise DomainError(_l("Only a submitted request can be validated or refused."))
    reason = (reason or "").strip()
    if not approve and not reason:
        raise ValidationFailed(_l("Give the reason of the refusal."),
                               {"reason": _l("is required.")}, {"reason": _l("Reason")})
    item.status = AgreementStatus.APPROVED if approve else AgreementStatus.REJECTED
    if reason:
        item.notes = f"{item.notes}\n{reason}".strip() if item.notes else reason
    _tell_centre(db, item, reason)
    return item


def _tell_centre(db: Session, item: Agreement, reason: str) -> None:
    centre = item.centre
    if not centre or not centre.manager_email:
        return
    manager = db.scalar(select(ExamUser).where(ExamUser.email == centre.manager_email))

    def render():
        subject = _l("Your request %(reference)s: %(status)s", reference=item.reference,
                     status=item.status.label)
        body = str(decision_sentence(item))
        return subject, body + (f"\n\n{reason}" if reason else "")

    queue_mail(db, to=centre.manager_email, language=recipient_language(manager, centre),
               kind="agreement_decision", render=render)


def decision_sentence(item: Agreement):
    """"Votre demande d'agrément AGR-12 a été validée." (dashboard and e-mail)."""
    if item.status == AgreementStatus.APPROVED:
        return _l("Your request %(reference)s (%(kind)s) has been accepted.",
                  kind=item.kind.label, reference=item.reference)
    return _l("Your request %(reference)s (%(kind)s) has been refused.",
              kind=item.kind.label, reference=item.reference)


def decided_for(db: Session, viewer: Viewer, limit: int = 5) -> list[dict]:
    """The viewer's centre's decided requests, latest first, as dashboard sentences."""
    if not viewer.is_centre_user or viewer.is_body or viewer.centre_id is None:
        return []
    rows = db.scalars(select(Agreement).where(
        Agreement.centre_id == viewer.centre_id,
        Agreement.status.in_((AgreementStatus.APPROVED, AgreementStatus.REJECTED)))
        .order_by(Agreement.updated_at.desc()).limit(limit))
    return [{"id": r.id, "accepted": r.status == AgreementStatus.APPROVED,
             "text": str(decision_sentence(r))} for r in rows]
