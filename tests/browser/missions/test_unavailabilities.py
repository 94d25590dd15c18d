"""Journeys: a centre head and a staff member enter unavailabilities as the seed does (dates,
then a half-day or hours), make a mistake, and read them back in Paris time (the overlap check
with convocations: tests/integration/missions/test_unavailabilities.py)."""
from datetime import date, datetime

from sqlalchemy import select

from app.extensions import db
from app.models.missions.staff import StaffMember, Unavailability
from tests.browser.conftest import screenshot
from tests.browser.journeys import type_in


def test_the_centre_enters_hours_in_french_and_reads_them_back_in_paris_time(page_as,
                                                                             live_server):
    page = page_as("paris.manager")
    page.goto("/unavailabilityview/add")
    with live_server.app.app_context():
        person = db.session.scalar(select(StaffMember).where(
            StaffMember.identifier == "P750003"))
        person_id, name = person.id, person.last_name
    page.select_option("#staff_member", str(person_id))
    type_in(page, "#start_day", "16/03/2027")
    page.select_option("#period", "hours")
    page.fill("#start_time", "14:30")
    page.fill("#end_time", "13:00")  # the mistake: before the start
    page.fill("#reason", "Jury d'appel")
    page.click("#model_form button[type=submit]")
    page.wait_for_load_state("load")
    assert "doit suivre le début" in page.locator("main").inner_text()
    assert page.input_value("#start_time") == "14:30"
    assert page.input_value("#reason") == "Jury d'appel"
    screenshot(page, "missions-unavailability-error-fr")
    page.fill("#end_time", "16:30")
    page.click("#model_form button[type=submit]")
    page.wait_for_load_state("load")
    assert "Ligne ajoutée" in page.locator("main").inner_text()
    page.goto("/unavailabilityview/list/")
    listing = page.locator("main").inner_text()
    assert "16/03/2027 14:30" in listing and "16/03/2027 16:30" in listing
    screenshot(page, "missions-unavailability-list-fr")
    with live_server.app.app_context():
        row = db.session.scalar(select(Unavailability).where(
            Unavailability.reason == "Jury d'appel"))
        assert (row.starts_at, row.ends_at) == (datetime(2027, 3, 16, 13, 30),
                                                datetime(2027, 3, 16, 15, 30))
    assert name.upper() in listing.upper()


def test_the_staff_member_declares_their_own_afternoon(page_as, live_server):
    page = page_as("paris.evaluator")
    page.goto("/unavailabilityview/add")
    options = page.locator("#staff_member option")
    offered = [(options.nth(i).get_attribute("value"), options.nth(i).inner_text())
               for i in range(options.count())]
    offered = [(value, text) for value, text in offered if value]
    assert len(offered) == 1 and "MOREAU" in offered[0][1]  # their own, no one else
    page.select_option("#staff_member", offered[0][0])
    type_in(page, "#start_day", "17/03/2027")
    page.select_option("#period", "afternoon")
    page.fill("#reason", "Rendez-vous médical")
    page.click("#model_form button[type=submit]")
    page.wait_for_load_state("load")
    assert "Ligne ajoutée" in page.locator("main").inner_text()
    page.goto("/unavailabilityview/list/")
    listing = page.locator("main").inner_text()
    assert "17/03/2027 13:00" in listing and "17/03/2027 18:00" in listing
    with live_server.app.app_context():
        row = db.session.scalar(select(Unavailability).where(
            Unavailability.reason == "Rendez-vous médical",
            Unavailability.starts_at >= datetime(2027, 3, 17)))
        assert row.starts_at.date() == date(2027, 3, 17)
