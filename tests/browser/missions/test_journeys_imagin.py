"""Journeys of IMAG'IN (seed 003) not walked elsewhere, in French, each with one mistake: the
convocation signatures and their preview (4.4), the active centre switched without logging in
again (4.6), and the help of the screen in use (1.3.1)."""
from urllib.parse import urlsplit

from sqlalchemy import select

from app.extensions import db
from app.models.candidates import Candidate
from app.models.centres import Centre
from app.models.missions.missions import ConvocationSignature, SignatureKind
from tests.browser.conftest import screenshot
from tests.browser.journeys import pdf_text


def test_a_signature_is_refused_twice_then_edited_and_previewed(page_as, live_server):
    page = page_as("paris.manager")
    page.click("text=Missions d'examen")
    page.click(".dropdown-menu >> text=Signatures des convocations")
    page.wait_for_load_state("load")
    page.click("a[href='/signatureview/add']")
    page.wait_for_load_state("load")
    page.select_option("#kind", "ESTABLISHMENT_HEAD")  # the mistake: Paris has one already
    page.fill("#authority", "Pour le recteur de l'académie de Paris")
    page.fill("#title", "Proviseure")
    page.fill("#name", "Anne L'Hôpital")
    page.fill("#city", "L'Haÿ-les-Roses")
    page.click("#model_form button[type=submit]")
    page.wait_for_load_state("load")
    form = page.locator("#model_form").inner_text()
    assert "a déjà sa signature dans votre centre : modifiez plutôt celle-ci" in form
    assert "IntegrityError" not in page.content() and "UNIQUE" not in page.content()
    assert page.input_value("#name") == "Anne L'Hôpital"
    assert page.input_value("#city") == "L'Haÿ-les-Roses"
    screenshot(page, "imagin-signature-twice-fr")
    with live_server.app.app_context():
        pk = db.session.scalar(select(ConvocationSignature.id).join(Centre).where(
            Centre.code == "PAR-0750001", ConvocationSignature.kind == SignatureKind.ESTABLISHMENT_HEAD))
    page.goto(f"/signatureview/edit/{pk}")
    page.fill("#title", "Proviseure")
    page.fill("#name", "Anne L'Hôpital")
    page.fill("#city", "L'Haÿ-les-Roses")
    page.click("#model_form button[type=submit]")
    page.wait_for_load_state("load")
    listing = page.locator("main").inner_text()
    assert "Anne L'Hôpital" in listing and "L'Haÿ-les-Roses" in listing
    with page.expect_download() as download:
        page.click("text=Aperçu d'une convocation exemple")
    text = pdf_text(open(download.value.path(), "rb").read())
    assert "Anne L'Hôpital" in text and "Proviseure" in text
    assert "Dossier suivi par le centre d'examen" in text
    screenshot(page, "imagin-signature-saved-fr")


def test_the_active_centre_is_switched_without_logging_in_again(page_as, live_server):
    with live_server.app.app_context():
        lyon_pk = db.session.scalar(select(Candidate.id).join(Centre).where(
            Centre.code == "LYO-0690001").order_by(Candidate.id))
    page = page_as("regional.manager")
    assert page.locator("#active-centre option:checked").inner_text() == \
        "Centre d'examen de Lyon"
    page.goto("/candidateview/list/")
    assert "lyon.example" in page.locator("main").inner_text()
    page.select_option("#active-centre", label="Centre d'examen de Paris")
    page.get_by_role("button", name="Changer").click()
    page.wait_for_load_state("load")
    assert "/candidateview/list/" in page.url  # the same screen, not the log-in page
    assert "Centre actif modifié" in page.locator("#console").inner_text()
    listing = page.locator("main").inner_text()
    assert "paris.example" in listing and "lyon.example" not in listing
    screenshot(page, "imagin-centre-switched-fr")
    # The mistake: a Lyon record opened while Paris is active is not there, said in French.
    response = page.goto(f"/candidateview/show/{lyon_pk}")
    assert response.status == 404
    assert "Page introuvable" in page.locator("main").inner_text()
    screenshot(page, "imagin-centre-switched-foreign-row-fr")
    page.goto("/")
    page.select_option("#active-centre", label="Centre d'examen de Lyon")
    page.get_by_role("button", name="Changer").click()
    page.wait_for_load_state("load")
    assert page.goto(f"/candidateview/show/{lyon_pk}").status == 200


def test_the_help_of_the_screen_in_use_the_site_map_and_a_refused_screen(page_as):
    page = page_as("paris.staff")
    page.click("text=Missions d'examen")
    page.click(".dropdown-menu >> text=Indisponibilités")
    page.wait_for_load_state("load")
    page.click("#help-link")
    page.wait_for_load_state("load")
    help_text = page.locator("main").inner_text()
    assert "Aide — Indisponibilités" in help_text
    assert "Vous ne pouvez supprimer que les indisponibilités que vous avez saisies" in help_text
    page.click("main >> text=Plan du site")
    page.wait_for_load_state("load")
    sitemap = page.locator("main").inner_text()
    assert "Indisponibilités (aide)" in sitemap and "Service fait (aide)" in sitemap
    # Centre-manager screens are not offered to the staff (seed 003: signatures, transmissions).
    assert "Signatures des convocations" not in sitemap and "Mes utilisateurs" not in sitemap
    screenshot(page, "imagin-sitemap-staff-fr")
    # The mistake: the address of a manager's screen typed anyway is refused in French.
    response = page.goto("/signatureview/add")
    assert response.status == 403
    assert "Vous n'avez pas le droit d'ouvrir cette page" in page.locator("main").inner_text()
    page.click("main >> text=Page d'accueil")
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path == "/"
