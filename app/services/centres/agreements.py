"""Agreement and contract rules: a centre requests, the body decides; renewals."""
from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l

from app.models.centres import Agreement, AgreementStatus
from app.services.errors import DomainError


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
