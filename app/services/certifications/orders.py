"""Certification orders: priced quantities, the e-mail to the sales service, quote to delivery."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from app.models.centres import Centre
from app.models.certifications import (
    CertificationOrder,
    CertificationType,
    OrderLine,
    OrderStatus,
    StockMovement,
)
from app.services.certifications.stock import move_stock
from app.services.errors import DomainError, ValidationFailed
from app.services.mail import queue_mail

CENT = Decimal("0.01")
HUNDRED = Decimal("100")


def cents(value: Decimal) -> Decimal:
    """Rounded to the cent, half up (the way an invoice rounds)."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class PricedLine:
    type: CertificationType
    quantity: int
    amount_excl_vat: Decimal


@dataclass(frozen=True)
class OrderTotals:
    lines: list[PricedLine]
    subtotal_excl_vat: Decimal
    vat_amount: Decimal
    total_incl_vat: Decimal


def compute_order(quantities: Iterable[tuple[CertificationType, int]]) -> OrderTotals:
    """Amounts of an order: each line, the subtotal excl. VAT, the VAT per rate, the total.

    10 × 71.00 + 10 × 100.00 = 1,710.00 excl. VAT; VAT 20 % = 342.00; total 2,052.00.
    """
    lines = [PricedLine(t, q, cents(Decimal(t.unit_price_excl_vat) * q))
             for t, q in quantities if q]
    by_rate: dict[Decimal, Decimal] = {}
    for line in lines:
        rate = Decimal(line.type.vat_rate)
        by_rate[rate] = by_rate.get(rate, Decimal("0")) + line.amount_excl_vat
    subtotal = cents(sum((line.amount_excl_vat for line in lines), Decimal("0")))
    vat = cents(sum((cents(base * rate / HUNDRED) for rate, base in by_rate.items()),
                    Decimal("0")))
    return OrderTotals(lines, subtotal, vat, cents(subtotal + vat))


def check_quantities(quantities: list[tuple[CertificationType, object]]
                     ) -> list[tuple[CertificationType, int]]:
    """Whole numbers of zero or more, at least one certification; ValidationFailed otherwise."""
    errors, parsed = {}, []
    for ctype, raw in quantities:
        try:
            value = int(str(raw).strip() or "0")
        except ValueError:
            errors[ctype.reference] = _l("must be a whole number.")
            continue
        if value < 0:
            errors[ctype.reference] = _l("must be zero or more.")
        elif not ctype.active and value:
            errors[ctype.reference] = _l("can no longer be ordered.")
        parsed.append((ctype, value))
    if errors:
        raise ValidationFailed(_l("The order is not valid:"), errors)
    if not any(q for _, q in parsed):
        raise DomainError(_l("An order needs at least one certification: enter a quantity "
                             "greater than zero."))
    return parsed


def money(value: Decimal) -> str:
    return f"{format_decimal(value, format='#,##0.00')} €"


def place_order(db: Session, centre: Centre, quantities: list[tuple[CertificationType, object]],
                now: datetime, *, sales_email: str, ordered_by: str | None = None
                ) -> CertificationOrder:
    """"Commander": record the order and e-mail the sales service, who answers with a quote.

    Raises ValidationFailed (a negative or non-numeric quantity) or DomainError (nothing
    ordered); nothing is saved then.
    """
    totals = compute_order(check_quantities(quantities))
    order = CertificationOrder(
        centre_id=centre.id, centre=centre, number=f"TMP-{now:%Y%m%d%H%M%S%f}",
        status=OrderStatus.ORDERED, ordered_at=now, ordered_by=ordered_by,
        subtotal_excl_vat=totals.subtotal_excl_vat, vat_amount=totals.vat_amount,
        total_incl_vat=totals.total_incl_vat,
        lines=[OrderLine(type=line.type, type_id=line.type.id, quantity=line.quantity,
                         unit_price_excl_vat=line.type.unit_price_excl_vat,
                         vat_rate=line.type.vat_rate, amount_excl_vat=line.amount_excl_vat)
               for line in totals.lines])
    db.add(order)
    db.flush()
    order.number = f"CMD-{now:%Y}-{order.id:06d}"
    db.flush()
    _mail_sales(db, order, sales_email)
    return order


def _mail_sales(db: Session, order: CertificationOrder, sales_email: str) -> None:
    def render():
        lines = "\n".join(
            f"- {line.type.name} ({line.type.reference}): {line.quantity} × "
            f"{money(line.unit_price_excl_vat)} = {money(line.amount_excl_vat)}"
            for line in order.lines)
        body = _l("New certification order %(number)s from %(centre)s (%(email)s).\n\n"
                  "%(lines)s\n\nSubtotal (excl. VAT): %(subtotal)s\nVAT: %(vat)s\n"
                  "Total (incl. VAT): %(total)s\n\nPlease send the centre a quote.",
                  number=order.number, centre=order.centre.name,
                  email=order.centre.manager_email or "", lines=lines,
                  subtotal=money(order.subtotal_excl_vat), vat=money(order.vat_amount),
                  total=money(order.total_incl_vat))
        return _l("Certification order %(number)s", number=order.number), body

    queue_mail(db, to=sales_email, language="fr", kind="certification_order", render=render)


NEXT = {OrderStatus.ORDERED: OrderStatus.QUOTED, OrderStatus.QUOTED: OrderStatus.PAID,
        OrderStatus.PAID: OrderStatus.DELIVERED}


def _advance(order: CertificationOrder, target: OrderStatus) -> None:
    if NEXT.get(order.status) != target:
        raise DomainError(_l("Order %(number)s is \"%(status)s\": it cannot become "
                             "\"%(target)s\" now."),
                          number=order.number, status=order.status.label, target=target.label)
    order.status = target


def mark_quoted(order: CertificationOrder, now: datetime) -> None:
    """The sales service sent its quote. Raises DomainError unless the order is just ordered."""
    _advance(order, OrderStatus.QUOTED)
    order.quoted_at = now


def mark_paid(order: CertificationOrder, now: datetime) -> None:
    """Raises DomainError unless the order was quoted."""
    _advance(order, OrderStatus.PAID)
    order.paid_at = now


def deliver(db: Session, order: CertificationOrder, now: datetime) -> None:
    """Delivery adds each line's quantity to the centre's stock (one ledger entry per line).

    Raises DomainError unless the order was paid.
    """
    _advance(order, OrderStatus.DELIVERED)
    order.delivered_at = now
    for line in order.lines:
        move_stock(db, order.centre_id, line.type, StockMovement.DELIVERY, line.quantity,
                   order_id=order.id, note=order.number)
