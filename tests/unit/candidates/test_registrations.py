"""Registrations: access codes, capacity, components, withdrawals and absences."""
import re
from datetime import date, datetime

import pytest
from sqlalchemy import select

from app.models.candidates import Candidate, Gender, RegistrationStatus
from app.models.centres import Centre
from app.models.reference import Product
from app.models.sessions import ExamSession
from app.services.candidates import registrations as reg
from app.services.candidates.candidates import dedup_key
from app.services.errors import DomainError
from app.services.sessions import workflow as svc

NOW = datetime(2026, 5, 1, 10, 0)


@pytest.fixture(autouse=True)
def english(db_session):
    """Messages are matched in English whatever catalogue is compiled."""
    from flask_babel import force_locale

    with force_locale("en"):
        yield
CODE = re.compile(r"^[34679ACDEFGHJKMNPQRTUVWXY]{3}(-[34679ACDEFGHJKMNPQRTUVWXY]{3}){2}$")


def test_access_codes_have_the_three_groups_shape_without_ambiguous_characters():
    codes = {reg.new_access_code() for _ in range(500)}
    assert all(CODE.match(c) for c in codes)
    assert not any(ch in "".join(codes) for ch in "01OIL2Z5S8B")
    assert len(codes) == 500


@pytest.fixture()
def open_session(db_session):
    paris = db_session.scalar(select(Centre).where(Centre.code == "PAR-0750001"))
    product = db_session.scalar(select(Product).where(Product.code == "TEFCAN"))
    item = ExamSession(product=product, centre=paris, centre_id=paris.id,
                       start_date=date(2026, 6, 16), end_date=date(2026, 6, 16), capacity=2)
    svc.prepare_new_session(db_session, item)
    db_session.add(item)
    svc.plan(db_session, item, NOW)
    svc.open_registrations(db_session, item, NOW)
    db_session.flush()
    return item


@pytest.fixture()
def person(db_session, open_session):
    def make(last):
        c = Candidate(centre_id=open_session.centre_id, last_name=last, first_name="Ana",
                      birth_date=date(1990, 1, 1), gender=Gender.F,
                      dedup_key=dedup_key(last, "Ana", date(1990, 1, 1)))
        db_session.add(c)
        db_session.flush()
        return c
    return make


def test_registration_gets_a_unique_code_and_the_chosen_components(db_session, open_session,
                                                                   person):
    r = reg.register_candidate(db_session, open_session, person("A"), NOW, ["ce", "EO"])
    assert CODE.match(r.access_code)
    assert r.component_codes == "CE, EO"
    assert r.status == RegistrationStatus.REGISTERED


def test_unknown_component_is_refused(db_session, open_session, person):
    with pytest.raises(DomainError, match="XX"):
        reg.register_candidate(db_session, open_session, person("A"), NOW, ["XX"])


def test_capacity_is_enforced(db_session, open_session, person):
    reg.register_candidate(db_session, open_session, person("A"), NOW)
    reg.register_candidate(db_session, open_session, person("B"), NOW)
    with pytest.raises(DomainError, match="full"):
        reg.register_candidate(db_session, open_session, person("C"), NOW)


def test_a_withdrawal_frees_a_place(db_session, open_session, person):
    first = reg.register_candidate(db_session, open_session, person("A"), NOW)
    reg.register_candidate(db_session, open_session, person("B"), NOW)
    reg.withdraw(first)
    db_session.flush()
    reg.register_candidate(db_session, open_session, person("C"), NOW)


def test_registration_after_the_deadline_is_refused(db_session, open_session, person):
    with pytest.raises(DomainError, match="deadline"):
        reg.register_candidate(db_session, open_session, person("A"),
                               datetime(2026, 6, 13, 22, 0))


def test_the_same_candidate_cannot_be_registered_twice(db_session, open_session, person):
    c = person("A")
    reg.register_candidate(db_session, open_session, c, NOW)
    with pytest.raises(DomainError, match="already"):
        reg.register_candidate(db_session, open_session, c, NOW)


def test_absence_only_once_registrations_are_closed_and_per_component(db_session, open_session,
                                                                      person):
    r = reg.register_candidate(db_session, open_session, person("A"), NOW)
    with pytest.raises(DomainError, match="closed"):
        reg.mark_absent(r, ["CE"])
    svc.close_registrations(db_session, open_session, NOW)
    reg.mark_absent(r, ["CE"])
    assert r.absences == "CE"
    with pytest.raises(DomainError, match="open"):
        reg.withdraw(r)
