"""Journey: the exam-centre head distributes the allowance as the seed's worked example
(1 268,00 € total; 5,5 % → 69,74 €; 250,00 €; 5,5 % → 69,74 €; distributed 389,48 €, remaining
878,52 €), is refused an amount over the total, and transmits after confirming."""
from sqlalchemy import select

from app.extensions import db
from app.models.centres import Centre
from app.models.missions.allowances import Allowance, AllowanceProcessing, AllowanceStatus
from app.models.missions.staff import StaffMember
from tests.browser.conftest import screenshot
from tests.browser.journeys import plain


def test_the_seed_distribution_then_transmit_with_confirmation(page_as, live_server):
    with live_server.app.app_context():
        allowance = db.session.scalar(select(Allowance).join(Centre).where(
            Centre.code == "PAR-0750001"))
        pk = allowance.id
        person = db.session.scalar(select(StaffMember).where(
            StaffMember.identifier == "P750004"))
        person_id = person.id
    page = page_as("paris.manager")
    page.goto(f"/allowanceview/show/{pk}")
    body = plain(page.locator("main").inner_text())
    assert "1 268,00 €" in body and "69,74 €" in body and "250,00 €" in body
    page.select_option("#staff_member", str(person_id))
    page.locator("input[name=value]").fill("5,5")
    page.get_by_role("button", name="Ajouter").click()
    page.wait_for_load_state("load")
    body = plain(page.locator("main").inner_text())
    assert "389,48 €" in body and "878,52 €" in body
    screenshot(page, "missions-allowance-distribution-fr")
    # The mistake: an amount over what remains.
    page.select_option("#staff_member", str(person_id))
    page.check("input[name=by][value=amount]")
    page.locator("input[name=value]").fill("2000")
    page.get_by_role("button", name="Ajouter").click()
    page.wait_for_load_state("load")
    body = plain(page.locator("body").inner_text())
    assert "dépasse l'indemnité (1 268,00 €)" in body
    assert "389,48 €" in body and "878,52 €" in body
    # "Transmettre" asks first: dismissed, nothing happens; accepted, it is transmitted.
    messages = []

    def answer(dialog, accept):
        messages.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda d: answer(d, False))
    page.get_by_role("button", name="Transmettre").click()  # returns once nothing navigates
    with live_server.app.app_context():
        assert db.session.get(Allowance, pk).status == AllowanceStatus.NOT_TRANSMITTED
    page.once("dialog", lambda d: answer(d, True))
    page.get_by_role("button", name="Transmettre").click()
    page.wait_for_load_state("load")
    assert messages[0].startswith("Êtes-vous sûr de vouloir valider") and "d'indemnités" in \
        messages[0]
    with live_server.app.app_context():
        assert db.session.get(Allowance, pk).status == AllowanceStatus.TRANSMITTED
    body = plain(page.locator("main").inner_text())
    assert "Transmis" in body
    screenshot(page, "missions-allowance-transmitted-fr")

    # The exam manager: the Centre column, the list narrowed to Paris, the processing status
    # set; the centre reads it, and can no longer change its entry.
    manager = page_as("manager")
    manager.goto("/allowanceview/list/")
    assert "Centre" in manager.locator("table.table thead").last.inner_text()
    manager.fill("#list-keyword", "Paris")
    with manager.expect_navigation():
        manager.keyboard.press("Enter")
    rows = manager.locator("table.table tbody").last.inner_text()
    assert "Centre d'examen de Paris" in rows and "Centre d'examen de Lyon" not in rows
    assert "Transmis" in rows and "1 268,00 €" in plain(rows)
    manager.goto(f"/allowanceview/show/{pk}")
    manager.once("dialog", lambda d: d.accept())
    manager.get_by_role("button", name="Validé").click()
    manager.wait_for_load_state("load")
    with live_server.app.app_context():
        assert db.session.get(Allowance, pk).processing == AllowanceProcessing.VALIDATED
    page.goto(f"/allowanceview/show/{pk}")
    body = page.locator("main").inner_text()
    assert "Validé" in body and "Transmis" in body
    assert page.get_by_role("button", name="Transmettre").count() == 0
    assert page.get_by_role("button", name="Ajouter").count() == 0
    screenshot(page, "missions-allowance-validated-fr")
