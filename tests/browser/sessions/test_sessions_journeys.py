"""Journeys of issue 14, as the seeds' roles in French, each with one mistake: the deadline closes
a session by itself and the centre reads it on its dashboard (then cannot lower the places below
the registered candidates); the body enters scores (a typo refused, input kept), publishes, and
a stranger checks the attestation (a wrong birth date first); the centre downloads every
document at once (too early first)."""
import io
import re
import zipfile
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from app.extensions import db
from app.models.candidates import Attestation, Candidate, Gender, Registration
from app.models.centres import Centre
from app.models.reference import PriceList, Product, ProductRange
from app.models.sessions import ExamSession
from app.models.sessions import SessionStatus as S
from app.services.candidates import registrations as reg_svc
from app.services.candidates.candidates import dedup_key
from app.services.sessions.scheduler import advance_sessions
from app.services.sessions.workflow import prepare_new_session
from tests.browser.conftest import screenshot
from tests.browser.sessions.journey_rows import paris_session as _paris_session
from tests.browser.sessions.journey_rows import pdf_text


def test_the_deadline_closes_the_session_and_the_centre_reads_it(page_as, live_server):
    pk, number, _ = _paris_session(live_server, 3, "Clôture automatique")
    with live_server.app.app_context():
        deadline = db.session.get(ExamSession, pk).registration_deadline
        advance_sessions(db.session, deadline + timedelta(minutes=1))
        db.session.remove()
    page = page_as("paris.manager")
    page.goto("/")
    notices = page.locator("#dashboard-session-notices").inner_text()
    assert f"Les inscriptions à la session {number}" in notices
    assert "ont été closes à la date limite" in notices
    assert "RESTE À TRAITER" in page.content() and "Contacter le FDA" in page.content()
    screenshot(page, "journey-scheduler-notice-fr")
    page.click(f"#dashboard-session-notices a:has-text('{number}')")
    page.wait_for_load_state("load")
    assert "Inscriptions closes" in page.locator("main").inner_text()
    # The mistake: fewer places than the two registered candidates
    page.goto(f"/examsessionview/edit/{pk}")
    page.fill("#capacity", "1")
    page.fill("#title", "Clôture d'été")
    page.click("#model_form button[type=submit]")
    page.wait_for_load_state("load")
    assert "ne peut pas être inférieure aux 2 candidats déjà inscrits." in page.content()
    assert page.input_value("#capacity") == "1" and page.input_value("#title") == "Clôture d'été"
    screenshot(page, "journey-capacity-refused-fr")


def test_the_body_enters_scores_publishes_and_a_stranger_checks_the_attestation(
        page_as, new_page, live_server):
    pk, number, (reg_id, _) = _paris_session(live_server, -2, "Résultats signés",
                                             status=S.IN_CORRECTION)
    with live_server.app.app_context():
        for registration in db.session.scalars(select(Registration).where(
                Registration.session_id == pk)):
            for rc in registration.components:  # the oral by the evaluator: absent here
                rc.absent = rc.component.code == "EO" or registration.id != reg_id
        db.session.commit()
        db.session.remove()
    support = page_as("support")
    support.goto(f"/registrationview/results/{reg_id}")
    support.fill("#score_CE", "450")
    support.fill("#score_CO", "38O")  # the mistake: a letter O for a zero
    support.fill("#score_EE", "300")
    support.click("#results-table ~ button[type=submit]")
    support.wait_for_load_state("load")
    assert "n'est pas un nombre" in support.content()
    assert support.input_value("#score_CE") == "450"
    assert support.input_value("#score_CO") == "38O"
    screenshot(support, "journey-score-typo-fr")
    support.fill("#score_CO", "380,5")
    support.click("#results-table ~ button[type=submit]")
    support.wait_for_load_state("load")
    assert "Résultats enregistrés" in support.content()
    support.goto(f"/examsessionview/show/{pk}")
    support.click("[data-transition=publish_results]")
    support.wait_for_load_state("load")
    assert "Résultats publiés" in support.locator("main").inner_text()
    support.click("#results-table-link")
    support.wait_for_load_state("load")
    table = support.locator("#session-results").inner_text()
    assert "450 (B2)" in table and "380,5 (B1)" in table and "ABS" in table
    screenshot(support, "journey-results-table-fr")
    with live_server.app.app_context():
        code = db.session.scalar(select(Attestation.code).where(
            Attestation.registration_id == reg_id))
        db.session.remove()
    stranger = new_page("fr-FR")
    stranger.goto(f"/verify/{code}")
    stranger.fill("#birth_date", "03/01/1991")  # the mistake: the wrong birth date
    stranger.click("#verify-form button[type=submit]")
    stranger.wait_for_load_state("load")
    assert "Aucune attestation ne correspond" in stranger.content()
    assert stranger.input_value("#birth_date") == "03/01/1991"
    stranger.fill("#birth_date", "02/01/1990")
    stranger.click("#verify-form button[type=submit]")
    stranger.wait_for_load_state("load")
    result = stranger.locator("#verify-result").inner_text()
    assert "Cette attestation est authentique." in result and "Zoé L'HÔPITAL" in result
    assert "B2" in result and "450" not in result
    screenshot(stranger, "journey-verify-fr")


