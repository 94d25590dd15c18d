"""Body-side journeys of issue 14 (seeds 000 and 001), each as the role the seed names, in French,
with one mistake the page refuses in French while keeping what was typed: the public
pre-registration and the centre's transfer; the purchase order read and signed; the correction
with a declared anomaly; CIMA results on their scale, the attestation PDF and its verification;
accommodation and exemption; postponement and re-registration; fraud (the attestation revoked)
and appeal; examiner training; the evaluator's space; generic documents in the centre's zip.
(tests/browser/sessions/test_sessions_journeys.py holds the TEF results and the documents zip.)"""
import io
import re
import zipfile
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select

from app.extensions import db
from app.models.candidates import PreRegistration, PreRegistrationStatus, Registration
from app.models.candidates import RegistrationStatus as R
from app.models.centres import ExamUser
from app.models.requests import TrainingSlot
from app.models.sessions import ExamSession, SessionExaminer
from app.models.sessions import SessionStatus as S
from tests.browser.conftest import screenshot
from tests.browser.sessions.journey_rows import (
    a_pdf,
    a_png,
    downloaded,
    last_outbox_id,
    outbox_since,
    paris_session,
    pdf_text,
    published_session,
    read,
    type_into,
    watch,
)


def test_a_person_pre_registers_online_and_the_centre_transfers_them(new_page, page_as,
                                                                     live_server):
    pk, number, _ = paris_session(live_server, 30, "Pré-inscription", people=0, online=True)
    person = new_page("fr-FR")
    errors = watch(person)
    person.goto("/public/")
    person.click(f"#public-session-{pk} summary")
    form = person.locator(f"#public-session-{pk} form")
    form.locator("[name=last_name]").fill("O'Neill")
    form.locator("[name=first_name]").fill("Zoé")
    form.locator("[name=birth_date]").fill("31/02/1990")  # the mistake: no 31 February
    form.locator("[name=gender]").select_option("N")
    form.locator("[name=email]").fill("zoe.oneill@exemple.fr")
    form.locator("[name=phone]").fill("06 12 34 56 78")
    form.locator("button[type=submit]").click()
    person.wait_for_load_state("load")
    assert "31/02/1990 n'est pas une date du calendrier." in read(person)
    assert form.locator("[name=last_name]").input_value() == "O'Neill"
    assert form.locator("[name=birth_date]").input_value() == "31/02/1990"
    assert form.locator("[name=gender]").input_value() == "N"
    assert form.locator("[name=phone]").input_value() == "06 12 34 56 78"
    screenshot(person, "journey-body-prereg-refused-fr")
    form.locator("[name=birth_date]").fill("16/03/1990")
    form.locator("button[type=submit]").click()
    person.wait_for_load_state("load")
    assert "votre pré-inscription a été transmise au centre" in read(person)
    assert errors == []

    staff = page_as("paris.staff")
    errors = watch(staff)
    staff.goto("/preregistrationview/list/")
    row = staff.locator("tr", has_text="O'Neill")
    assert "16/03/1990" in row.inner_text() and number in row.inner_text()
    staff.on("dialog", lambda d: d.accept())
    row.locator("input.action_check").check()
    staff.click("text=Actions")
    staff.click(".transfer_menu_item")
    staff.wait_for_load_state("load")
    assert "1 pré-inscription(s) transférée(s)" in read(staff)
    screenshot(staff, "journey-body-prereg-transferred-fr")
    with live_server.app.app_context():
        pre = db.session.scalar(select(PreRegistration).where(
            PreRegistration.email == "zoe.oneill@exemple.fr"))
        registration = db.session.get(Registration, pre.registration_id)
        assert pre.status == PreRegistrationStatus.TRANSFERRED
        assert (registration.session_id, registration.status) == (pk, R.REGISTERED)
        assert str(registration.candidate.birth_date) == "1990-03-16"
        registration_number = registration.number
        db.session.remove()
    staff.goto("/preregistrationview/list/")
    row = staff.locator("tr", has_text="O'Neill")
    assert "Transféré" in row.inner_text()
    row.locator("a[href*='/show/']").first.click()
    staff.wait_for_load_state("load")
    shown = read(staff)
    assert "Genre\tNon binaire" in shown and f"{number} - TEF Canada" in shown
    assert f"Inscription\t{registration_number} - O'Neill Zoé" in shown
    assert "Statut: À transférer → Transféré" in shown  # the record's history
    # Processed once: the page no longer offers to transfer or refuse it.
    assert staff.locator("[id^='btn-action-']").count() == 0
    assert "Refuser" not in staff.locator("main").inner_text()
    screenshot(staff, "journey-body-prereg-registration-fr")
    assert errors == []


