"""Assignments, La Poste planning, cancellations, activation codes, groups and the summary."""
import io
from datetime import timedelta

import pdfplumber
import pytest
from sqlalchemy import select

from app.models.certifications import AssignmentStatus, CandidateGroup, GroupCategory, StockEntry
from app.models.mail import OutboxEmail
from app.security.scope import Viewer
from app.services.certifications import assignments as assign
from app.services.certifications import groups
from app.services.certifications.activation_codes import (
    ALPHABET,
    generate_codes,
    new_activation_code,
)
from app.services.certifications.dashboard import certification_summary
from app.services.certifications.stock import stock_of
from app.services.errors import DomainError, ValidationFailed
from tests.unit.certifications.moments import NOW, TODAY

LATER = TODAY + timedelta(days=7)


def test_a_planned_date_in_the_past_is_refused_and_nothing_is_consumed(db_session, paris,
                                                                       new_type, stocked,
                                                                       person):
    ctype = new_type()
    stocked(paris, ctype, 3)
    with pytest.raises(ValidationFailed) as refused:
        assign.assign_supervised(db_session, paris.id, ctype, TODAY - timedelta(days=1),
                                 [person(paris, "PAST")], TODAY)
    assert "planned_date" in refused.value.errors
    assert stock_of(db_session, paris.id, ctype.id) == 3


def test_a_candidate_of_another_centre_cannot_be_assigned(db_session, paris, lyon, new_type,
                                                          stocked, person):
    ctype = new_type()
    stocked(paris, ctype, 3)
    with pytest.raises(ValidationFailed) as refused:
        assign.assign_supervised(db_session, paris.id, ctype, LATER, [person(lyon, "LYON")],
                                 TODAY)
    assert "candidates" in refused.value.errors
    assert stock_of(db_session, paris.id, ctype.id) == 3


def test_the_same_certification_cannot_be_planned_twice_for_a_candidate(db_session, paris,
                                                                        new_type, stocked,
                                                                        person):
    ctype = new_type()
    stocked(paris, ctype, 3)
    who = person(paris, "TWICE")
    assign.assign_supervised(db_session, paris.id, ctype, LATER, [who], TODAY)
    with pytest.raises(DomainError, match="TWICE"):
        assign.assign_supervised(db_session, paris.id, ctype, LATER, [who], TODAY)
    assert stock_of(db_session, paris.id, ctype.id) == 2


def test_partner_and_supervised_types_go_through_their_own_path(db_session, paris, new_type,
                                                                stocked, person, partner):
    at_poste, supervised = new_type("P-POSTE", supervised=False), new_type("P-SELF")
    stocked(paris, at_poste, 1)
    stocked(paris, supervised, 1)
    who = person(paris, "PATH")
    with pytest.raises(DomainError):
        assign.assign_supervised(db_session, paris.id, at_poste, LATER, [who], TODAY)
    with pytest.raises(DomainError):
        assign.plan_partner(db_session, paris.id, supervised, partner, LATER, "10:00", [who],
                            TODAY, NOW)
    with pytest.raises(ValidationFailed):
        assign.plan_partner(db_session, paris.id, at_poste, partner, LATER, "25:99", [who],
                            TODAY, NOW)
    with pytest.raises(DomainError, match="NOMAIL"):
        assign.plan_partner(db_session, paris.id, at_poste, partner, LATER, "10:00",
                            [person(paris, "NOMAIL", email=False)], TODAY, NOW)
    assert stock_of(db_session, paris.id, at_poste.id) == 1


def test_la_poste_planning_convenes_each_candidate_in_their_language(db_session, paris,
                                                                     new_type, stocked, person,
                                                                     partner):
    ctype = new_type("P-CONV", supervised=False)
    stocked(paris, ctype, 2)
    people = [person(paris, "ENGLISH", tongue="ENG"), person(paris, "FRENCH", tongue="FRA")]
    rows = assign.plan_partner(db_session, paris.id, ctype, partner, LATER, "9:05", people,
                               TODAY, NOW)
    assert [r.exam_time for r in rows] == ["09:05", "09:05"]
    mails = {m.recipient: m for m in db_session.scalars(select(OutboxEmail).where(
        OutboxEmail.kind == "certification_convocation"))}
    english, french = mails["english@example.org"], mails["french@example.org"]
    assert english.language == "en" and french.language == "fr"
    for mail in (english, french):
        assert partner.address in mail.body and "09:05" in mail.body
        assert str(LATER.year) in mail.body


def test_the_la_poste_convocation_carries_its_pdf_in_the_candidate_language(
        db_session, paris, new_type, stocked, person, partner):
    ctype = new_type("P-PDF", supervised=False)
    stocked(paris, ctype, 2)
    people = [person(paris, "ENGLISH", tongue="ENG"), person(paris, "FRENCH", tongue="FRA")]
    assign.plan_partner(db_session, paris.id, ctype, partner, LATER, "9:05", people, TODAY, NOW)
    mails = {m.recipient: m for m in db_session.scalars(select(OutboxEmail).where(
        OutboxEmail.kind == "certification_convocation"))}
    texts = {}
    for address, mail in mails.items():
        [pdf] = mail.attachments
        assert pdf.content_type == "application/pdf" and pdf.filename.endswith(".pdf")
        with pdfplumber.open(io.BytesIO(pdf.data)) as document:
            texts[address] = "\n".join(page.extract_text() for page in document.pages)
    assert "FRENCH" in texts["french@example.org"] and partner.address in texts[
        "french@example.org"] and "09:05" in texts["french@example.org"]
    assert "pièce d'identité" in texts["french@example.org"]
    assert "identity document" in texts["english@example.org"]


