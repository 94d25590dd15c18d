"""Agreement and contract rules: a centre requests, the body decides; renewals."""
from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from app.models.centres import Agreement, AgreementKind, AgreementStatus, ExamUser
from app.security.scope import Viewer
from app.services.errors import DomainError, NotAllowed, ValidationFailed
from app.services.mail import queue_mail, recipient_language
from app.services.writes import use_case


def check_dates(item: Agreement) -> None:
    if item.valid_from and item.valid_until and item.valid_until < item.valid_from:
        raise DomainError(_l("The end of validity must come after its start."))


# What only customer service sets: a centre's form has neither, its API input is refused.
BODY_ONLY_FIELDS = ("status", "reference")


def _body_only_refusal(fields: list[str]) -> ValidationFailed:
    return ValidationFailed(
        _l("The status and the reference of a request are set by customer service."),
        {name: _l("is set by customer service.") for name in fields},
        {"status": _l("Status"), "reference": _l("Reference")})


def prepare_new(db: Session, item: Agreement, by_body: bool) -> None:
    """A centre's new agreement is a submitted request with a reference the server gives;
    only the body sets a status or a reference (ValidationFailed when a centre sends one)."""
    check_dates(item)
    if not by_body:
        sent = [name for name, given in (
            ("status", item.status not in (None, AgreementStatus.SUBMITTED)),
            ("reference", bool((item.reference or "").strip()))) if given]
        if sent:
            raise _body_only_refusal(sent)
        item.status = AgreementStatus.SUBMITTED
        item.reference = next_reference(db, item)
        return
    if not (item.reference or "").strip():
        raise ValidationFailed(_l("Give the reference of the agreement or contract."),
                               {"reference": _l("is required.")}, {"reference": _l("Reference")})
    if item.status is None:
        item.status = AgreementStatus.DRAFT


def next_reference(db: Session, item: Agreement) -> str:
    """"AGR-PAR-0750001-003": the kind, the centre's code and its count of requests."""
    prefix = "CTR" if item.kind == AgreementKind.CONTRACT else "AGR"
    code = item.centre.code if item.centre else str(item.centre_id)
    count = db.scalar(select(func.count(Agreement.id))
                      .where(Agreement.centre_id == item.centre_id)) or 0
    return f"{prefix}-{code}-{count + 1:03d}"


def check_changes(item: Agreement, by_body: bool) -> None:
    """The dates in order; a centre's change of the status or the reference is refused."""
    check_dates(item)
    if by_body:
        return
    state = inspect(item)
    changed = [name for name in BODY_ONLY_FIELDS
               if state.attrs[name].history.has_changes()
               and state.attrs[name].history.deleted != state.attrs[name].history.added]
    if changed:
        raise _body_only_refusal(changed)


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
    tell_centre(db, item, reason)
    return item


def tell_centre(db: Session, item: Agreement, detail: str, kind: str = "agreement_decision",
                sentence=None) -> None:
    """E-mail the centre's manager about its request, in their language: `sentence()` (the
    decision by default) followed by `detail` (a reason, the missing documents)."""
    centre = item.centre
    if not centre or not centre.manager_email:
        return
    manager = db.scalar(select(ExamUser).where(ExamUser.email == centre.manager_email))

    def render():
        subject = _l("Your request %(reference)s: %(status)s", reference=item.reference,
                     status=item.status.label)
        body = str(sentence() if sentence else decision_sentence(item))
        return subject, body + (f"\n\n{detail}" if detail else "")

    queue_mail(db, to=centre.manager_email, language=recipient_language(manager, centre),
               kind=kind, render=render)


def documents_sentence(item: Agreement):
    """"Des documents sont demandés pour votre demande AGR-12 …" (dashboard and e-mail)."""
    return _l("Documents are requested for your request %(reference)s (%(kind)s).",
              reference=item.reference, kind=item.kind.label)


def decision_sentence(item: Agreement):
    """"Votre demande d'agrément AGR-12 a été validée." (dashboard and e-mail); a request
    waiting for the centre's documents says so."""
    if item.status == AgreementStatus.DOCUMENTS_REQUESTED:
        return documents_sentence(item)
    if item.status == AgreementStatus.APPROVED:
        return _l("Your request %(reference)s (%(kind)s) has been accepted.",
                  kind=item.kind.label, reference=item.reference)
    return _l("Your request %(reference)s (%(kind)s) has been refused.",
              kind=item.kind.label, reference=item.reference)


def decided_for(db: Session, viewer: Viewer, limit: int = 5) -> list[dict]:
    """The viewer's centre's decided requests and those waiting for its documents, latest
    first, as dashboard sentences."""
    if not viewer.is_centre_user or viewer.is_body or viewer.centre_id is None:
        return []
    rows = db.scalars(select(Agreement).where(
        Agreement.centre_id == viewer.centre_id,
        Agreement.status.in_((AgreementStatus.APPROVED, AgreementStatus.REJECTED,
                              AgreementStatus.DOCUMENTS_REQUESTED)))
        .order_by(Agreement.updated_at.desc()).limit(limit))
    return [{"id": r.id, "accepted": r.status == AgreementStatus.APPROVED,
             "asked": r.status == AgreementStatus.DOCUMENTS_REQUESTED,
             "text": str(decision_sentence(r))} for r in rows]
