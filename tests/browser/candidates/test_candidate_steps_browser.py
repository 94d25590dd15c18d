"""Journey: a Paris centre manager creates a candidate in the 5 steps of the seeds, typing as a
French user (O'Neill, L'Hôpital, 16/03/1990), makes one mistake, goes Back, reads the summary
and finds the created candidate with names, not codes."""
from sqlalchemy import select

from app.extensions import db
from app.models.candidates import Candidate
from tests.browser.conftest import screenshot
from tests.browser.crawl import axe_violations


def _next(page):
    page.click("#step-next")
    page.wait_for_load_state("load")


def test_candidate_created_in_five_steps_with_back_and_a_french_error(page_as, live_server):
    page = page_as("paris.manager")
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto("/candidateview/add")
    assert "Identité" in page.locator("[aria-current=step]").inner_text()
    page.select_option("#civility", "madame")
    page.fill("#last_name", "O'Neill")
    page.fill("#first_name", "Zoé")
    page.fill("#email", "zoe.oneill@exemple.fr")
    page.fill("#birth_date", "16/03/1990")
    page.keyboard.press("Escape")
    page.select_option("#gender", "F")
    _next(page)
    assert "Mot de passe" in page.locator("[aria-current=step]").inner_text()
    page.fill("#password", "Motdepasse-1")
    page.fill("#password_confirm", "Motdepasse-2")  # the mistake
    _next(page)
    assert "ne répète pas le mot de passe" in page.locator("main").inner_text()
    screenshot(page, "journey-candidate-step-error-fr")
    assert axe_violations(page) == []  # a step with its error, the summary
    page.click("#step-back")  # Back keeps what was typed on both steps
    page.wait_for_load_state("load")
    assert page.input_value("#last_name") == "O'Neill"
    assert page.input_value("#birth_date") == "16/03/1990"
    _next(page)
    assert page.input_value("#password") == "Motdepasse-1"
    page.fill("#password_confirm", "Motdepasse-1")
    _next(page)
    page.fill("#birth_postcode", "59000")
    page.fill("#birth_city", "L'Hôpital")
    page.select_option("#birth_country", label="France")
    page.select_option("#nationality", label="Algérie")
    page.select_option("#mother_tongue", label="arabe")
    _next(page)
    page.fill("#phone", "06 01 02 03 04")
    _next(page)
    page.select_option("#funding", label="Compte personnel de formation (CPF)")
    _next(page)
    summary = page.locator("main").inner_text()
    for text in ("O'Neill", "16/03/1990", "L'Hôpital", "Algérie", "arabe", "Madame",
                 "Compte personnel de formation (CPF)"):
        assert text in summary
    assert "Motdepasse-1" not in summary and "DZ" not in summary
    screenshot(page, "journey-candidate-summary-fr")
    assert axe_violations(page) == []  # a step with its error, the summary
    page.click("#step-confirm")
    page.wait_for_load_state("load")
    with live_server.app.app_context():
        row = db.session.scalar(select(Candidate).where(
            Candidate.email == "zoe.oneill@exemple.fr"))
        assert (row.last_name, row.birth_city, row.nationality) == ("O'Neill", "L'Hôpital",
                                                                    "DZ")
        pk = row.id
        db.session.remove()
    page.goto(f"/candidateview/show/{pk}")
    body = page.locator("main").inner_text()
    assert "Algérie" in body and "16/03/1990" in body
    assert errors == []