def test_the_centre_manager_reads_the_quote_and_signs_the_purchase_order(page_as, live_server):
    pk, number, _ = paris_session(live_server, 12, "Bon de commande", people=3)
    staff = page_as("paris.staff")  # the centre's staff read the quote but may not sign it
    staff.goto(f"/examsessionview/show/{pk}")
    staff.click("a:has-text('Bon de commande')")
    staff.wait_for_load_state("load")
    assert "Devis non-signé" in read(staff)
    assert staff.locator("#sign-order").count() == 0
    manager = page_as("paris.manager")
    errors = watch(manager)
    manager.goto(f"/examsessionview/show/{pk}")
    manager.click("a:has-text('Bon de commande')")
    manager.wait_for_load_state("load")
    with manager.expect_download() as info:
        manager.click("#order-pdf")
    assert info.value.suggested_filename == f"{number}_bon_commande.pdf"
    quote = pdf_text(downloaded(info.value))
    assert f"Session {number}" in quote and "Devis non signé." in quote
    assert "95,00 €" in quote and "Total TTC: 342,00 €" in quote  # 3 × 95,00 € + 20 % TVA
    assert "Page 1 / 1" in quote
    manager.fill("#signer_name", "Claire O'Neill-Martin")
    manager.click("#sign-order")  # the mistake: the quote is not accepted
    manager.wait_for_load_state("load")
    assert "Indiquez votre nom et cochez l'acceptation du devis pour signer." in read(manager)
    assert manager.input_value("#signer_name") == "Claire O'Neill-Martin"
    screenshot(manager, "journey-body-order-refused-fr")
    manager.check("#accept")
    manager.click("#sign-order")
    manager.wait_for_load_state("load")
    shown = read(manager)
    assert "Le bon de commande est signé." in shown and manager.locator("#sign-order").count() == 0
    assert "Signé par\tClaire O'Neill-Martin" in shown and "Devis signé" in shown
    assert "Compte du signataire: — → " in shown and "Signed" not in shown
    with manager.expect_download() as info:
        manager.click("#order-pdf")
    signed = pdf_text(downloaded(info.value))
    assert "Devis accepté et signé par Claire O'Neill-Martin le" in signed
    screenshot(manager, "journey-body-order-signed-fr")
    assert errors == []


def test_the_centre_declares_an_anomaly_and_support_releases_the_correction(page_as,
                                                                            live_server):
    pk, number, _ = paris_session(live_server, -1, "Anomalies", status=S.REGISTRATIONS_CLOSED)
    first_mail = last_outbox_id(live_server)
    manager = page_as("paris.manager")
    errors = watch(manager)
    manager.goto(f"/examsessionview/show/{pk}")
    manager.click("#put-into-correction")
    manager.wait_for_load_state("load")
    manager.fill("#description_0", "Casque défaillant pour L'Hôpital à 14:30")
    manager.check("[name=virtual_0]")  # the mistake: a virtual candidate without a reason
    manager.click("#confirm-correction")
    manager.wait_for_load_state("load")
    assert ("La session n'a pas été mise en correction : Anomalie 1 : toute utilisation de "
            "virtuel doit être justifiée.") in read(manager)
    assert manager.input_value("#description_0") == "Casque défaillant pour L'Hôpital à 14:30"
    assert manager.is_checked("[name=virtual_0]")
    screenshot(manager, "journey-body-anomaly-refused-fr")
    manager.fill("#justification_0", "Test du matériel d'écoute avant l'épreuve")
    manager.click("#confirm-correction")
    manager.wait_for_load_state("load")
    assert f"Session {number} : En attente de correction." in read(manager)
    assert errors == []

    support = page_as("support")
    errors = watch(support)
    support.goto("/examrequestview/list/?_flt_0_kind=anomaly")
    support.locator("tr", has_text=number).locator("a[href*='/show/']").first.click()
    support.wait_for_load_state("load")
    shown = read(support)
    assert "Candidat virtuel : Test du matériel d'écoute avant l'épreuve" in shown
    assert support.locator("#request-code").inner_text() == "A"
    support.click("#take-request")
    support.wait_for_load_state("load")
    assert support.locator("#request-status").inner_text() == "En cours de traitement"
    support.click("#accept-request")
    support.wait_for_load_state("load")
    assert "Décision enregistrée ; le centre est prévenu." in read(support)
    support.goto(f"/examsessionview/show/{pk}")
    assert "Statut: En attente de correction → En correction" in read(support)
    screenshot(support, "journey-body-anomaly-accepted-fr")
    assert errors == []
    mails = outbox_since(live_server, first_mail)
    assert [(to, subject) for to, subject, _ in mails] == [
        ("claire.martin@paris.examdesk.local", mails[0][1])]
    assert f"Votre anomalie de session concernant la session {number}" in mails[0][2]
    assert "a été validée" in mails[0][2]
    manager.goto("/")
    assert f"Votre anomalie de session concernant la session {number}" in read(manager)


