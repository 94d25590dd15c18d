"""Mise en correction with anomalies, and purchase orders: totals and the manager's signature."""
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.models.candidates import Registration
from app.models.requests import PurchaseOrderStatus
from app.models.requests import RequestKind as K
from app.models.sessions import SessionStatus as S
from app.security.roles import CENTRE_MANAGER, CENTRE_STAFF
from app.services.errors import DomainError, NotAllowed
from app.services.requests import correction
from app.services.requests import purchase_orders as orders
from app.services.requests import workflow as svc
from app.services.sessions import workflow as session_svc
from tests.unit.requests.moments import NOW


@pytest.fixture()
def held_session(db_session, make_session, register):
    session = make_session()
    register(session)
    session_svc.close_registrations(db_session, session, NOW)
    return session


def after(session):
    return NOW.replace(year=session.start_date.year, month=session.start_date.month,
                       day=session.start_date.day) + timedelta(days=1)


def test_without_anomalies_the_session_goes_straight_into_correction(db_session, held_session):
    assert correction.put_into_correction(db_session, held_session, [], after(held_session),
                                          None) == []
    assert held_session.status == S.IN_CORRECTION


def test_anomalies_hold_the_session_until_support_processes_them(db_session, held_session):
    now = after(held_session)
    created = correction.put_into_correction(
        db_session, held_session, [{"description": "Coupure de courant"},
                                   {"description": "Test", "virtual": True,
                                    "justification": "Essai du matériel"}], now, None)
    assert held_session.status == S.AWAITING_CORRECTION and len(created) == 2
    assert all(r.kind == K.ANOMALY for r in created)
    with pytest.raises(DomainError):
        session_svc.start_correction(db_session, held_session, now, by_body=True)
    svc.decide(db_session, created[0], True, None, now)
    assert held_session.status == S.AWAITING_CORRECTION
    svc.decide(db_session, created[1], False, None, now, "Virtuel injustifié")
    assert held_session.status == S.IN_CORRECTION
    # Publishing needs a score or an absence for every registered épreuve (issue 14)
    for registration in db_session.scalars(select(Registration).where(
            Registration.session_id == held_session.id)):
        for rc in registration.components:
            rc.score = Decimal("400")
    session_svc.publish_results(db_session, held_session, now, by_body=True)
    assert held_session.status == S.RESULTS_PUBLISHED


def test_a_session_with_open_anomalies_cannot_be_published(db_session, held_session):
    now = after(held_session)
    correction.put_into_correction(db_session, held_session, [{"description": "Retard"}], now,
                                   None)
    with pytest.raises(DomainError):
        session_svc.run_transition(db_session, held_session, "start_correction", now, True)
    with pytest.raises(DomainError):
        session_svc.publish_results(db_session, held_session, now, by_body=True)


def test_a_virtual_candidate_needs_a_justification_and_nothing_moves(db_session, held_session):
    with pytest.raises(DomainError):
        correction.put_into_correction(db_session, held_session,
                                       [{"description": "Virtuel", "virtual": True}],
                                       after(held_session), None)
    assert held_session.status == S.REGISTRATIONS_CLOSED


def test_purchase_order_totals_follow_registrations_and_prices(db_session, make_session,
                                                               register):
    session = make_session("TEFIRN")
    register(session)
    register(session)
    order = orders.order_for(db_session, session)
    excl, vat, total = orders.totals(orders.lines_of(db_session, session))
    assert (excl, vat, total) == (Decimal("360.00"), Decimal("72.00"), Decimal("432.00"))
    assert order.status == PurchaseOrderStatus.UNSIGNED
    assert orders.order_for(db_session, session) is order


def test_only_the_centre_manager_signs_once(db_session, make_session, register):
    session = make_session("TEFIRN")
    register(session)
    order = orders.order_for(db_session, session)
    with pytest.raises(NotAllowed):
        orders.sign(db_session, order, signer_name="Hugo Petit", accepted=True,
                    roles=frozenset({CENTRE_STAFF}), actor_id=None, now=NOW)
    with pytest.raises(DomainError):
        orders.sign(db_session, order, signer_name="Claire Martin", accepted=False,
                    roles=frozenset({CENTRE_MANAGER}), actor_id=None, now=NOW)
    orders.sign(db_session, order, signer_name="Claire Martin", accepted=True,
                roles=frozenset({CENTRE_MANAGER}), actor_id=None, now=NOW)
    assert order.status == PurchaseOrderStatus.SIGNED and order.total_excl_vat == Decimal("180")
    with pytest.raises(DomainError):
        orders.sign(db_session, order, signer_name="Claire Martin", accepted=True,
                    roles=frozenset({CENTRE_MANAGER}), actor_id=None, now=NOW)
