"""Postponement policy per product and the re-registration into a later session."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.models.candidates import RegistrationStatus
from app.models.reference import Product
from app.models.requests import PostponementPolicy
from app.models.requests import RequestKind as K
from app.services.errors import DomainError, NotAllowed
from app.services.requests import postponements as post
from app.services.requests import workflow as svc
from tests.unit.requests.moments import NOW, days_before


@pytest.fixture()
def policy(db_session):
    def set_policy(code, maximum=1, days=2, centre_may=False):
        product = db_session.scalar(select(Product).where(Product.code == code))
        row = db_session.scalar(select(PostponementPolicy).where(
            PostponementPolicy.product_id == product.id))
        if row is None:
            row = PostponementPolicy(product_id=product.id)
            db_session.add(row)
        row.max_postponements, row.min_days_before = maximum, days
        row.centre_may_reregister = centre_may
        db_session.flush()
        return row
    return set_policy


def _accepted_postponement(db_session, registration, now=NOW):
    item = svc.file_request(db_session, K.POSTPONEMENT, registration=registration, reason="r",
                            actor_id=None, now=now)
    svc.decide(db_session, item, True, None, now)
    return item


def test_reregistration_links_old_and_new_registrations(db_session, make_session, register,
                                                        policy):
    policy("TEFCAN")
    old_session = make_session()
    later = make_session(start=old_session.start_date + timedelta(days=30))
    old = register(old_session)
    item = _accepted_postponement(db_session, old)
    new = post.reregister(db_session, item, later, NOW, None, by_body=True)
    assert new.session_id == later.id and new.candidate_id == old.candidate_id
    assert item.new_registration is new and old.status == RegistrationStatus.WITHDRAWN
    assert new.component_codes == old.component_codes
    assert item.events[-1].action == "reregistered"


def test_postponement_too_close_to_the_session_is_refused(db_session, make_session, register,
                                                          policy):
    policy("TEFCAN", days=10)
    session = make_session()
    registration = register(session)
    with pytest.raises(DomainError) as refused:
        svc.file_request(db_session, K.POSTPONEMENT, registration=registration, reason="r",
                         actor_id=None, now=days_before(session, 9))
    assert "10" in str(refused.value)
    svc.file_request(db_session, K.POSTPONEMENT, registration=registration, reason="r",
                     actor_id=None, now=days_before(session, 10))


def test_policy_caps_the_number_of_postponements(db_session, make_session, register, policy):
    policy("TEFCAN", maximum=1)
    first = make_session()
    second = make_session(start=first.start_date + timedelta(days=20))
    item = _accepted_postponement(db_session, register(first))
    new = post.reregister(db_session, item, second, NOW, None, by_body=True)
    with pytest.raises(DomainError):
        svc.file_request(db_session, K.POSTPONEMENT, registration=new, reason="again",
                         actor_id=None, now=NOW)


def test_centre_reregisters_only_when_the_policy_allows(db_session, make_session, register,
                                                        policy):
    rule = policy("TEFCAN", centre_may=False)
    first = make_session()
    later = make_session(start=first.start_date + timedelta(days=20))
    item = _accepted_postponement(db_session, register(first))
    with pytest.raises(NotAllowed):
        post.reregister(db_session, item, later, NOW, None, by_body=False)
    rule.centre_may_reregister = True
    assert post.reregister(db_session, item, later, NOW, None, by_body=False) is not None


def test_reregistration_into_another_product_or_a_full_session_is_refused(
        db_session, make_session, register, policy):
    policy("TEFCAN")
    first = make_session()
    other_product = make_session("TEFIRN", start=first.start_date + timedelta(days=20))
    full = make_session(start=first.start_date + timedelta(days=25), capacity=1)
    register(full)
    item = _accepted_postponement(db_session, register(first))
    with pytest.raises(DomainError):
        post.reregister(db_session, item, other_product, NOW, None, by_body=True)
    with pytest.raises(DomainError):
        post.reregister(db_session, item, full, NOW, None, by_body=True)
    assert item.new_registration_id is None
    assert full not in post.target_sessions(db_session, item, NOW)


def test_only_an_accepted_postponement_reregisters(db_session, make_session, register, policy):
    policy("TEFCAN")
    first = make_session()
    later = make_session(start=first.start_date + timedelta(days=20))
    item = svc.file_request(db_session, K.POSTPONEMENT, registration=register(first),
                            reason="r", actor_id=None, now=NOW)
    with pytest.raises(DomainError):
        post.reregister(db_session, item, later, NOW, None, by_body=True)


def test_earlier_session_is_not_offered(db_session, make_session, register, policy):
    policy("TEFCAN")
    first = make_session()
    earlier = make_session(start=first.start_date - timedelta(days=5))
    later = make_session(start=first.start_date + timedelta(days=5))
    item = _accepted_postponement(db_session, register(first))
    offered = post.target_sessions(db_session, item, NOW)
    assert later in offered and earlier not in offered and first not in offered
