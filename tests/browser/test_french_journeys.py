"""Journeys typed as a French user: a date and a date-time in each kind of picker (French
calendar, JJ/MM/AAAA HH:MM, read back in Paris time), a mistake that keeps every value, "25,50"
in a numeric field, a confirmation whose French text has an apostrophe, and the charts drawn."""
from datetime import datetime

from sqlalchemy import select

from app.extensions import db
from app.models.missions.staff import Unavailability
from app.models.reference import PriceList
from tests.browser.conftest import screenshot
from tests.browser.journeys import type_in


def test_a_french_date_time_is_typed_kept_on_error_and_read_back_in_paris_time(page_as,
                                                                                live_server):
    # Issue 15: the unavailability form enters the seed's dates, then a half-day or hours
    # (separate fields); the picker, the kept mistake and the Paris reading are walked on them.
    page = page_as("paris.manager")
    page.goto("/unavailabilityview/add")
    page.click("#start_day")
    calendar = page.locator(".flatpickr-calendar.open")
    calendar.wait_for()
    text = calendar.inner_text()
    assert "lun" in text and "mar" in text and "Mo" not in text and "Su" not in text
    screenshot(page, "journey-datetime-picker-fr")
    page.keyboard.press("Escape")
    page.select_option("#staff_member", index=1)
    type_in(page, "#start_day", "31/02/2027")  # the mistake
    page.select_option("#period", "hours")
    page.fill("#start_time", "10:00")
    page.fill("#end_time", "12:00")
    page.fill("#reason", "Stage d'été à L'Hôpital")
    page.click("#model_form button[type=submit]")
    page.wait_for_load_state("load")
    screenshot(page, "journey-datetime-error-fr")
    assert "n'est pas une date du calendrier" in page.content()
    assert page.input_value("#end_time") == "12:00"
    assert page.input_value("#reason") == "Stage d'été à L'Hôpital"
    type_in(page, "#start_day", "16/03/2027")
    page.click("#model_form button[type=submit]")
    page.wait_for_load_state("load")
    with live_server.app.app_context():
        row = db.session.scalar(select(Unavailability).where(
            Unavailability.reason == "Stage d'été à L'Hôpital"))
        assert (row.starts_at, row.ends_at) == (datetime(2027, 3, 16, 9, 0),
                                                datetime(2027, 3, 16, 11, 0))  # UTC (CET)
        pk = row.id
    page.goto(f"/unavailabilityview/show/{pk}")
    body = page.locator("main").inner_text()
    assert "16/03/2027 10:00" in body and "16/03/2027 12:00" in body
    assert "11:00" not in body


def test_a_french_date_and_decimal_comma_amounts(page_as, live_server):
    page = page_as("support")
    page.goto("/pricelistview/add")
    page.select_option("#centre", index=1)
    page.select_option("#product", index=1)
    page.fill("#amount_excl_vat", "1 268,50")
    page.fill("#vat_rate", "5,5")
    page.click("#model_form button[type=submit]")
    page.wait_for_load_state("load")
    with live_server.app.app_context():
        row = db.session.scalar(select(PriceList).order_by(PriceList.id.desc()))
        assert (str(row.amount_excl_vat), str(row.vat_rate)) == ("1268.50", "5.50")
        pk = row.id
    page.goto(f"/pricelistview/show/{pk}")
    body = page.locator("main").inner_text()
    assert "1\u202f268,50" in body and "5,50" in body
    page.goto(f"/pricelistview/edit/{pk}")
    assert page.input_value("#amount_excl_vat") == "1268,50"
    page.fill("#amount_excl_vat", "25,50")
    page.click("#model_form button[type=submit]")
    page.wait_for_load_state("load")
    with live_server.app.app_context():
        assert str(db.session.get(PriceList, pk).amount_excl_vat) == "25.50"
    page.goto("/agreementview/add")
    page.click("#valid_from")
    month = page.locator(".flatpickr-calendar.open .flatpickr-monthDropdown-month, "
                         ".flatpickr-calendar.open .cur-month").first.inner_text().lower()
    assert month in {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                     "septembre", "octobre", "novembre", "décembre"}
    screenshot(page, "journey-date-picker-fr")


def test_a_confirmation_with_an_apostrophe_asks_and_runs(page_as):
    page = page_as("paris.manager")
    page.goto("/certificationassignmentview/list/")
    asked = []
    page.on("dialog", lambda d: (asked.append(d.message), d.accept()))
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.locator("input.action_check").first.check()
    page.click("text=Actions")
    page.click(".generate_codes_menu_item")
    page.wait_for_load_state("load")
    assert asked and "code d'activation" in asked[0]
    assert errors == []
    screenshot(page, "journey-confirm-apostrophe-fr")


def test_the_dashboard_and_statistics_charts_are_drawn_with_their_tables(page_as):
    page = page_as("admin")
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto("/userstatschartview/chart/")
    assert page.locator("canvas#chart-logins").count() == 1
    drawn = page.evaluate("() => !!Chart.getChart(document.getElementById('chart-logins'))")
    assert drawn and errors == []
    assert page.locator("#chart-logins-table tbody tr").count() >= 7
    page.goto("/")
    assert page.locator("#dashboard-charts canvas").count() >= 1
    screenshot(page, "journey-dashboard-charts-fr")