def test_cima_results_on_their_scale_an_attestation_pdf_and_its_verification_link(
        page_as, new_page, live_server):
    pk, number, (reg_id,) = paris_session(live_server, -2, "Résultats CIMA", people=1,
                                          status=S.IN_CORRECTION, product="CIMA",
                                          surname="EL-AMRANI")
    with live_server.app.app_context():
        for rc in db.session.get(Registration, reg_id).components:
            rc.absent = rc.component.code == "PO"  # the oral is the evaluator's: absent here
        db.session.commit()
        db.session.remove()
    support = page_as("support")
    errors = watch(support)
    support.goto(f"/registrationview/results/{reg_id}")
    support.fill("#score_CE", "77,5")
    support.fill("#score_CO", "120")  # the mistake: CIMA scores are out of 100
    support.fill("#score_PE", "46")
    support.click("#results-table ~ button[type=submit]")
    support.wait_for_load_state("load")
    assert "CO : le résultat doit être compris entre 0 et 100." in read(support)
    assert [support.input_value(f"#score_{c}") for c in ("CE", "CO", "PE")] == [
        "77,5", "120", "46"]
    screenshot(support, "journey-body-cima-score-refused-fr")
    support.fill("#score_CO", "92")
    support.click("#results-table ~ button[type=submit]")
    support.wait_for_load_state("load")
    assert "Résultats enregistrés" in read(support)
    support.goto(f"/examsessionview/show/{pk}")
    support.click("[data-transition=publish_results]")
    support.wait_for_load_state("load")
    support.click("#results-table-link")
    support.wait_for_load_state("load")
    table = read(support, "#session-results")
    assert "77,5 (C1)" in table and "92 (C2)" in table and "46 (B1)" in table
    assert "ABS" in table and "215,5" in table
    assert errors == []

    manager = page_as("paris.manager")
    errors = watch(manager)
    manager.goto(f"/registrationview/show/{reg_id}")
    with manager.expect_download() as info:
        manager.click("#certificate-link")
    assert info.value.suggested_filename.endswith(".pdf")
    text = pdf_text(downloaded(info.value))
    assert "Institut du monde arabe" in text and "EL-AMRANI-Résultats CIMA-0" in text
    for line in ("CE — Compréhension écrite 77,5 C1", "CO — Compréhension orale 92 C2",
                 "PE — Production écrite 46 B1", "PO — Production orale Absent"):
        assert line in text, line
    assert "Page 1 / 1" in text
    verify_url = re.search(r"(http://\S+/verify/\S+?)\s", text.replace("\n", " ")).group(1)
    code = verify_url.rsplit("/", 1)[1]
    assert re.fullmatch(r"[A-Z0-9]{4}(-[A-Z0-9]{4}){3}", code) and "Total 215,5" in text
    assert errors == []
    stranger = new_page("fr-FR")
    stranger.goto(verify_url)
    stranger.fill("#birth_date", "02/01/1990")
    stranger.click("#verify-form button[type=submit]")
    stranger.wait_for_load_state("load")
    result = read(stranger, "#verify-result")
    assert "Cette attestation est authentique." in result and "C1" in result
    assert "77,5" not in result
    screenshot(stranger, "journey-body-cima-verified-fr")


