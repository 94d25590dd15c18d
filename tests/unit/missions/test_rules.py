"""Pure rules of exam missions: allowance arithmetic, competence authors, overlaps, dates."""
from datetime import date, datetime, time
from decimal import Decimal

import pytest

from app.models.missions.missions import Remuneration
from app.services.errors import DomainError, ValidationFailed
from app.services.missions import allowances, competences, convocations, service_done

RATES = {"up_to_600": Decimal("178.00"), "over_600": Decimal("200.00"),
         "extra": Decimal("89.00")}


def test_allowance_total_of_the_seed_example_is_1268():
    days = allowances.check_days({"up_to_600": "6", "over_600": "1", "extra": "0,0"})
    assert allowances.compute_allowance_total(days, RATES) == Decimal("1268.00")


def test_seed_distribution_gives_389_48_distributed_and_878_52_remaining():
    total = Decimal("1268.00")
    shares = [allowances.compute_share_amount(total, percentage="5,5"),
              allowances.compute_share_amount(total, amount="250"),
              allowances.compute_share_amount(total, percentage="5.5")]
    assert shares == [Decimal("69.74"), Decimal("250.00"), Decimal("69.74")]
    assert allowances.compute_distribution(total, shares) == (Decimal("389.48"),
                                                              Decimal("878.52"))


def test_a_distribution_above_the_total_is_refused():
    with pytest.raises(DomainError):
        allowances.check_distribution(Decimal("100.00"), [Decimal("60"), Decimal("40.01")])
    allowances.check_distribution(Decimal("100.00"), [Decimal("60"), Decimal("40")])


@pytest.mark.parametrize("kwargs", [{"percentage": "100.1"}, {"percentage": "5.55"},
                                    {"amount": "0"}, {"amount": "-3"}, {},
                                    {"percentage": "5", "amount": "3"}])
def test_bad_shares_are_refused(kwargs):
    with pytest.raises(ValidationFailed):
        allowances.compute_share_amount(Decimal("1268.00"), **kwargs)


@pytest.mark.parametrize("days,field", [({"up_to_600": "100"}, "up_to_600"),
                                        ({"extra": "3.5"}, "extra"),
                                        ({"over_600": "1.25"}, "over_600")])
def test_days_out_of_range_name_the_field(days, field):
    with pytest.raises(ValidationFailed) as caught:
        allowances.check_days(days)
    assert field in caught.value.errors


def test_a_centre_confirming_a_system_competence_is_listed_first():
    authors = competences.compute_authors([], "SYS", "system", True)
    authors = competences.compute_authors(authors, "0120006S", "centre", True)
    assert [(a["code"], a["competent"]) for a in authors] == [("0120006S", True), ("SYS", True)]


def test_a_centre_withdrawing_keeps_the_competence_while_sys_holds_it():
    authors = competences.compute_authors([{"code": "SYS", "kind": "system", "competent": True}],
                                          "0120006S", "centre", False)
    assert [(a["code"], a["competent"]) for a in authors] == [("0120006S", False), ("SYS", True)]
    assert competences.is_listed(authors)


def test_the_only_author_withdrawing_makes_the_competence_disappear():
    authors = competences.compute_authors([], "0120006S", "centre", True)
    authors = competences.compute_authors(authors, "0120006S", "centre", False)
    assert not competences.is_listed(authors)


def test_a_competence_disappears_only_when_every_author_withdrew():
    authors = competences.compute_authors([], "0120006S", "centre", True)
    authors = competences.compute_authors(authors, "P123", "staff", True)
    authors = competences.compute_authors(authors, "0120006S", "centre", False)
    assert competences.is_listed(authors)
    authors = competences.compute_authors(authors, "P123", "staff", False)
    assert not competences.is_listed(authors)


def _slot(day, start, end):
    return convocations.Slot(day, time(*start), time(*end))


def test_slots_are_parsed_and_bad_lines_named():
    slots = convocations.parse_slots("25/02/2019 08:00-18:00\n26/02/2019 8h30-12:00")
    assert slots[1] == _slot(date(2019, 2, 26), (8, 30), (12, 0))
    with pytest.raises(ValidationFailed) as caught:
        convocations.parse_slots("25/02/2019 08:00-18:00\n31/02/2019 08:00-09:00\nx")
    assert "2, 3" in str(caught.value.errors["dates"])


