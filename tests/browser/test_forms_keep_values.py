"""Journey: a form refused by a rule keeps every value typed as a French user types it
(16/03/2027, "6,5" days) and shows the French error next to its field; corrected, it saves."""
from decimal import Decimal

from sqlalchemy import select

from app.extensions import db
from app.models.centres import Centre
from app.models.missions.allowances import Allowance, AllowancePeriod
from tests.browser.conftest import screenshot


def test_allowance_days_with_a_comma_kept_after_a_french_error(page_as, live_server):
    with live_server.app.app_context():  # a row of its own: other journeys transmit the demo's
        centre_id = db.session.scalar(select(Centre.id).where(Centre.code == "PAR-0750001"))
        allowance = Allowance(centre_id=centre_id, exam_session="Session du formulaire",
                              period=AllowancePeriod.NORMAL)
        db.session.add(allowance)
        db.session.commit()
        pk = allowance.id
        db.session.remove()
    page = page_as("paris.manager")
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"/allowanceview/edit/{pk}")
    page.fill("#first_test_date", "16/03/2027")
    page.keyboard.press("Escape")
    page.fill("#days_up_to_600", "6,5")
    page.fill("#days_over_600", "2,5")
    page.fill("#days_extra", "4")  # the mistake: at most 3
    page.click("#model_form button[type=submit]")
    page.wait_for_load_state("load")
    row = page.locator("tr", has=page.locator("#days_extra"))
    assert "inférieur ou égal à 3" in row.inner_text()
    assert page.input_value("#first_test_date") == "16/03/2027"
    assert page.input_value("#days_up_to_600") == "6,5"
    assert page.input_value("#days_over_600") == "2,5"
    computed = page.inner_text("#computed-total")  # typed in French, read in French
    assert computed.startswith("Montant global calculé : ")
    assert computed.endswith("\u00a0€") and "," in computed and ".00" not in computed
    screenshot(page, "journey-form-kept-fr")
    page.fill("#days_extra", "1,5")
    page.click("#model_form button[type=submit]")
    page.wait_for_load_state("load")
    with live_server.app.app_context():
        row = db.session.get(Allowance, pk)
        assert (row.days_up_to_600, row.days_over_600, row.days_extra) == (
            Decimal("6.5"), Decimal("2.5"), Decimal("1.5"))
        db.session.remove()
    assert errors == []