def test_cancelling_returns_the_certification_to_the_stock_once(db_session, paris, new_type,
                                                                stocked, person):
    ctype = new_type()
    stocked(paris, ctype, 1)
    row, = assign.assign_supervised(db_session, paris.id, ctype, LATER, [person(paris, "C")],
                                    TODAY)
    generate_codes(db_session, [row])
    assign.cancel_assignment(db_session, row)
    assert row.status == AssignmentStatus.CANCELLED and row.activation_code is None
    assert stock_of(db_session, paris.id, ctype.id) == 1
    movements = db_session.scalars(select(StockEntry.movement).where(
        StockEntry.assignment_id == row.id)).all()
    assert sorted(m.value for m in movements) == ["assignment", "cancellation"]
    with pytest.raises(DomainError):
        assign.cancel_assignment(db_session, row)
    assert stock_of(db_session, paris.id, ctype.id) == 1


def test_activation_codes_are_random_unique_and_only_for_supervised_certifications(
        db_session, paris, new_type, stocked, person, partner):
    codes = {new_activation_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(set(c[4:].replace("-", "")) <= set(ALPHABET) for c in codes)
    own, poste = new_type("C-SELF"), new_type("C-POSTE", supervised=False)
    stocked(paris, own, 3)
    stocked(paris, poste, 1)
    rows = assign.assign_supervised(db_session, paris.id, own, LATER,
                                    [person(paris, n) for n in "ABC"], TODAY)
    assert generate_codes(db_session, rows) == 3
    assert generate_codes(db_session, rows) == 0  # one code per candidate, kept
    assert len({r.activation_code for r in rows}) == 3
    at_poste = assign.plan_partner(db_session, paris.id, poste, partner, LATER, "10:00",
                                   [person(paris, "D")], TODAY, NOW)
    with pytest.raises(DomainError):
        generate_codes(db_session, at_poste)
    assert at_poste[0].activation_code is None


def test_a_candidate_may_be_in_several_groups_and_the_search_filters(db_session, paris, lyon,
                                                                     new_type, stocked,
                                                                     person):
    one = CandidateGroup(centre_id=paris.id, name="G-one", category=GroupCategory.CLIENT)
    two = CandidateGroup(centre_id=paris.id, name="G-two", category=GroupCategory.CLASS)
    db_session.add_all([one, two])
    alice, bob = person(paris, "ALICEZ"), person(paris, "BOBZ")
    assert groups.add_members(one, [alice, bob]) == 2
    assert groups.add_members(two, [alice]) == 1
    assert groups.add_members(two, [alice]) == 0
    with pytest.raises(DomainError):
        groups.add_members(one, [person(lyon, "FOREIGN")])
    db_session.flush()
    assert {g.name for g in alice.groups} == {"G-one", "G-two"}
    found = groups.search_candidates(db_session, paris.id, group_id=two.id)
    assert [c.last_name for c in found] == ["ALICEZ"]
    assert [c.last_name for c in groups.search_candidates(
        db_session, paris.id, text="bobz@example", group_id=one.id)] == ["BOBZ"]
    ctype = new_type()
    stocked(paris, ctype, 1)
    assign.assign_supervised(db_session, paris.id, ctype, LATER, [bob], TODAY)
    planned = groups.search_candidates(db_session, paris.id, status="planned", group_id=one.id)
    to_assign = groups.search_candidates(db_session, paris.id, status="to_assign",
                                         group_id=one.id)
    assert [c.last_name for c in planned] == ["BOBZ"]
    assert [c.last_name for c in to_assign] == ["ALICEZ"]
    assert groups.remove_members(one, [bob.id]) == 1


def test_the_summary_counts_only_the_viewers_centre(db_session, paris, lyon, supervised,
                                                    person):
    viewer = Viewer(user_id=1, roles=frozenset({"CentreManager"}), centre_id=paris.id,
                    centre_ids=(paris.id,))
    before = certification_summary(db_session, viewer)
    person(paris, "NEWCOMER")
    person(lyon, "ELSEWHERE")
    db_session.add(CandidateGroup(centre_id=lyon.id, name="Lyon only"))
    db_session.flush()
    after = certification_summary(db_session, viewer)
    assert after["to_assign"] == before["to_assign"] + 1
    assert after["groups"] == before["groups"]
    stock = dict((t.reference, left) for t, left in after["stock"])
    assert stock["PART-CLR-EXAMEN"] == stock_of(db_session, paris.id, supervised.id)


def test_an_evaluator_gets_no_certification_summary(db_session, paris):
    evaluator = Viewer(user_id=1, roles=frozenset({"Evaluator"}), centre_id=paris.id,
                       centre_ids=(paris.id,))
    assert certification_summary(db_session, evaluator) is None