def _file_request(page, candidate: str):
    """From the registrations list: tick the candidate's row, Actions → File a request."""
    page.goto("/registrationview/list/?psize_RegistrationView=100")
    page.locator("tr", has_text=candidate).locator("input.action_check").check()
    page.click("text=Actions")
    page.click(".file_request_menu_item")
    page.wait_for_load_state("load")


def _request_number(page) -> str:
    return re.search(r"N° demande\s+(DEM\d{7})", read(page)).group(1)


def _decide(page, request_number: str, accept: bool = True, note: str = ""):
    """Support opens the request from its queue, takes it in charge and decides."""
    page.goto("/examrequestview/list/")
    page.locator("tr", has_text=request_number).locator("a[href*='/show/']").first.click()
    page.wait_for_load_state("load")
    if page.locator("#take-request").count():
        page.click("#take-request")
        page.wait_for_load_state("load")
    if note:
        page.fill("#decision-note", note)
    page.click("#accept-request" if accept else "#refuse-request")
    page.wait_for_load_state("load")


def test_the_centre_asks_for_extra_time_and_an_exemption_and_support_grants_them(
        page_as, live_server):
    pk, number, (first, second) = paris_session(live_server, 20, "Aménagements",
                                                surname="N'DIAYE")
    with live_server.app.app_context():
        second_number = db.session.get(Registration, second).number
        db.session.remove()
    manager = page_as("paris.manager")
    errors = watch(manager)
    _file_request(manager, "N'DIAYE-Aménagements-0")
    manager.select_option("#kind", "accommodation")
    manager.fill("#reason", "Tiers-temps : dyslexie (certificat du médecin joint)")
    manager.fill("#extra_time_percent", "33")
    manager.click("button:has-text('Envoyer la demande')")
    manager.wait_for_load_state("load")
    assert "1 demande(s) enregistrée(s)." in read(manager)
    assert manager.locator("#request-code").inner_text() == "1/3T"
    accommodation = _request_number(manager)
    _file_request(manager, "N'DIAYE-Aménagements-1")
    manager.select_option("#kind", "exemption")
    manager.fill("#reason", "Dispense de l'expression orale : trouble de l'élocution")
    manager.fill("#component", "E0")  # the mistake: a zero instead of the letter O
    manager.click("button:has-text('Envoyer la demande')")
    manager.wait_for_load_state("load")
    assert ("Aucune demande n'a été enregistrée : R0000031 : choisissez une épreuve à laquelle "
            "le candidat est inscrit.").replace("R0000031", second_number) in read(manager)
    assert manager.input_value("#reason") == ("Dispense de l'expression orale : trouble de "
                                              "l'élocution")
    assert manager.input_value("#component") == "E0"
    assert manager.input_value("#kind") == "exemption"
    screenshot(manager, "journey-body-exemption-refused-fr")
    manager.fill("#component", "EO")
    manager.click("button:has-text('Envoyer la demande')")
    manager.wait_for_load_state("load")
    assert manager.locator("#request-code").inner_text() == "D-EO"
    exemption = _request_number(manager)
    assert errors == []

    support = page_as("support")
    errors = watch(support)
    _decide(support, accommodation)
    assert "Décision enregistrée ; le centre est prévenu." in read(support)
    _decide(support, exemption)
    assert support.locator("#request-status").inner_text() == "Validée"
    screenshot(support, "journey-body-exemption-accepted-fr")
    assert errors == []
    manager.goto("/")
    told = read(manager)
    for kind, n in (("d'aménagement", 0), ("de dispense", 1)):
        assert (f"Votre demande {kind} concernant la session {number} - TEF Canada") in told
        assert f"et le candidat Zoé N'DIAYE-Aménagements-{n} a été validée." in told
    manager.goto(f"/registrationview/show/{second}")
    shown = read(manager)
    assert "Épreuves\tCE, CO, EE\n" in shown and "Demandes\tD-EO" in shown
    manager.goto(f"/examsessionview/show/{pk}")
    manager.click("a:has-text('Bon de commande')")
    manager.wait_for_load_state("load")
    with manager.expect_download() as info:
        manager.click("#order-pdf")
    quote = pdf_text(downloaded(info.value))  # the exempted épreuve is no longer charged
    assert "CE, CO, EE 71,25 €" in quote and "Total HT: 166,25 €" in quote
    assert errors == []


