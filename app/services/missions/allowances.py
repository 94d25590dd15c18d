"""Exam-centre head allowances: total from days × rates, distribution, transmission, processing."""
from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.missions.allowances import (
    Allowance,
    AllowanceProcessing,
    AllowanceRate,
    AllowanceShare,
    AllowanceStatus,
)
from app.services.errors import DomainError, NotAllowed, ValidationFailed
from app.services.formatting import format_amount

CENT = Decimal("0.01")
TENTH = Decimal("0.1")
BRACKETS = ("up_to_600", "over_600", "extra")
DAY_LIMITS = {"up_to_600": Decimal("100"), "over_600": Decimal("100"), "extra": Decimal("3")}
DAY_LABELS = {"up_to_600": _l("Days with 1 to 600 candidates"),
              "over_600": _l("Days with more than 600 candidates"),
              "extra": _l("Supplementary days")}


def to_decimal(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value).replace(",", ".").strip())
    except InvalidOperation:
        return None


def check_days(days: dict[str, object]) -> dict[str, Decimal]:
    """Days per bracket: one decimal, below 100 (supplementary at most 3); raises ValidationFailed."""
    errors, clean = {}, {}
    for bracket in BRACKETS:
        value = to_decimal(days.get(bracket, 0) or 0)
        limit = DAY_LIMITS[bracket]
        if value is None or value < 0 or value != value.quantize(TENTH):
            errors[bracket] = _l("must be a number with at most one decimal.")
        elif (bracket == "extra" and value > limit) or (bracket != "extra" and value >= limit):
            errors[bracket] = (_l("must be at most 3.") if bracket == "extra"
                               else _l("must be below 100."))
        else:
            clean[bracket] = value
    if errors:
        raise ValidationFailed(_l("The allowance was not saved."), errors, DAY_LABELS)
    return clean


def compute_allowance_total(days: dict[str, Decimal], rates: dict[str, Decimal]) -> Decimal:
    """Σ days × rate of each bracket, rounded to the cent."""
    total = sum((Decimal(days.get(b, 0)) * Decimal(rates.get(b, 0)) for b in BRACKETS),
                Decimal("0"))
    return total.quantize(CENT, rounding=ROUND_HALF_UP)


def compute_share_amount(total: Decimal, percentage=None, amount=None) -> Decimal:
    """A share given as a percentage of `total` (rounded to the cent) or as an amount.

    Raises ValidationFailed when the percentage is over 100 or has more than one decimal, or the
    amount is not above zero, or neither or both are given.
    """
    pct, amt = to_decimal(percentage), to_decimal(amount)
    labels = {"percentage": _l("Distribution (%)"), "amount": _l("Amount (€)")}
    if (pct is None) == (amt is None):
        raise ValidationFailed(_l("Give either a percentage or an amount."), {}, labels)
    if pct is not None:
        if pct <= 0 or pct > 100 or pct != pct.quantize(TENTH):
            raise ValidationFailed(_l("The share was not saved."), {
                "percentage": _l("must be above 0 and at most 100, with one decimal.")}, labels)
        return (Decimal(total) * pct / 100).quantize(CENT, rounding=ROUND_HALF_UP)
    if amt <= 0 or amt != amt.quantize(CENT):
        raise ValidationFailed(_l("The share was not saved."), {
            "amount": _l("must be above 0, with at most two decimals.")}, labels)
    return amt


def compute_distribution(total: Decimal, amounts: list[Decimal]) -> tuple[Decimal, Decimal]:
    """(distributed, remaining) of an allowance."""
    distributed = sum((Decimal(a) for a in amounts), Decimal("0")).quantize(CENT)
    return distributed, (Decimal(total) - distributed).quantize(CENT)


def check_distribution(total: Decimal, amounts: list[Decimal]) -> None:
    """Raises DomainError when the shares exceed the allowance."""
    distributed, remaining = compute_distribution(total, amounts)
    if remaining < 0:
        raise DomainError(_l("The distribution (%(distributed)s) exceeds the allowance "
                             "(%(total)s)."), distributed=format_amount(distributed),
                          total=format_amount(total))


# -- shell -------------------------------------------------------------------------------------
def current_rates(session: Session) -> dict[str, Decimal]:
    return {r.bracket: r.amount for r in session.scalars(select(AllowanceRate))}


def _check_editable(allowance: Allowance) -> None:
    if allowance.status == AllowanceStatus.TRANSMITTED:
        raise NotAllowed(_l("This allowance was transmitted: only the exam managers may change "
                            "it now."))


def set_days(session: Session, allowance: Allowance, first_test_date, days: dict) -> Decimal:
    """Record the first test date and the days, recompute the total and every percentage share."""
    _check_editable(allowance)
    if first_test_date is None:
        raise ValidationFailed(_l("The allowance was not saved."),
                               {"first_test_date": _l("is required.")},
                               {"first_test_date": _l("Start of the tests")})
    clean = check_days(days)
    total = compute_allowance_total(clean, current_rates(session))
    amounts = [compute_share_amount(total, s.percentage) if s.percentage is not None
               else s.amount for s in allowance.shares]
    check_distribution(total, amounts)
    allowance.first_test_date = first_test_date
    allowance.days_up_to_600, allowance.days_over_600 = clean["up_to_600"], clean["over_600"]
    allowance.days_extra = clean["extra"]
    allowance.total = total
    for share, amount in zip(allowance.shares, amounts, strict=True):
        share.amount = amount
    return total


def add_share(session: Session, allowance: Allowance, staff_member, percentage=None,
              amount=None) -> AllowanceShare:
    """Add a staff member's share; refused when the distribution would exceed the total."""
    _check_editable(allowance)
    value = compute_share_amount(allowance.total, percentage, amount)
    others = [s.amount for s in allowance.shares if s.staff_member_id != staff_member.id]
    check_distribution(allowance.total, others + [value])
    share = next((s for s in allowance.shares if s.staff_member_id == staff_member.id), None)
    if share is None:
        share = AllowanceShare(staff_member=staff_member, amount=value)
        allowance.shares.append(share)
    share.percentage = to_decimal(percentage)
    share.amount = value
    return share


def remove_share(allowance: Allowance, share: AllowanceShare) -> None:
    _check_editable(allowance)
    allowance.shares.remove(share)


def transmit(allowance: Allowance, now: datetime) -> None:
    """Not transmitted → transmitted (read-only for the centre), processing "Initialised"."""
    _check_editable(allowance)
    if allowance.first_test_date is None or allowance.total <= 0:
        raise DomainError(_l("Enter the start of the tests and the days before transmitting."))
    allowance.status = AllowanceStatus.TRANSMITTED
    allowance.processing = AllowanceProcessing.INITIALISED
    allowance.transmitted_at = now


def set_processing(allowance: Allowance, processing: AllowanceProcessing) -> None:
    """Exam managers follow the processing of a transmitted allowance."""
    if allowance.status != AllowanceStatus.TRANSMITTED:
        raise DomainError(_l("Only a transmitted allowance can be processed."))
    allowance.processing = processing
