"""Journeys of IMAG'IN (seed 003) not walked elsewhere, in French, each with one mistake: the
convocation signatures and their preview (4.4), the active centre switched without logging in
again (4.6), and the help of the screen in use (1.3.1)."""
from sqlalchemy import select

from app.extensions import db
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
