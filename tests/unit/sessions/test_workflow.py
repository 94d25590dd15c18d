"""The session status workflow: one service per transition, each with its preconditions."""
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from app.models.centres import Centre
from app.models.reference import Product
from app.models.sessions import ExamSession
from app.models.sessions import SessionStatus as S
from app.services.errors import DomainError, NotAllowed
from app.services.sessions import workflow as svc

NOW = datetime(2026, 5, 1, 10, 0)


@pytest.fixture(autouse=True)
def english(db_session):
    """Messages are matched in English whatever catalogue is compiled."""
    from flask_babel import force_locale

    with force_locale("en"):
        yield


@pytest.fixture()
def paris(db_session):
    return db_session.scalar(select(Centre).where(Centre.code == "PAR-0750001"))


@pytest.fixture()
def new_session(db_session, paris):
    def make(product_code="TEFCAN", start=date(2026, 6, 16), centre=paris):
        product = db_session.scalar(select(Product).where(Product.code == product_code))
        item = ExamSession(product=product, centre=centre,
                           centre_id=centre.id if centre else None, start_date=start,
                           end_date=start, capacity=3)
        svc.prepare_new_session(db_session, item)
        db_session.add(item)
        db_session.flush()
        return item
    return make


def test_a_new_session_gets_a_seven_digit_number_deadlines_and_prices(new_session):
    item = new_session()
    assert len(item.number) == 7 and item.number.isdigit()
    assert item.status == S.DRAFT
    assert item.registration_deadline == datetime(2026, 6, 13, 22, 0)
    # TEF Canada is modular: one price per component, taken from the centre's price list
    assert sorted(p.component.code for p in item.prices) == ["CE", "CO", "EE", "EO"]


def test_a_non_modular_session_has_one_price(new_session):
    item = new_session("TEFIRN")
    assert [(p.component, str(p.amount_excl_vat)) for p in item.prices] == [(None, "180.00")]


def test_end_before_start_is_refused(db_session, paris):
    product = db_session.scalar(select(Product).where(Product.code == "TEFCAN"))
    item = ExamSession(product=product, centre=paris, centre_id=paris.id,
                       start_date=date(2026, 6, 16), end_date=date(2026, 6, 15), capacity=3)
    with pytest.raises(DomainError):
        svc.prepare_new_session(db_session, item)


def test_the_workflow_runs_from_draft_to_archived(db_session, new_session):
    item = new_session()
    svc.plan(db_session, item, NOW)
    svc.open_registrations(db_session, item, NOW)
    svc.close_registrations(db_session, item, NOW)
    after = datetime(2026, 6, 17, 9, 0)
    svc.put_into_correction(db_session, item, after)
    assert item.status == S.AWAITING_CORRECTION
    with pytest.raises(NotAllowed):
        svc.start_correction(db_session, item, after, by_body=False)
    svc.start_correction(db_session, item, after, by_body=True)
    svc.publish_results(db_session, item, after, by_body=True)
    svc.archive(db_session, item, after, by_body=True)
    assert item.status == S.ARCHIVED


def test_a_transition_from_the_wrong_status_says_why(db_session, new_session):
    item = new_session()
    with pytest.raises(DomainError, match="status"):
        svc.close_registrations(db_session, item, NOW)


def test_registrations_cannot_open_after_the_deadline(db_session, new_session):
    item = new_session()
    svc.plan(db_session, item, NOW)
    with pytest.raises(DomainError):
        svc.open_registrations(db_session, item, datetime(2026, 6, 13, 22, 0))


def test_correction_waits_for_the_session_date(db_session, new_session):
    item = new_session()
    for step in (svc.plan, svc.open_registrations, svc.close_registrations):
        step(db_session, item, NOW)
    with pytest.raises(DomainError):
        svc.put_into_correction(db_session, item, datetime(2026, 6, 15, 12, 0))


def test_anomalies_block_the_correction_until_processed(db_session, new_session):
    item = new_session()
    for step in (svc.plan, svc.open_registrations, svc.close_registrations):
        step(db_session, item, NOW)
    after = datetime(2026, 6, 17)
    svc.put_into_correction(db_session, item, after, has_anomalies=True)
    with pytest.raises(DomainError, match="anomal"):
        svc.start_correction(db_session, item, after, by_body=True)
    svc.process_anomalies(db_session, item)
    svc.start_correction(db_session, item, after, by_body=True)
    assert item.status == S.IN_CORRECTION


def test_cancel_is_possible_before_correction_only(db_session, new_session):
    item = new_session()
    svc.cancel(db_session, item, NOW)
    assert item.status == S.CANCELLED
    with pytest.raises(DomainError):
        svc.cancel(db_session, item, NOW)


def test_the_screen_offers_only_the_allowed_transitions(db_session, new_session):
    item = new_session()
    names = [t.name for t in svc.allowed_transitions(db_session, item, NOW, by_body=False)]
    assert names == ["plan", "cancel"]
    svc.plan(db_session, item, NOW)
    late = datetime(2026, 6, 14)
    names = [t.name for t in svc.allowed_transitions(db_session, item, late, by_body=False)]
    assert names == ["cancel"]


def test_a_centre_joins_a_body_session_before_the_centre_deadline(db_session, new_session,
                                                                  paris):
    body = new_session("CIMA", centre=None)
    svc.plan(db_session, body, NOW, by_body=True)
    child = svc.register_centre(db_session, body, paris, NOW)
    assert child.centre_id == paris.id and child.parent_id == body.id
    assert child.status == S.PLANNED and child.prices
    with pytest.raises(DomainError, match="already"):
        svc.register_centre(db_session, body, paris, NOW)


def test_joining_after_the_centre_deadline_is_refused(db_session, new_session, paris):
    body = new_session("CIMA", centre=None)
    svc.plan(db_session, body, NOW, by_body=True)
    with pytest.raises(DomainError, match="deadline"):
        svc.register_centre(db_session, body, paris, body.centre_deadline + timedelta(seconds=1))


def test_a_centre_cannot_move_a_body_session(db_session, new_session):
    body = new_session("CIMA", centre=None)
    with pytest.raises(NotAllowed):
        svc.plan(db_session, body, NOW, by_body=False)
