"""Fixtures of the request tests: fresh sessions of a centre, candidates registered to them."""
from datetime import date

import pytest
from sqlalchemy import select

from app.models.candidates import Candidate, Gender
from app.models.centres import Centre
from app.models.reference import Product
from app.models.sessions import ExamSession
from app.services.candidates import registrations as reg_svc
from app.services.candidates.candidates import dedup_key
from app.services.sessions import workflow as session_svc
from tests.unit.requests.moments import NOW, START


@pytest.fixture()
def make_session(db_session):
    def make(product_code="TEFCAN", start=START, capacity=5, centre_code="PAR-0750001"):
        centre = db_session.scalar(select(Centre).where(Centre.code == centre_code))
        product = db_session.scalar(select(Product).where(Product.code == product_code))
        item = ExamSession(product=product, centre=centre, centre_id=centre.id,
                           start_date=start, end_date=start, capacity=capacity)
        session_svc.prepare_new_session(db_session, item)
        db_session.add(item)
        session_svc.plan(db_session, item, NOW)
        session_svc.open_registrations(db_session, item, NOW)
        db_session.flush()
        return item
    return make


@pytest.fixture()
def register(db_session):
    counter = iter(range(1000))

    def make(session, last=None):
        last = last or f"TESTREQ{next(counter)}"
        born = date(1990, 1, 1)
        candidate = db_session.scalar(select(Candidate).where(
            Candidate.centre_id == session.centre_id,
            Candidate.dedup_key == dedup_key(last, "Ana", born)))
        if candidate is None:
            candidate = Candidate(centre_id=session.centre_id, last_name=last, first_name="Ana",
                                  birth_date=born, gender=Gender.F,
                                  dedup_key=dedup_key(last, "Ana", born))
            db_session.add(candidate)
            db_session.flush()
        return reg_svc.register_candidate(db_session, session, candidate, NOW)
    return make