def test_dates_outside_the_mission_are_refused():
    slots = [_slot(date(2019, 2, 28), (8, 0), (12, 0))]
    with pytest.raises(ValidationFailed):
        convocations.check_slots_within(slots, date(2019, 2, 25), date(2019, 2, 27))
    convocations.check_slots_within(slots, date(2019, 2, 25), date(2019, 2, 28))


def test_an_unavailable_person_is_refused_with_the_reason():
    slots = [_slot(date(2019, 2, 25), (8, 0), (12, 0))]
    busy = [(datetime(2019, 2, 25, 11), datetime(2019, 2, 25, 14), "Stage")]
    with pytest.raises(DomainError) as caught:
        convocations.check_no_overlap(slots, busy, [])
    assert "Stage" in str(caught.value)


def test_a_person_convoked_at_an_overlapping_time_is_refused():
    slots = [_slot(date(2019, 2, 25), (8, 0), (12, 0))]
    other = [(datetime(2019, 2, 25, 9), datetime(2019, 2, 25, 10), "112121")]
    with pytest.raises(DomainError) as caught:
        convocations.check_no_overlap(slots, [], other)
    assert "112121" in str(caught.value)


def test_touching_periods_do_not_overlap():
    slots = [_slot(date(2019, 2, 25), (8, 0), (12, 0))]
    convocations.check_no_overlap(slots, [(datetime(2019, 2, 25, 12), datetime(2019, 2, 25, 14),
                                           "x")], [(datetime(2019, 2, 25, 6),
                                                    datetime(2019, 2, 25, 8), "y")])


@pytest.mark.parametrize("today,convoked,attested,state", [
    (date(2024, 5, 1), 2, 0, "future"), (date(2024, 6, 2), 2, 1, "started"),
    (date(2024, 7, 1), 2, 1, "done"), (date(2024, 7, 1), 2, 2, "attested")])
def test_mission_state(today, convoked, attested, state):
    assert convocations.compute_mission_state(date(2024, 6, 1), date(2024, 6, 3), today,
                                              convoked, attested) == state


def test_only_a_practical_mission_under_way_is_started():
    """Seed 003, 4.3: "Mission commencée" is the practical or sports missions' state; another
    mission under way is not done yet until its dates passed."""
    under_way = (date(2024, 6, 1), date(2024, 6, 3), date(2024, 6, 2), 2, 1)
    assert convocations.compute_mission_state(*under_way, practical=True) == "started"
    assert convocations.compute_mission_state(*under_way, practical=False) == "future"


@pytest.mark.parametrize("remuneration,data,field", [
    (Remuneration.WRITTEN, {"done": True, "scripts": "1000"}, "scripts"),
    (Remuneration.WRITTEN, {"done": True, "scripts": "-1"}, "scripts"),
    (Remuneration.ORAL, {"done": True, "candidates": ""}, "candidates"),
    (Remuneration.HELP, {"done": True, "hours": "abc"}, "hours"),
    (Remuneration.PRACTICAL, {"done": True, "half_day_hours": "25/02/2019 4"}, "half_day_hours"),
    (Remuneration.WRITTEN, {"done": False}, "not_done_reason")])
def test_bad_service_done_names_the_field(remuneration, data, field):
    with pytest.raises(ValidationFailed) as caught:
        service_done.check_service(remuneration, data)
    assert field in caught.value.errors


def test_zero_candidates_examined_is_allowed_and_scripts_up_to_999():
    assert service_done.check_service(Remuneration.ORAL,
                                      {"done": True, "candidates": "0"})["candidates"] == 0
    assert service_done.check_service(Remuneration.WRITTEN,
                                      {"done": True, "scripts": "999"})["scripts"] == 999


def test_ics_has_one_event_per_date_with_escaped_text():
    from app.documents.calendar import Event, calendar_text

    text = calendar_text([Event(f"convocation-7-{n}", start, end, "PAR-101 - Correction",
                                "Paris; salle A", "Apporter, stylo")
                          for n, (start, end) in enumerate(
                              [(datetime(2026, 6, 15, 8), datetime(2026, 6, 15, 12)),
                               (datetime(2026, 6, 16, 8), datetime(2026, 6, 16, 12))])],
                         datetime(2026, 6, 1, 10))
    assert text.count("BEGIN:VEVENT") == 2
    assert "DTSTART:20260616T080000" in text and "LOCATION:Paris\\; salle A" in text
    assert "DESCRIPTION:Apporter\\, stylo" in text and text.endswith("END:VCALENDAR\r\n")
