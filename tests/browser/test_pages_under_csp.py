"""Issue 12, finding 1: the pages whose scripts moved out of the templates (certification order,
allowance edit) still compute their totals under the Content-Security-Policy, with no console
error (a script refused by the policy logs one)."""
from sqlalchemy import select

from app.extensions import db
from app.models.centres import Centre
from app.models.missions.allowances import Allowance


def _errors(page):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def test_the_order_form_computes_its_amounts_under_the_policy(page_as):
    page = page_as("paris.manager")
    errors = _errors(page)
    response = page.goto("/certificationorderview/order")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.locator(".cert-qty").first.fill("10")
    page.locator(".cert-qty").first.dispatch_event("input")
    assert page.locator("#cert-total").inner_text() not in ("", "0,00 €")
    assert errors == []


def test_the_allowance_form_shows_its_computed_total_under_the_policy(page_as, live_server):
    with live_server.app.app_context():
        pk = db.session.scalar(select(Allowance.id).join(Centre).where(
            Centre.code == "PAR-0750001"))
        db.session.remove()
    page = page_as("paris.manager")
    errors = _errors(page)
    page.goto(f"/allowanceview/edit/{pk}")
    page.fill("#days_up_to_600", "2,5")
    page.locator("#days_up_to_600").dispatch_event("input")
    total = page.locator("#computed-total").inner_text()
    # the amount is written in French now (2 013,00 €): a zero total would end " 0,00 €"
    assert total.startswith("Montant global calculé") and not total.endswith(" 0,00\u00a0€"), \
        total
    assert errors == []