def test_the_centre_asks_for_a_postponement_and_support_re_registers_the_candidate(
        page_as, live_server):
    paris_session(live_server, 1, "Report tardif", people=1,
                                      surname="O'BRIEN")
    pk, number, (reg_id,) = paris_session(live_server, 15, "Report", people=1, surname="O'BRIEN")
    later_pk, later_number, _ = paris_session(live_server, 45, "Report plus tard", people=0)
    later_day = (date.today() + timedelta(days=45)).strftime("%d/%m/%Y")
    manager = page_as("paris.manager")
    errors = watch(manager)
    _file_request(manager, "O'BRIEN-Report tardif-0")  # the mistake: tomorrow's session
    manager.select_option("#kind", "postponement")
    manager.fill("#reason", "Hospitalisation imprévue du candidat")
    manager.click("button:has-text('Envoyer la demande')")
    manager.wait_for_load_state("load")
    assert re.search(r"Aucune demande n'a été enregistrée : R\d{7} : un report doit être "
                     r"demandé au moins \d+ jour\(s\) avant la session\.", read(manager))
    assert manager.input_value("#reason") == "Hospitalisation imprévue du candidat"
    assert manager.input_value("#kind") == "postponement"
    screenshot(manager, "journey-body-postponement-refused-fr")
    _file_request(manager, "O'BRIEN-Report-0")
    manager.select_option("#kind", "postponement")
    manager.fill("#reason", "Hospitalisation imprévue du candidat")
    manager.click("button:has-text('Envoyer la demande')")
    manager.wait_for_load_state("load")
    assert manager.locator("#request-code").inner_text() == "Rep"
    postponement = _request_number(manager)
    assert errors == []

    support = page_as("support")
    errors = watch(support)
    _decide(support, postponement)
    assert support.locator("#request-status").inner_text() == "Validée"
    support.select_option("#target", str(later_pk))
    support.click("#reregister")
    support.wait_for_load_state("load")
    assert "Le candidat est inscrit à la nouvelle session." in read(support)
    moved = support.locator("#new-registration").inner_text()
    assert moved.endswith(f"{later_number} - TEF Canada - {later_day}")
    screenshot(support, "journey-body-postponement-reregistered-fr")
    assert errors == []
    manager.goto(f"/registrationview/show/{reg_id}")
    assert "Statut\tDésisté" in read(manager)
    support.click("#new-registration")
    support.wait_for_load_state("load")
    shown = read(support)
    assert "Statut\tInscrit" in shown and "Épreuves\tCE, CO, EE, EO" in shown
    assert "O'BRIEN-Report-0 Zoé" in shown


def _verify(page, code: str, born: str) -> str:
    page.goto(f"/verify/{code}")
    page.fill("#birth_date", born)
    page.click("#verify-form button[type=submit]")
    page.wait_for_load_state("load")
    return read(page, "#verify-result")


