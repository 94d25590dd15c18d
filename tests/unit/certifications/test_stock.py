"""The stock ledger: sum of movements, never below zero, even under simultaneous assignments."""
import os
import threading
from datetime import timedelta

import pytest
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.models.certifications import (
    CertificationAssignment,
    CertificationType,
    StockCounter,
    StockEntry,
    StockMovement,
)
from app.services.certifications import assignments as assign
from app.services.certifications.stock import InsufficientStock, move_stock, stock_of
from tests.unit.certifications.moments import TODAY


def test_stock_is_the_sum_of_the_ledger_entries(db_session, paris, new_type):
    ctype = new_type()
    move_stock(db_session, paris.id, ctype, StockMovement.DELIVERY, 5)
    move_stock(db_session, paris.id, ctype, StockMovement.ASSIGNMENT, -2)
    move_stock(db_session, paris.id, ctype, StockMovement.CANCELLATION, 1)
    entries = db_session.scalars(select(StockEntry.quantity).where(
        StockEntry.type_id == ctype.id)).all()
    assert sorted(entries) == [-2, 1, 5]
    assert stock_of(db_session, paris.id, ctype.id) == 4
    counter = db_session.scalar(select(StockCounter).where(StockCounter.type_id == ctype.id))
    assert counter.balance == 4


def test_the_second_assignment_of_the_last_certification_is_refused(db_session, paris,
                                                                    new_type, stocked, person):
    ctype = new_type()
    stocked(paris, ctype, 1)
    day = TODAY + timedelta(days=3)
    assign.assign_supervised(db_session, paris.id, ctype, day, [person(paris, "ONE")], TODAY)
    with pytest.raises(InsufficientStock) as refused:
        assign.assign_supervised(db_session, paris.id, ctype, day, [person(paris, "TWO")],
                                 TODAY)
    assert "0" in str(refused.value)
    assert stock_of(db_session, paris.id, ctype.id) == 0
    assert db_session.query(CertificationAssignment).filter_by(type_id=ctype.id).count() == 1


def test_an_assignment_beyond_the_stock_saves_nothing(db_session, paris, new_type, stocked,
                                                      person):
    ctype = new_type()
    stocked(paris, ctype, 2)
    people = [person(paris, name) for name in ("A", "B", "C")]
    with pytest.raises(InsufficientStock):
        assign.assign_supervised(db_session, paris.id, ctype, TODAY, people, TODAY)
    assert stock_of(db_session, paris.id, ctype.id) == 2
    assert db_session.query(CertificationAssignment).filter_by(type_id=ctype.id).count() == 0


@pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"),
                    reason="concurrent transactions need PostgreSQL (TEST_DATABASE_URL)")
def test_two_simultaneous_assignments_of_the_last_one_leave_one_accepted_and_stock_zero(
        examdesk_app):
    """Two connections assign the last certification at the same moment (PostgreSQL)."""
    from app.extensions import db
    from app.models.candidates import Candidate
    from app.models.centres import Centre
    from app.models.reference import Product

    with examdesk_app.app_context():
        engine = db.engines[None]
        with Session(engine) as setup:
            centre = setup.scalar(select(Centre).where(Centre.code == "PAR-0750001"))
            product = setup.scalar(select(Product).where(Product.code == "CLR"))
            ctype = CertificationType(product_id=product.id, name="Race", reference="PART-RACE",
                                      unit_price_excl_vat=1, vat_rate=20)
            setup.add(ctype)
            setup.flush()
            move_stock(setup, centre.id, ctype, StockMovement.DELIVERY, 1)
            setup.commit()
            type_id, centre_id = ctype.id, centre.id
            people = setup.scalars(select(Candidate.id).where(Candidate.centre_id == centre_id)
                                   .order_by(Candidate.id).limit(2)).all()
        barrier, results = threading.Barrier(2), []

        def attempt(candidate_id):
            with examdesk_app.app_context(), Session(engine) as s:
                row_type = s.get(CertificationType, type_id)
                candidate = s.get(Candidate, candidate_id)
                barrier.wait()
                try:
                    assign.assign_supervised(s, centre_id, row_type, TODAY, [candidate], TODAY)
                    s.commit()
                    results.append("accepted")
                except InsufficientStock:
                    s.rollback()
                    results.append("refused")

        threads = [threading.Thread(target=attempt, args=(pk,)) for pk in people]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        try:
            with Session(engine) as check:
                assert sorted(results) == ["accepted", "refused"]
                assert stock_of(check, centre_id, type_id) == 0
        finally:
            with Session(engine) as clean:
                ids = select(CertificationAssignment.id).where(
                    CertificationAssignment.type_id == type_id)
                clean.execute(delete(StockEntry).where(StockEntry.type_id == type_id))
                clean.execute(delete(CertificationAssignment).where(
                    CertificationAssignment.id.in_(ids)))
                clean.execute(delete(StockCounter).where(StockCounter.type_id == type_id))
                clean.execute(delete(CertificationType).where(CertificationType.id == type_id))
                clean.commit()
