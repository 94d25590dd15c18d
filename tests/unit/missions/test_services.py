"""Mission services on the demo database: competences, locks, convocation rights, allowances."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.models.centres import Centre
from app.models.missions.allowances import Allowance, AllowanceStatus
from app.models.missions.missions import ConvocationOrigin, ExpensesStatus, Mission
from app.models.missions.staff import Competence, StaffMember
from app.models.reference import PriceList, Product, TestComponent
from app.security.scope import Viewer
from app.services.errors import DomainError, NotAllowed
from app.services.missions import allowances, competences, convocations, service_done
from app.services.missions import staff as staff_service


@pytest.fixture()
def paris(db_session):
    return db_session.scalar(select(Centre).where(Centre.code == "PAR-0750001"))


@pytest.fixture()
def paris_viewer(paris):
    return Viewer(user_id=5, roles=frozenset({"CentreManager"}), centre_id=paris.id,
                  centre_ids=(paris.id,))


def _component(db_session, product, code):
    return db_session.scalar(select(TestComponent).join(Product).where(
        Product.code == product, TestComponent.code == code))


def _staff(db_session, identifier):
    return db_session.scalar(select(StaffMember).where(StaffMember.identifier == identifier))


def test_system_competence_from_the_correspondence_table(db_session):
    person = _staff(db_session, "P750004")
    db_session.execute(Competence.__table__.delete().where(
        Competence.staff_member_id == person.id))
    assert competences.generate_system_competences(db_session, person) == 1
    row = db_session.scalar(select(Competence).where(Competence.staff_member_id == person.id))
    assert row.authors_display == "SYS (C)"


def test_centre_withdrawal_keeps_a_system_competence_with_its_mark(db_session, paris):
    person, ee = _staff(db_session, "P750001"), _component(db_session, "TEFCAN", "EE")
    competences.declare(db_session, person, ee, paris.code, "centre", False)
    row = db_session.scalar(select(Competence).where(Competence.staff_member_id == person.id,
                                                     Competence.component_id == ee.id))
    assert row.authors_display == "PAR-0750001 (I) SYS (C)"


def test_a_competence_entered_only_by_the_centre_disappears_when_withdrawn(db_session, paris):
    person, eo = _staff(db_session, "P750002"), _component(db_session, "TEFCAN", "EO")
    assert competences.declare(db_session, person, eo, paris.code, "centre", True) is not None
    db_session.flush()
    assert competences.declare(db_session, person, eo, paris.code, "centre", False) is None
    db_session.flush()
    assert db_session.scalar(select(Competence).where(Competence.staff_member_id == person.id,
                                                      Competence.component_id == eo.id)) is None


def test_a_validated_entry_locks_the_centre_until_unlocked(db_session, paris, paris_viewer):
    person, eo = _staff(db_session, "P750002"), _component(db_session, "TEFCAN", "EO")
    competences.set_entry_lock(db_session, paris.id, True, datetime(2026, 1, 5))
    with pytest.raises(NotAllowed):
        competences.resolve_author(db_session, paris_viewer, person, eo)
    competences.set_entry_lock(db_session, paris.id, False, datetime(2026, 1, 6))
    assert competences.resolve_author(db_session, paris_viewer, person, eo) == (
        "PAR-0750001", "centre")


def test_a_competence_on_an_exam_the_centre_does_not_run_is_refused(db_session, paris,
                                                                     paris_viewer):
    clr = _component(db_session, "CLR", "CLR")
    db_session.execute(PriceList.__table__.delete().where(
        PriceList.centre_id == paris.id, PriceList.product_id == clr.product_id))
    with pytest.raises(DomainError) as caught:
        competences.resolve_author(db_session, paris_viewer, _staff(db_session, "P750002"), clr)
    assert "CLR" in str(caught.value)


def _paris_mission(db_session, number_end):
    return db_session.scalar(select(Mission).where(Mission.number.endswith(number_end),
                                                   Mission.number.startswith("PAR")))


def test_a_centre_cannot_convoke_for_a_mission_not_opened_to_it(db_session, paris_viewer):
    mission = _paris_mission(db_session, "-102")
    mission.open_to_centre = False
    data = convocations.ConvocationData(slots=[convocations.Slot(
        mission.starts_on, time(8), time(9))])
    with pytest.raises(NotAllowed):
        convocations.convoke(db_session, mission, [_staff(db_session, "P750003")], data,
                             paris_viewer)


def test_the_centre_manages_only_its_convocations_and_not_once_expenses_are_processed(
        db_session, paris_viewer):
    mission = _paris_mission(db_session, "-101")
    by_manager = next(c for c in mission.convocations if c.origin == ConvocationOrigin.MANAGER)
    by_centre = next(c for c in mission.convocations if c.origin == ConvocationOrigin.CENTRE)
    with pytest.raises(NotAllowed):
        convocations.delete(db_session, by_manager, paris_viewer)
    by_centre.expenses_status = ExpensesStatus.PROCESSING
    with pytest.raises(NotAllowed):
        convocations.delete(db_session, by_centre, paris_viewer)


def test_service_done_is_frozen_once_processed_and_not_done_cancels_expenses(db_session):
    mission = _paris_mission(db_session, "-101")
    convocation = next(c for c in mission.convocations if c.service is None)
    later = datetime.combine(mission.ends_on + timedelta(days=1), time(9))
    service_done.record_service(db_session, convocation, {"done": False,
                                                          "not_done_reason": "Malade"}, later)
    assert convocation.expenses_status == ExpensesStatus.CANCELLED
    service_done.record_service(db_session, convocation, {"done": True, "scripts": "12"}, later)
    service_done.mark_processed(convocation)
    with pytest.raises(NotAllowed):
        service_done.record_service(db_session, convocation, {"done": True, "scripts": "3"},
                                    later)


def test_service_cannot_be_attested_before_the_mission(db_session):
    mission = _paris_mission(db_session, "-102")
    convocation = mission.convocations[0]
    with pytest.raises(DomainError):
        service_done.record_service(db_session, convocation, {"done": True, "candidates": "3"},
                                    datetime.combine(date.today(), time(9)))


def test_days_recompute_the_total_and_percentage_shares(db_session, paris):
    allowance = db_session.scalar(select(Allowance).where(Allowance.centre_id == paris.id))
    total = allowances.set_days(db_session, allowance, date(2026, 6, 15),
                                {"up_to_600": "6", "over_600": "1", "extra": "0"})
    assert total == Decimal("1268.00")
    staff = _staff(db_session, "P750001")
    allowances.add_share(db_session, allowance, staff, percentage="5.5")
    assert allowances.compute_distribution(allowance.total, [s.amount for s in allowance.shares]
                                           ) == (Decimal("389.48"), Decimal("878.52"))
    with pytest.raises(DomainError):
        allowances.set_days(db_session, allowance, date(2026, 6, 15),
                            {"up_to_600": "1", "over_600": "0", "extra": "0"})


def test_a_transmitted_allowance_is_read_only_and_processed_by_managers(db_session, paris):
    allowance = db_session.scalar(select(Allowance).where(Allowance.centre_id == paris.id))
    allowances.transmit(allowance, datetime(2026, 6, 20))
    assert allowance.status == AllowanceStatus.TRANSMITTED
    assert allowance.processing.value == "initialised"
    with pytest.raises(NotAllowed):
        allowances.add_share(db_session, allowance, _staff(db_session, "P750004"), amount="10")


def test_suggestion_lists_competent_available_staff_least_loaded_first(db_session,
                                                                       paris_viewer):
    mission = _paris_mission(db_session, "-101")
    mission.component = _component(db_session, "TEFCAN", "EE")
    suggested = [s.identifier for s, _ in staff_service.suggest_staff(db_session, mission,
                                                                       paris_viewer)]
    # P750001-3 are already convoked on it; P750004 is competent (SYS) and free on its dates
    assert suggested == ["P750004"]


def test_the_staff_member_adds_and_withdraws_only_their_own_authorship(db_session):
    person, eo = _staff(db_session, "P750001"), _component(db_session, "TEFCAN", "EO")
    viewer = Viewer(user_id=person.user_id, roles=frozenset({"Evaluator"}))
    code, kind = competences.resolve_author(db_session, viewer, person, eo)
    assert (code, kind) == ("P750001", "staff")
    competences.declare(db_session, person, eo, code, kind, True)
    with pytest.raises(NotAllowed):
        competences.resolve_author(db_session, viewer, _staff(db_session, "P750002"), eo)


def test_a_teachings_import_with_a_bad_row_imports_nothing(db_session):
    person = _staff(db_session, "P750002")
    before = [t.subject for t in person.teachings]
    rows = staff_service.parse_teachings(
        "identifier;establishment;training_module;module_type;subject;modality\n"
        "P750002;Lycée Voltaire;2NDE;MEF NATIONAL;HISTOIRE;COURS GENERAL\n"
        "NOBODY;Lycée Voltaire;2NDE;MEF NATIONAL;HISTOIRE;COURS GENERAL\n"
        "P750002;;2NDE;MEF NATIONAL;;COURS GENERAL\n".encode(), "teachings.csv")
    with pytest.raises(DomainError) as caught:
        staff_service.import_teachings(db_session, rows)
    assert len(caught.value.errors) == 2
    assert [t.subject for t in person.teachings] == before
    assert staff_service.import_teachings(db_session, rows[:1]) == 1
    assert [t.subject for t in person.teachings] == ["HISTOIRE"]