def test_a_confirmed_fraud_revokes_the_attestation_and_the_appeal_is_answered(
        page_as, new_page, live_server):
    pk, number, reg_id, code = published_session(
        live_server, "Fraude", {"CE": "612", "CO": "455", "EE": "390", "EO": "402"},
        surname="D'ARTAGNAN")
    with live_server.app.app_context():
        registration_number = db.session.get(Registration, reg_id).number
        db.session.remove()
    stranger = new_page("fr-FR")
    assert "Cette attestation est authentique." in _verify(stranger, code, "02/01/1990")
    manager = page_as("paris.manager")
    errors = watch(manager)
    _file_request(manager, "D'ARTAGNAN-Fraude-0")
    manager.select_option("#kind", "fraud")
    manager.fill("#reason", "Téléphone utilisé pendant la compréhension orale (surveillant : "
                            "M. L'Hôpital)")
    manager.click("button:has-text('Envoyer la demande')")
    manager.wait_for_load_state("load")
    assert manager.locator("#request-code").inner_text() == "F"
    assert manager.locator("#request-status").inner_text() == "En cours d'étude"
    fraud = _request_number(manager)
    assert errors == []

    support = page_as("support")
    errors = watch(support)
    _decide(support, fraud)
    assert support.locator("#request-status").inner_text() == "Validée"
    revoked = _verify(stranger, code, "02/01/1990")
    assert ("Cette attestation a été révoquée par l'organisme certificateur : elle n'est plus "
            "valable.") in revoked
    assert "Zoé D'ARTAGNAN-Fraude-0" in revoked and "authentique" not in revoked
    assert "B2" not in revoked  # no levels on a revoked attestation
    screenshot(stranger, "journey-body-fraud-revoked-fr")
    manager.goto(f"/registrationview/show/{reg_id}")
    manager.click("#certificate-link")
    manager.wait_for_load_state("load")
    assert f"{registration_number} : une fraude avérée bloque les résultats et l'attestation." \
        in read(manager)
    _file_request(manager, "D'ARTAGNAN-Fraude-0")
    manager.select_option("#kind", "appeal")
    manager.fill("#reason", "Le candidat conteste : le téléphone était éteint dans son sac.")
    manager.click("button:has-text('Envoyer la demande')")
    manager.wait_for_load_state("load")
    assert manager.locator("#request-code").inner_text() == "Rec"
    appeal = _request_number(manager)
    first_mail = last_outbox_id(live_server)
    _decide(support, appeal, accept=False)  # the mistake: a refusal without its reason
    assert f"{appeal} : indiquez pourquoi la demande est refusée." in read(support)
    assert support.locator("#request-status").inner_text() == "En cours de traitement"
    screenshot(support, "journey-body-appeal-refused-without-reason-fr")
    _decide(support, appeal, accept=False, note="Le rapport du surveillant est confirmé.")
    assert support.locator("#request-status").inner_text() == "Refusée"
    assert "Le rapport du surveillant est confirmé." in read(support, "#request-events")
    (to, subject, body), = outbox_since(live_server, first_mail)
    assert (to, subject) == ("claire.martin@paris.examdesk.local", f"Demande {appeal} : Refusée")
    assert "Votre demande de recours concernant la session" in body and "a été refusée." in body
    assert body.endswith("Le rapport du surveillant est confirmé.")
    manager.goto("/")
    assert (f"Votre demande de recours concernant la session {number} - TEF Canada"
            in read(manager))
    assert errors == []


def test_pedagogy_proposes_a_training_slot_and_the_centre_books_its_examiner(page_as,
                                                                             live_server):
    pk, number, _ = paris_session(live_server, 25, "Examinateurs", people=0)
    manager = page_as("paris.manager")
    errors = watch(manager)
    manager.goto("/sessionexaminerview/add")
    manager.select_option("#session", str(pk), force=True)
    manager.fill("#last_name", "L'Hôpital")
    manager.fill("#first_name", "Anaïs")
    manager.fill("#email", "anais.lhopital@exemple.fr")
    manager.check("#needs_training")
    manager.click("#model_form button[type=submit]")
    manager.wait_for_load_state("load")
    assert "Ligne ajoutée" in read(manager)
    assert errors == []

    pedagogy = page_as("pedagogy")
    errors = watch(pedagogy)
    pedagogy.goto("/trainingslotview/add")
    pedagogy.fill("#title", "Formation des examinateurs TEF — l'oral")
    type_into(pedagogy, "#starts_at", "16/03/2027 14:30")
    pedagogy.fill("#duration_minutes", "90")
    pedagogy.fill("#place", "Salle Molière, 8 avenue de la République")
    pedagogy.fill("#capacity", "0")  # the mistake: no seat
    pedagogy.click("#model_form button[type=submit]")
    pedagogy.wait_for_load_state("load")
    assert "Un créneau de formation compte au moins une place." in read(pedagogy)
    assert pedagogy.input_value("#title") == "Formation des examinateurs TEF — l'oral"
    assert pedagogy.input_value("#starts_at") == "16/03/2027 14:30"
    assert pedagogy.input_value("#capacity") == "0"
    screenshot(pedagogy, "journey-body-slot-refused-fr")
    pedagogy.fill("#capacity", "12")
    pedagogy.click("#model_form button[type=submit]")
    pedagogy.wait_for_load_state("load")
    assert "Ligne ajoutée" in read(pedagogy)
    assert errors == []

    first_mail = last_outbox_id(live_server)
    manager.goto("/trainingslotview/list/")
    row = manager.locator("tr", has_text="Formation des examinateurs TEF — l'oral")
    assert "16/03/2027 14:30" in row.inner_text()  # read back in Paris time
    row.locator("a[href*='/show/']").first.click()
    manager.wait_for_load_state("load")
    assert f"L'Hôpital Anaïs — {number} - TEF Canada" in read(manager)
    manager.locator("label", has_text="L'Hôpital").locator("input").check()
    manager.click("#book-slot")
    manager.wait_for_load_state("load")
    shown = read(manager)
    assert "1 examinateur(s) inscrit(s) ; ils reçoivent l'invitation par e-mail." in shown
    assert "Places restantes\t11" in shown and "L'Hôpital Anaïs" not in shown
    screenshot(manager, "journey-body-slot-booked-fr")
    (to, subject, body), = outbox_since(live_server, first_mail)
    assert (to, subject) == ("anais.lhopital@exemple.fr", "Formation des examinateurs : "
                                                          "Formation des examinateurs TEF — l'oral")
    assert "le 16/03/2027 14:30 (heure : France)" in body and ".ics" in body
    with live_server.app.app_context():
        slot = db.session.scalar(select(TrainingSlot).where(
            TrainingSlot.title == "Formation des examinateurs TEF — l'oral"))
        assert slot.starts_at == datetime(2027, 3, 16, 13, 30)  # stored in UTC
        db.session.remove()
    manager.click("a:has-text('Demander de nouveaux créneaux')")
    manager.wait_for_load_state("load")
    manager.select_option("#session", str(pk), force=True)
    manager.fill("#reason", "   ")  # the mistake: a reason of blanks only
    manager.click("#model_form button[type=submit]")
    manager.wait_for_load_state("load")
    refused = read(manager)
    assert "Rien n'a été enregistré : corrigez les champs signalés ci-dessous." in refused
    assert "est obligatoire." in refused
    assert manager.input_value("#session") == str(pk)
    screenshot(manager, "journey-body-slot-request-refused-fr")
    manager.fill("#reason", "Deux examinateurs ne sont pas disponibles le 16/03/2027")
    manager.click("#model_form button[type=submit]")
    manager.wait_for_load_state("load")
    assert "Ligne ajoutée" in read(manager)
    assert errors == []