def test_the_centre_downloads_every_document_at_once(page_as, live_server):
    far_pk, _, _ = _paris_session(live_server, 20, "Documents trop tôt")
    pk, number, _ = _paris_session(live_server, 4, "Documents prêts", people=3)
    page = page_as("paris.manager")
    page.goto(f"/examsessionview/documents/{far_pk}")  # the mistake: three weeks ahead
    assert re.search(r"Les documents seront disponibles à partir du \d\d/\d\d/\d{4}",
                     page.content())
    page.goto(f"/examsessionview/documents/{pk}")
    assert "Tout télécharger" in page.content()
    with page.expect_download() as info:
        page.click("#download-all")
    download = info.value
    archive = zipfile.ZipFile(io.BytesIO(open(download.path(), "rb").read()))
    names = archive.namelist()
    assert f"codes_acces_{number}.pdf" in names and f"{number}_bon_commande.pdf" in names
    assert f"feuille_emargement_{number}.pdf" in names
    for name in (f"feuille_emargement_{number}.pdf", f"etiquettes_{number}.pdf",
                 f"codes_acces_{number}.pdf", f"{number}_bon_commande.pdf"):
        text = pdf_text(archive.read(name))  # each PDF opens, names the session, is numbered
        assert f"Session {number}" in text and "Page 1 / 1" in text, name
        assert "prêts-2" in text, name  # the third candidate (cells wrap the long name)
    screenshot(page, "journey-documents-fr")


def test_the_centre_manager_sets_a_price_and_reads_the_role_matrix(page_as, live_server):
    with live_server.app.app_context():
        paris = db.session.scalar(select(Centre).where(Centre.code == "PAR-0750001"))
        product = Product(code="TARIFJ", name="Test de L'Été", range=ProductRange.TEF,
                          modular=False)
        db.session.add(product)
        db.session.commit()
        product_id, paris_id = product.id, paris.id
        db.session.remove()
    page = page_as("paris.manager")
    page.goto("/")
    page.click("#count-prices-link")  # "Tarifs" on the dashboard
    page.wait_for_load_state("load")
    assert "/pricelistview/list" in page.url
    page.goto("/pricelistview/add")
    page.select_option("#product", str(product_id))
    page.fill("#amount_excl_vat", "-95,00")  # the mistake: a negative price
    page.fill("#vat_rate", "20")
    page.click("#model_form button[type=submit]")
    page.wait_for_load_state("load")
    assert "positive ou nulle" in page.content()
    assert page.input_value("#amount_excl_vat") == "-95,00"
    screenshot(page, "journey-price-refused-fr")
    page.fill("#amount_excl_vat", "95,00")
    page.click("#model_form button[type=submit]")
    page.wait_for_load_state("load")
    with live_server.app.app_context():
        row = db.session.scalar(select(PriceList).where(PriceList.product_id == product_id))
        assert (row.centre_id, str(row.amount_excl_vat)) == (paris_id, "95.00")
        start = date.today() + timedelta(days=40)
        session = ExamSession(product=db.session.get(Product, product_id),
                              centre=db.session.get(Centre, paris_id), centre_id=paris_id,
                              start_date=start, end_date=start, capacity=5)
        prepare_new_session(db.session, session)
        assert [str(p.amount_excl_vat) for p in session.prices] == ["95.00"]
        db.session.rollback()
        db.session.remove()
    page.goto("/my-users/")
    users = page.locator("#centre-users").inner_text()
    assert "Responsable de centre" in users and "Administratif centre" in users
    assert "Accès Portail" in page.locator("#role-matrix").inner_text()
    screenshot(page, "journey-my-users-fr")
