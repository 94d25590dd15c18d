"""Journey: a Paris centre manager creates a session in the 4 steps of seed 001, typing French
dates (16/03/2027), makes one mistake (no places), goes Back, reads the prices taken from the
price list in the summary, confirms, then sets one price to "25,50"."""
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from app.extensions import db
from app.models.sessions import ExamSession
from tests.browser.conftest import screenshot
from tests.browser.crawl import axe_violations


def _next(page, button="#step-next"):
    page.click(button)
    page.wait_for_load_state("load")


def test_session_created_in_four_steps_then_a_price_typed_with_a_comma(page_as, live_server):
    page = page_as("paris.manager")
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto("/examsessionview/add")
    assert "Produit et tarifs" in page.locator("[aria-current=step]").inner_text()
    page.select_option("#product", label="TEFCAN - TEF Canada")
    page.fill("#title", "Session d'été à L'Hôpital")
    _next(page)
    page.fill("#start_date", "16/03/2027")
    page.keyboard.press("Escape")
    page.fill("#end_date", "16/03/2027")
    page.keyboard.press("Escape")
    page.fill("#capacity", "0")  # the mistake
    _next(page)
    assert "au moins 1" in page.locator("main").inner_text()
    screenshot(page, "journey-session-step-error-fr")
    assert axe_violations(page) == []  # a step with its error, the summary
    page.fill("#capacity", "15")
    _next(page)
    page.check("#online_visible")
    _next(page, "#step-back")  # Back: the dates and places are still there
    assert page.input_value("#start_date") == "16/03/2027"
    assert page.input_value("#capacity") == "15"
    _next(page)
    assert page.is_checked("#online_visible")
    _next(page)
    summary = page.locator("main").inner_text()
    assert "Récapitulatif" in summary and "Tarifs repris de vos tarifs" in summary
    assert "16/03/2027" in summary and "Session d'été à L'Hôpital" in summary
    assert "HT, TVA" in summary
    screenshot(page, "journey-session-summary-fr")
    assert axe_violations(page) == []  # a step with its error, the summary
    _next(page, "#step-confirm")
    with live_server.app.app_context():
        row = db.session.scalar(select(ExamSession).where(
            ExamSession.title == "Session d'été à L'Hôpital"))
        assert row.start_date == date(2027, 3, 16) and row.capacity == 15 and row.online_visible
        price_id = row.prices[0].id
        db.session.remove()
    page.goto(f"/sessionpriceview/edit/{price_id}")
    page.fill("#amount_excl_vat", "25,50")
    page.click("#model_form button[type=submit]")
    page.wait_for_load_state("load")
    with live_server.app.app_context():
        row = db.session.scalar(select(ExamSession).where(
            ExamSession.title == "Session d'été à L'Hôpital"))
        assert [p.amount_excl_vat for p in row.prices if p.id == price_id] == [Decimal("25.50")]
        db.session.remove()
    assert errors == []