def test_the_evaluator_sees_only_their_session_and_enters_the_oral_mark(page_as, live_server,
                                                                        tmp_path):
    pk, number, (reg_id, _) = paris_session(live_server, -1, "Oral évalué",
                                            status=S.IN_CORRECTION, surname="LE GOFF")
    _, other_number, (other_reg, _) = paris_session(live_server, -1, "Oral d'un autre",
                                                           status=S.IN_CORRECTION)
    with live_server.app.app_context():
        inès = db.session.scalar(select(ExamUser).where(ExamUser.username == "paris.evaluator"))
        db.session.add(SessionExaminer(centre_id=db.session.get(ExamSession, pk).centre_id,
                                       session_id=pk, user_id=inès.id, last_name="MOREAU",
                                       first_name="Inès", email=inès.email))
        db.session.commit()
        db.session.remove()
    evaluator = page_as("paris.evaluator")
    errors = watch(evaluator)
    evaluator.goto("/")
    assert "Évaluateur" in evaluator.locator("nav").inner_text()
    evaluator.goto("/examsessionview/list/")
    sessions = read(evaluator)
    assert number in sessions and other_number not in sessions
    evaluator.goto("/registrationview/list/")
    registrations = read(evaluator)
    assert "LE GOFF-Oral évalué-0 Zoé" in registrations
    assert "Oral d'un autre" not in registrations
    evaluator.goto(f"/registrationview/results/{reg_id}")
    assert [evaluator.locator(f"#score_{c}").count() for c in ("CE", "CO", "EE", "EO")] == [
        0, 0, 0, 1]  # the body's correction service marks the written and listening parts
    evaluator.fill("#score_EO", "45O")  # the mistake: a letter O for a zero
    evaluator.click("#results-table ~ button[type=submit]")
    evaluator.wait_for_load_state("load")
    assert "EO : « 45O » n'est pas un nombre." in read(evaluator)
    assert evaluator.input_value("#score_EO") == "45O"
    screenshot(evaluator, "journey-body-evaluator-typo-fr")
    evaluator.fill("#score_EO", "450,5")
    evaluator.click("#results-table ~ button[type=submit]")
    evaluator.wait_for_load_state("load")
    assert "Résultats enregistrés." in read(evaluator)
    evaluator.goto(f"/registrationview/results/{reg_id}")
    assert evaluator.input_value("#score_EO") == "450,5"
    photo, signature, scan = (tmp_path / "photo.png", tmp_path / "signature.png",
                              tmp_path / "piece_identite.pdf")
    photo.write_bytes(a_png())
    signature.write_bytes(a_png("white"))
    scan.write_bytes(a_pdf())
    evaluator.goto(f"/registrationview/show/{reg_id}")
    evaluator.click("a:has-text('Photo / Signature')")
    evaluator.wait_for_load_state("load")
    evaluator.set_input_files("#identity-photo-input", str(scan))  # the mistake: a PDF
    evaluator.set_input_files("#identity-signature-input", str(signature))
    evaluator.click("#identity-form button[type=submit]")
    evaluator.wait_for_load_state("load")
    assert "Photo : Ce type de fichier n'est pas accepté (acceptés : .jpeg, .jpg, .png)." in \
        read(evaluator)
    assert evaluator.locator("#identity-photo").count() == 0  # nothing stored
    screenshot(evaluator, "journey-body-evaluator-photo-refused-fr")
    evaluator.set_input_files("#identity-photo-input", str(photo))
    evaluator.set_input_files("#identity-signature-input", str(signature))
    evaluator.click("#identity-form button[type=submit]")
    evaluator.wait_for_load_state("load")
    assert "Photo et signature enregistrées." in read(evaluator)
    assert evaluator.locator("#identity-photo").count() == 1
    assert evaluator.locator("#identity-signature").count() == 1
    assert errors == []
    response = evaluator.goto(f"/registrationview/results/{other_reg}")  # not their session
    assert response.status == 404 and "Page introuvable" in read(evaluator)
    screenshot(evaluator, "journey-body-evaluator-fr")
    with live_server.app.app_context():
        marks = {rc.component.code: rc.score
                 for rc in db.session.get(Registration, reg_id).components}
        assert marks == {"CE": None, "CO": None, "EE": None, "EO": Decimal("450.5")}
        db.session.remove()


