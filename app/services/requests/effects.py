"""What an accepted request changes: exemptions drop a component, frauds block results, extra time."""
from __future__ import annotations

from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.base import utcnow
from app.models.candidates import Attestation, Registration
from app.models.requests import (  # noqa: F401  (re-exported for callers)
    ExamRequest,
    RequestKind,
    accepted_requests,
    extra_time_label,
    extra_time_percent,
)
from app.services.errors import DomainError

K = RequestKind


def apply_acceptance(db: Session, item: ExamRequest) -> None:
    """An accepted exemption removes the component from the candidate's expected components."""
    if item.kind == K.FRAUD and item.registration is not None:
        revoke_attestation(db, item.registration, item.decided_at or utcnow(),
                           f"{item.number}: {item.kind.value}")
    if item.kind == K.EXEMPTION and item.registration is not None:
        registration = item.registration
        registration.components = [rc for rc in registration.components
                                   if rc.component_id != item.component_id]


def revoke_attestation(db: Session, registration: Registration, now, reason: str) -> None:
    """A confirmed fraud revokes the attestation already issued: its verification says so."""
    row = db.scalar(select(Attestation).where(Attestation.registration_id == registration.id))
    if row is not None and row.revoked_at is None:
        row.revoked_at = now
        row.revoked_reason = reason[:300]


def accepted(registration: Registration, kind: RequestKind) -> list[ExamRequest]:
    return accepted_requests(registration, kind)


def results_blocked(registration: Registration) -> bool:
    """An accepted fraud blocks the candidate's results and certificate."""
    return bool(accepted(registration, K.FRAUD))


def check_results_releasable(registration: Registration) -> None:
    """Raises DomainError when a confirmed fraud blocks the results and certificate."""
    if results_blocked(registration):
        raise DomainError(_l("%(number)s: a confirmed fraud blocks the results and the "
                             "certificate."), number=registration.number)


def price_due(registration: Registration) -> tuple[Decimal, Decimal]:
    """(excl. VAT, VAT) due for a registration: per kept component, or the session's one price."""
    prices = registration.session.prices
    by_component = {p.component_id: p for p in prices if p.component_id is not None}
    if by_component:
        lines = [by_component[rc.component_id] for rc in registration.components
                 if rc.component_id in by_component]
    else:
        lines = [p for p in prices if p.component_id is None][:1]
    excl = sum((Decimal(p.amount_excl_vat) for p in lines), Decimal("0"))
    vat = sum((Decimal(p.amount_excl_vat) * Decimal(p.vat_rate) / 100 for p in lines),
              Decimal("0"))
    return excl.quantize(Decimal("0.01")), vat.quantize(Decimal("0.01"))
