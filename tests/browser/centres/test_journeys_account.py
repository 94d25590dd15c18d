"""Journeys of the account area ("Mon compte", seed 004 part 5), in French: the profile edited
(name, phone, language) after a wrong phone, the password changed after a wrong current one,
the contact form's "Objet de la demande"; and the staff member's home (IMAG'IN) with their next
missions, convocation, competences and unavailabilities."""
from sqlalchemy import select

from app.extensions import db
from app.models.centres import Centre, ExamUser
from app.models.messaging import Conversation, Message
from tests.browser.conftest import DEMO_PASSWORD, login, screenshot
from tests.browser.journeys import type_in
from tests.factories import UserFactory


def _account(live_server, username: str) -> None:
    """A user of the Paris centre of its own (the journey changes the name and password)."""
    with live_server.app.app_context():
        paris = db.session.scalar(select(Centre).where(Centre.code == "PAR-0750001"))
        UserFactory(username=username, first_name="Sean", last_name="Neill",
                    email=f"{username}@exemple.fr", centres=[paris], role="CentreManager")
        db.session.commit()


def test_the_profile_and_the_password_are_changed_after_a_mistake_each(new_page, live_server):
    _account(live_server, "oneill.j15")
    page = new_page()
    errors = []  # the refusals answer 422 / 400 on purpose; nothing else may fail (favicon)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" and not any(
        f"status of {code}" in m.text for code in (400, 422)) else None)
    login(page, "oneill.j15")
    page.click("#user-menu")
    page.click("text=Mon compte")
    page.wait_for_load_state("load")
    page.click("text=Modifier mon profil")
    page.wait_for_load_state("load")
    page.fill("#last_name", "O'Neill")
    page.fill("#first_name", "Seán")
    page.fill("#phone", "06 12 AB 56 78")  # the mistake
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_load_state("load")
    form = page.locator("#profile-form").inner_text()
    assert "Téléphone n'est pas un numéro de téléphone" in form
    assert page.input_value("#last_name") == "O'Neill" and page.input_value("#first_name") == "Seán"
    assert page.input_value("#phone") == "06 12 AB 56 78"
    screenshot(page, "account-profile-wrong-phone-fr")
    page.fill("#phone", "06 12 34 56 78")
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_load_state("load")
    assert "Votre profil est enregistré" in page.locator("body").inner_text()
    assert "Seán O'Neill" in page.locator("main").inner_text()
    with live_server.app.app_context():
        user = db.session.scalar(select(ExamUser).where(ExamUser.username == "oneill.j15"))
        assert (user.last_name, user.phone, user.language) == ("O'Neill", "06 12 34 56 78", "fr")

    page.click("text=Modifier mon mot de passe")
    page.wait_for_load_state("load")
    assert page.locator("h1, .panel-title").first.inner_text().strip() == \
        "Modifier mon mot de passe"
    page.fill("#current_password", "Pas-le-bon-1!")  # the mistake
    page.fill("#password", "Nouveau-Passw0rd!")
    page.fill("#conf_password", "Nouveau-Passw0rd!")
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_load_state("load")
    assert "n'est pas votre mot de passe actuel" in page.locator("main").inner_text()
    screenshot(page, "account-password-wrong-current-fr")
    page.fill("#current_password", DEMO_PASSWORD)
    page.fill("#password", "Nouveau-Passw0rd!")
    page.fill("#conf_password", "Nouveau-Passw0rd!")
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_load_state("load")
    assert "/login" not in page.url
    again = new_page()
    login(again, "oneill.j15", "Nouveau-Passw0rd!")
    assert "/login" not in again.url

    # English chosen in the profile: the next page speaks English.
    page.goto("/my-account/profile")
    page.select_option("#language", "en")
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_load_state("load")
    assert "Your profile was saved" in page.locator("body").inner_text()
    assert page.locator("html").get_attribute("lang") == "en"
    assert errors == []


def test_the_contact_form_sends_its_subject_to_customer_service(page_as, live_server):
    page = page_as("paris.staff")
    page.goto("/my-account/")
    contact = page.locator("#account-contact-form")
    assert "Objet de la demande" in contact.inner_text()
    page.get_by_label("Objet de la demande").fill("Certificat de M. O'Neill")
    page.get_by_role("button", name="Envoyer au service client").click()  # no message yet
    assert page.evaluate("document.querySelector('#contact-body').validity.valueMissing")
    assert page.input_value("#contact-title") == "Certificat de M. O'Neill"
    page.fill("#contact-body", "Le certificat porte « Oneill » au lieu de « O'Neill ».")
    page.get_by_role("button", name="Envoyer au service client").click()
    page.wait_for_load_state("load")
    assert "Certificat de M. O'Neill" in page.locator("main").inner_text()
    with live_server.app.app_context():
        conversation = db.session.scalar(select(Conversation).where(
            Conversation.title == "Certificat de M. O'Neill"))
        first = db.session.scalar(select(Message).where(
            Message.conversation_id == conversation.id))
        assert "au lieu de « O'Neill »" in first.body
    screenshot(page, "account-contact-sent-fr")


def test_the_staff_member_home_shows_their_missions_competences_and_unavailabilities(
        page_as, live_server):
    page = page_as("paris.evaluator")
    home = page.locator("main").inner_text()
    for heading in ("Mes prochaines missions", "Mes compétences", "Mes indisponibilités"):
        assert heading in home
    assert "PAR-2026-102" in home and "Centre d'examen de Paris" in home
    assert "Responsable" not in home and "RESTE À TRAITER" not in home  # no centre tiles
    with page.expect_download() as download:
        page.locator("main a:has-text('PDF')").first.click()
    assert download.value.suggested_filename.endswith(".pdf")
    page.click("text=Saisir une indisponibilité")
    page.wait_for_load_state("load")
    own = page.locator("#staff_member option:not([value=''])")
    assert own.count() == 1  # their own, no one else
    page.select_option("#staff_member", own.first.get_attribute("value"))
    type_in(page, "#start_day", "18/03/2027")
    page.select_option("#period", "hours")
    page.fill("#start_time", "14:30")
    page.fill("#reason", "Conseil de classe à L'Haÿ-les-Roses")
    page.click("#model_form button[type=submit]")  # the mistake: no end time
    page.wait_for_load_state("load")
    assert "corrigez les champs signalés" in page.locator("main").inner_text()
    assert "est obligatoire" in page.locator("#model_form").inner_text()
    assert page.input_value("#reason") == "Conseil de classe à L'Haÿ-les-Roses"
    assert page.input_value("#start_time") == "14:30"
    screenshot(page, "staff-home-unavailability-error-fr")
    page.fill("#end_time", "17:00")
    page.click("#model_form button[type=submit]")
    page.wait_for_load_state("load")
    page.goto("/")
    mine = page.locator("main").inner_text()
    assert "18/03/2027" in mine and "14:30" in mine and "L'Haÿ-les-Roses" in mine
    screenshot(page, "staff-home-fr")