def test_support_adds_a_generic_document_and_it_travels_in_the_centres_zip(page_as,
                                                                           live_server, tmp_path):
    pk, number, _ = paris_session(live_server, 5, "Documents génériques", people=1)
    wrong = tmp_path / "consignes.txt"
    wrong.write_text("pas un PDF")
    booklet = tmp_path / "livret_candidat_tef.pdf"
    booklet.write_bytes(a_pdf())
    support = page_as("support")
    errors = watch(support)
    support.goto("/genericdocumentview/add")
    support.select_option("#product", label="TEFCAN - TEF Canada", force=True)
    support.fill("#title", "Livret du candidat — l'épreuve orale")
    support.fill("#doc_type", "Livret")
    support.fill("#recipient", "Candidats")
    support.fill("#copies", "12")
    support.set_input_files("#document", str(wrong))  # the mistake: a text file
    support.click("#model_form button[type=submit]")
    support.wait_for_load_state("load")
    refused = read(support)
    assert "Fichiers acceptés : .pdf, .docx, .odt, .xlsx, .zip, .mp3." in refused
    assert "FileStorage" not in refused and "Delete" not in refused  # FAB's widget leaked both
    assert support.locator("input[name=_document-delete]").count() == 0
    assert support.input_value("#title") == "Livret du candidat — l'épreuve orale"
    assert support.input_value("#copies") == "12"
    screenshot(support, "journey-body-generic-refused-fr")
    support.set_input_files("#document", str(booklet))
    support.click("#model_form button[type=submit]")
    support.wait_for_load_state("load")
    assert "Ligne ajoutée" in read(support)
    assert errors == []
    manager = page_as("paris.manager")
    errors = watch(manager)
    manager.goto(f"/examsessionview/documents/{pk}")
    assert "Livret du candidat — l'épreuve orale\tLivret\tCandidats\t12" in read(manager)
    with manager.expect_download() as info:
        manager.click("#download-all")
    assert info.value.suggested_filename == f"{number}_documents.zip"
    archive = zipfile.ZipFile(io.BytesIO(downloaded(info.value)))
    assert sorted(archive.namelist()) == sorted([
        f"feuille_emargement_{number}.pdf", f"etiquettes_{number}.pdf",
        f"codes_acces_{number}.pdf", "documents_generiques/livret_candidat_tef.pdf",
        f"{number}_bon_commande.pdf"])
    assert archive.read("documents_generiques/livret_candidat_tef.pdf") == booklet.read_bytes()
    assert errors == []
