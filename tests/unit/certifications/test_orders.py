"""Certification orders: the Le Robert figures of docs/domain.md, refusals, the sales e-mail, quote to delivery."""
from decimal import Decimal
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from app.models.certifications import OrderStatus, StockEntry
from app.models.mail import OutboxEmail
from app.services.certifications import orders
from app.services.certifications.stock import stock_of
from app.services.errors import DomainError, ValidationFailed
from tests.unit.certifications.moments import NOW


def _type(price, rate="20.00", reference="X"):
    return SimpleNamespace(unit_price_excl_vat=Decimal(price), vat_rate=Decimal(rate),
                           reference=reference, active=True)


def test_seed_order_is_1710_excl_vat_342_vat_2052_total():
    totals = orders.compute_order([(_type("71.00"), 10), (_type("100.00"), 10)])
    assert [line.amount_excl_vat for line in totals.lines] == [Decimal("710.00"),
                                                               Decimal("1000.00")]
    assert totals.subtotal_excl_vat == Decimal("1710.00")
    assert totals.vat_amount == Decimal("342.00")
    assert totals.total_incl_vat == Decimal("2052.00")


def test_amounts_are_rounded_to_the_cent_half_up():
    totals = orders.compute_order([(_type("0.125", "20.00"), 1), (_type("10.00", "5.5"), 3)])
    assert totals.lines[0].amount_excl_vat == Decimal("0.13")
    # 0.13 × 20 % = 0.026 → 0.03; 30.00 × 5.5 % = 1.65
    assert totals.vat_amount == Decimal("1.68")
    assert totals.total_incl_vat == Decimal("31.81")


@pytest.mark.parametrize("quantities", [[0, 0], ["-1", 10], ["abc", 1]])
def test_an_order_of_nothing_or_a_negative_quantity_is_refused(db_session, paris, supervised,
                                                               la_poste, quantities):
    before = db_session.query(OutboxEmail).count()
    with pytest.raises((ValidationFailed, DomainError)):
        orders.place_order(db_session, paris, list(zip([supervised, la_poste], quantities,
                                                       strict=True)),
                           NOW, sales_email="sales@example.org")
    assert db_session.query(OutboxEmail).count() == before


def test_commander_records_the_order_and_emails_the_sales_service(db_session, paris,
                                                                  supervised, la_poste):
    order = orders.place_order(db_session, paris, [(supervised, "10"), (la_poste, 10)], NOW,
                               sales_email="sales@example.org")
    assert order.status == OrderStatus.ORDERED
    assert order.number == f"CMD-2026-{order.id:06d}"
    assert order.total_incl_vat == Decimal("2052.00")
    mail = db_session.scalar(select(OutboxEmail).where(OutboxEmail.recipient ==
                                                       "sales@example.org"))
    assert order.number in mail.subject
    assert "PART-CLR-EXAMEN" in mail.body and "2 052,00 €" in mail.body.replace("\u202f", " ")


def test_staff_mark_quoted_paid_delivered_and_delivery_adds_to_the_stock(db_session, paris,
                                                                         supervised, la_poste):
    before = stock_of(db_session, paris.id, supervised.id)
    order = orders.place_order(db_session, paris, [(supervised, 10), (la_poste, 0)], NOW,
                               sales_email="sales@example.org")
    with pytest.raises(DomainError):
        orders.deliver(db_session, order, NOW)
    orders.mark_quoted(order, NOW)
    orders.mark_paid(order, NOW)
    assert stock_of(db_session, paris.id, supervised.id) == before
    orders.deliver(db_session, order, NOW)
    assert order.status == OrderStatus.DELIVERED
    assert stock_of(db_session, paris.id, supervised.id) == before + 10
    entry = db_session.scalar(select(StockEntry).where(StockEntry.order_id == order.id))
    assert entry.quantity == 10 and entry.movement.value == "delivery"
    with pytest.raises(DomainError):
        orders.deliver(db_session, order, NOW)
    assert stock_of(db_session, paris.id, supervised.id) == before + 10
