"""Write scope beside read scope (app/security/scope.py), checked by the resources of
app/services/resources.py whatever the entry point: shared rows are read by centres and
changed by the body only, and the owner centre of a row never changes after its creation."""
from datetime import date

import pytest
from sqlalchemy import select

from app.models.candidates import Registration
from app.models.centres import Centre
from app.models.reference import PriceList, Product
from app.models.sessions import ExamSession
from app.security.scope import can_see, can_write
from app.services.clock import now
from app.services.errors import NotAllowed, NotFound, ValidationFailed
from app.services.reference.resources import PRICE_LISTS, PRODUCTS
from app.services.sessions.resources import SESSIONS
from tests.integration.security.test_tenancy_walk import _viewer

NOW = now()


def _session(db, number):
    return db.scalar(select(ExamSession).where(ExamSession.number == number))


def _centre(db, code):
    return db.scalar(select(Centre).where(Centre.code == code))


def test_a_body_session_is_read_but_not_written_by_a_centre(db_session):
    paris = _viewer(db_session, "paris.manager")
    body, own = _session(db_session, "7000301"), _session(db_session, "7000101")
    assert can_see(db_session, ExamSession, body.id, paris)
    assert not can_write(db_session, ExamSession, body.id, paris)
    assert can_write(db_session, ExamSession, own.id, paris)
    assert can_write(db_session, ExamSession, body.id, _viewer(db_session, "support"))


def test_an_evaluator_writes_only_the_registrations_of_their_sessions(db_session):
    evaluator = _viewer(db_session, "paris.evaluator")
    examined = _session(db_session, "7000101")
    other = _session(db_session, "7000102")
    first = {s.id: db_session.scalar(select(Registration.id).where(
        Registration.session_id == s.id)) for s in (examined, other)}
    assert can_write(db_session, Registration, first[examined.id], evaluator)
    assert not can_write(db_session, Registration, first[other.id], evaluator)


def test_the_resource_refuses_a_shared_row_and_a_foreign_row(db_session):
    paris = _viewer(db_session, "paris.manager")
    body = _session(db_session, "7000301")
    with pytest.raises(NotAllowed):
        SESSIONS.update(db_session, paris, body, {"title": "Prise"}, NOW, version=body.version)
    lyon = _session(db_session, "7000201")
    with pytest.raises(NotFound):
        SESSIONS.update(db_session, paris, lyon, {"title": "Prise"}, NOW, version=lyon.version)
    product = db_session.scalar(select(Product).where(Product.code == "TEFCAN"))
    with pytest.raises(NotAllowed):
        PRODUCTS.delete(db_session, paris, product, NOW)
    db_session.expire_all()
    assert _session(db_session, "7000301").title != "Prise"
    assert db_session.get(Product, product.id) is not None


def test_the_owner_centre_is_never_changed_by_an_edit_even_by_the_body(db_session):
    support = _viewer(db_session, "support")
    price = db_session.scalar(select(PriceList).where(
        PriceList.centre.has(code="PAR-0750001")))
    lyon = _centre(db_session, "LYO-0690001")
    with pytest.raises(ValidationFailed) as refused:
        PRICE_LISTS.update(db_session, support, price, {"centre": lyon}, NOW,
                           version=price.version)
    assert "centre_id" in refused.value.errors
    db_session.expire_all()
    assert db_session.get(PriceList, price.id).centre.code == "PAR-0750001"


def test_a_centre_users_new_row_belongs_to_their_centre_whatever_the_input(db_session):
    paris = _viewer(db_session, "paris.manager")
    lyon = _centre(db_session, "LYO-0690001")
    product = db_session.scalar(select(Product).where(Product.code == "TEFCAN"))
    item = ExamSession(product=product, centre=lyon, title="Chez Lyon ?",
                       start_date=date(2030, 6, 4), end_date=date(2030, 6, 4), capacity=5)
    SESSIONS.create(db_session, paris, item, NOW)
    assert item.centre.code == "PAR-0750001"
