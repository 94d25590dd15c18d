"""Journeys of issue 14 on the centre's side, each as the role the seeds name, in French, with one
mistake refused in French and every typed value kept: the centre's settings ("Paramètres
centre"), an agreement request and its renewal, an account request ("Mes utilisateurs"), the
registration to a body session (CIMA "S'inscrire à la session"), registrations and their access
codes, the xlsx import, withdrawals and absences."""
import io
from datetime import date, datetime, timedelta

from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader
from sqlalchemy import select

from app.extensions import db
from app.models.candidates import Registration, RegistrationStatus
from app.models.centres import Agreement, AgreementKind, AgreementStatus, Centre
from app.models.mail import OutboxEmail
from app.models.messaging import Conversation
from app.models.reference import Product
from app.models.sessions import ExamSession
from app.models.sessions import SessionStatus as S
from app.services.clock import local_today
from app.services.sessions.workflow import prepare_new_session
from tests.browser.conftest import screenshot
from tests.browser.sessions.test_sessions_journeys import _paris_session

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _watch(page) -> list:
    """The page's script errors (a refused form answers 422, which is not one)."""
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def _submit(page, form: str) -> None:
    page.click(f"{form} button[type=submit]")
    page.wait_for_load_state("load")


def _run_action(page, rowid: int, action: str) -> list[str]:
    """Tick one row, choose the action in "Actions", accept its confirmation; the questions."""
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.accept()))
    page.check(f"input[name=rowid][value='{rowid}']")
    page.click("main >> text=Actions")
    page.click(f".{action}_menu_item >> visible=true")
    page.wait_for_load_state("load")
    return asked


def _in_app(live_server, fn):
    with live_server.app.app_context():
        try:
            return fn(db.session)
        finally:
            db.session.remove()


def test_the_centre_manager_corrects_the_centre_settings(page_as, live_server):
    page = page_as("paris.manager")
    errors = _watch(page)
    page.goto("/")
    page.click("nav >> text=Paramètres centre")
    page.wait_for_load_state("load")
    page.fill("#f-billing_address", "12 rue de L'Hôpital")
    page.fill("#f-billing_city", "Paris 13e")
    page.fill("#f-billing_country", "FR")
    page.fill("#f-manager_email", "claire.martin@")  # the mistakes: no domain, no postcode
    _submit(page, "#centre-settings")
    expect(page.locator("#err-manager_email")).to_contain_text(
        "n'est pas une adresse électronique valide")
    expect(page.locator("#err-billing_postcode")).to_contain_text(
        "est obligatoire lorsqu'une adresse de facturation est saisie")
    assert page.input_value("#f-billing_address") == "12 rue de L'Hôpital"
    assert page.input_value("#f-manager_email") == "claire.martin@"
    screenshot(page, "journey-centre-settings-refused-fr")
    page.fill("#f-manager_email", "claire.martin@paris.examdesk.local")
    page.fill("#f-billing_postcode", "75013")
    _submit(page, "#centre-settings")
    expect(page.locator(".alert-success")).to_contain_text(
        "Les paramètres du centre ont été enregistrés.")
    expect(page.locator("#f-billing_address")).to_have_value("12 rue de L'Hôpital")
    saved = _in_app(live_server, lambda s: s.scalar(select(Centre).where(
        Centre.code == "PAR-0750001")))
    assert (saved.billing_address, saved.billing_postcode) == ("12 rue de L'Hôpital", "75013")
    assert errors == []


def test_the_centre_requests_a_contract_support_asks_for_a_document_and_validates(
        page_as, live_server):
    page = page_as("paris.manager")
    errors = _watch(page)
    page.goto("/agreementview/list/")
    page.goto("/agreementview/add")
    page.select_option("#kind", label="Contrat")
    page.fill("#valid_from", "01/01/2027")
    page.keyboard.press("Escape")
    page.fill("#valid_until", "31/12/2026")  # the mistake: the end before the start
    page.keyboard.press("Escape")
    page.fill("#notes", "Contrat du centre L'Hôpital — suivi par Mme O'Neill")
    _submit(page, "#model_form")
    expect(page.locator("main")).to_contain_text(
        "La fin de validité doit être postérieure à son début.")
    assert page.input_value("#valid_from") == "01/01/2027"
    assert page.input_value("#notes") == "Contrat du centre L'Hôpital — suivi par Mme O'Neill"
    assert page.locator("#status").count() == 0 and page.locator("#reference").count() == 0
    screenshot(page, "journey-agreement-refused-fr")
    page.fill("#valid_until", "31/12/2029")
    page.keyboard.press("Escape")
    _submit(page, "#model_form")
    row = _in_app(live_server, lambda s: s.scalar(select(Agreement).where(
        Agreement.notes == "Contrat du centre L'Hôpital — suivi par Mme O'Neill")))
    assert row.status == AgreementStatus.SUBMITTED and row.reference.startswith("CTR-PAR-")
    support = page_as("support")
    support.goto(f"/agreementview/show/{row.id}")
    support.fill("#agreement-documents-request [name=missing]", "Attestation d'assurance")
    _submit(support, "#agreement-documents-request")
    expect(support.locator(".alert-success")).to_contain_text(
        "Les documents ont été demandés au centre.")
    page.goto("/")
    notice = page.locator("#dashboard-agreement-decisions")
    expect(notice).to_contain_text(f"Des documents sont demandés pour votre demande "
                                   f"{row.reference}")
    notice.locator(f"a:has-text('{row.reference}')").click()
    page.wait_for_load_state("load")
    page.set_input_files("#agreement-attach input[type=file]", files=[{
        "name": "attestation_assurance.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    _submit(page, "#agreement-attach")
    expect(page.locator(".alert-success")).to_contain_text("Le fichier a été joint à la demande.")
    support.goto(f"/agreementview/show/{row.id}")
    expect(support.locator("#agreement-attachments")).to_contain_text(
        "attestation_assurance.pdf")
    support.click("#agreement-decision button[value=approve]")
    support.wait_for_load_state("load")
    expect(support.locator("main")).to_contain_text("Validée")
    mails = _in_app(live_server, lambda s: [m.subject for m in s.scalars(select(OutboxEmail)
                    .where(OutboxEmail.subject.contains(row.reference)))])
    assert len(mails) == 2  # the documents asked for, the decision
    page.goto("/")
    expect(page.locator("#dashboard-agreement-decisions")).to_contain_text(
        f"Votre demande {row.reference} (Contrat) a été validée.")
    screenshot(page, "journey-agreement-decided-fr")
    assert errors == []


def test_the_centre_asks_for_the_renewal_of_its_agreement_once(page_as, live_server):
    def approved(s):
        paris = s.scalar(select(Centre).where(Centre.code == "PAR-0750001"))
        item = Agreement(centre=paris, centre_id=paris.id, kind=AgreementKind.AGREEMENT,
                         reference="AGR-RENOUV-J", status=AgreementStatus.APPROVED,
                         valid_from=date(2024, 1, 1), valid_until=date.today() + timedelta(days=20))
        s.add(item)
        s.commit()
        return item.id

    pk = _in_app(live_server, approved)
    page = page_as("paris.manager")
    errors = _watch(page)
    page.goto("/agreementview/list/")
    asked = _run_action(page, pk, "request_renewal")
    assert asked == ["Demander le renouvellement des agréments sélectionnés ?"]
    assert "/agreementview/list" in page.url
    row = page.locator("tr:has-text('AGR-RENOUV-J')")
    expect(row).to_contain_text(local_today().strftime("%d/%m/%Y"))  # the Paris date
    _run_action(page, pk, "request_renewal")  # the mistake: a second time
    expect(page.locator(".alert-warning")).to_contain_text(
        "AGR-RENOUV-J: Un renouvellement a déjà été demandé.")
    screenshot(page, "journey-renewal-refused-fr")
    support = page_as("support")
    support.goto("/")
    support.click("#count-renewals-link")
    support.wait_for_load_state("load")
    expect(support.locator("main")).to_contain_text("AGR-RENOUV-J")
    assert errors == []


def test_the_centre_manager_asks_for_an_evaluator_account(page_as, live_server):
    page = page_as("paris.manager")
    errors = _watch(page)
    page.goto("/my-users/")
    page.click("#my-users-account-request")
    page.wait_for_load_state("load")
    page.fill("#acc-first", "Zoé")
    page.fill("#acc-last", "O'Neill")
    page.fill("#acc-email", "zoe.oneill@")  # the mistake
    page.select_option("#acc-role", label="Évaluateur")
    page.fill("#acc-body", "Examinatrice EO pour la session du 16/03/2027 à 14:30")
    _submit(page, "#chat-account-form")
    expect(page.locator(".alert-danger")).to_contain_text(
        "La demande n'a pas été envoyée : E-mail n'est pas une adresse e-mail valide.")
    assert page.input_value("#acc-last") == "O'Neill"
    assert page.input_value("#acc-role") == "Evaluator"
    assert page.input_value("#acc-body").endswith("à 14:30")
    screenshot(page, "journey-account-request-refused-fr")
    page.fill("#acc-email", "zoe.oneill@exemple.fr")
    _submit(page, "#chat-account-form")
    expect(page.locator(".alert-success")).to_contain_text("Votre demande a été envoyée.")
    expect(page.locator("main")).to_contain_text("Demande de compte : Zoé O'Neill")
    conversation = _in_app(live_server, lambda s: s.scalar(select(Conversation).where(
        Conversation.title.contains("Zoé O'Neill"))))
    pedagogy = page_as("pedagogy")
    pedagogy.goto(f"/chat/conversation/{conversation.id}")
    expect(pedagogy.locator("main")).to_contain_text("zoe.oneill@exemple.fr")
    assert errors == []


def _body_session(live_server, days: int, centre_days: int) -> tuple[int, str]:
    """A CIMA session organised by the body, `days` ahead, centres registering until
    `centre_days` from today."""
    def make(s):
        product = s.scalar(select(Product).where(Product.code == "CIMA"))
        start = date.today() + timedelta(days=days)
        item = ExamSession(product=product, start_date=start, end_date=start, capacity=30,
                           status=S.PLANNED, title="CIMA à l'Institut")
        prepare_new_session(s, item)
        item.centre_deadline = datetime.combine(date.today() + timedelta(days=centre_days),
                                                datetime.min.time())
        s.add(item)
        s.commit()
        return item.id, item.number

    return _in_app(live_server, make)


def test_the_centre_registers_to_a_body_session_before_its_deadline(page_as, live_server):
    late_pk, _ = _body_session(live_server, 40, -1)
    pk, number = _body_session(live_server, 50, 10)
    page = page_as("paris.manager")
    errors = _watch(page)
    # The list shows the body's session to open, not to edit nor delete (the body's only).
    page.goto("/examsessionview/list/?psize_ExamSessionView=100")
    expect(page.locator(f"a[href*='/examsessionview/show/{pk}']")).to_have_count(1)
    expect(page.locator(f"a[href*='/examsessionview/edit/{pk}']")).to_have_count(0)
    expect(page.locator(f"a[href*='/examsessionview/delete/{pk}']")).to_have_count(0)
    screenshot(page, "journey-centre-session-list-fr")
    page.goto(f"/examsessionview/show/{late_pk}")  # the mistake: its deadline has passed
    expect(page.locator("#join-state")).to_have_text("Non inscrit")
    page.click("#join-session")
    page.wait_for_load_state("load")
    expect(page.locator(".alert-danger")).to_contain_text(
        "La date limite d'inscription des centres à cette session est dépassée.")
    screenshot(page, "journey-join-late-fr")
    page.goto(f"/examsessionview/show/{pk}")
    expect(page.locator("main")).to_contain_text("(heure : France)")
    page.click("#join-session")
    page.wait_for_load_state("load")
    expect(page.locator(".alert-success")).to_contain_text(
        "Votre centre est inscrit à la session")
    main = page.locator("main")
    expect(main).to_contain_text("PAR-0750001 - Centre d'examen de Paris")
    expect(main).to_contain_text(f"{number} - CIMA")
    expect(main).to_contain_text("Planifiée")
    page.goto(f"/examsessionview/show/{pk}")
    expect(page.locator("#join-state")).to_have_text("Inscrit")
    assert page.locator("#join-session").count() == 0
    page.click("#joined-session")
    page.wait_for_load_state("load")
    expect(page.locator("main")).to_contain_text("Session de l'organisme")
    screenshot(page, "journey-joined-fr")
    assert errors == []


def test_the_centre_registers_a_candidate_and_prints_the_access_codes(page_as, live_server):
    pk, number, _ = _paris_session(live_server, 5, "Codes d'accès", people=1)
    page = page_as("paris.manager")
    errors = _watch(page)
    page.goto("/candidateview/list/")
    page.goto("/registrationview/add")
    page.select_option("#session", str(pk))
    candidate = page.locator("#candidate option", has_text="DURAND Amina").first
    page.select_option("#candidate", candidate.get_attribute("value"))
    page.fill("#components_choice", "CE, C0")  # the mistake: a zero for an O
    _submit(page, "#model_form")
    expect(page.locator("main")).to_contain_text("Épreuve(s) inconnue(s) : C0.")
    assert page.input_value("#components_choice") == "CE, C0"
    assert page.input_value("#session") == str(pk)
    screenshot(page, "journey-registration-refused-fr")
    page.fill("#components_choice", "CE, CO")
    _submit(page, "#model_form")
    codes, access_code = _in_app(live_server, lambda s: next(
        (r.component_codes, r.access_code) for r in s.scalars(select(Registration).where(
            Registration.session_id == pk, Registration.candidate.has(first_name="Amina")))))
    assert codes == "CE, CO"
    page.goto(f"/examsessionview/show/{pk}")
    page.click("main .nav-tabs a:has-text('Inscriptions')")
    row = page.locator("tr:has-text('DURAND Amina')")
    expect(row).to_contain_text(access_code)
    expect(row).to_contain_text("CE, CO")
    page.goto(f"/examsessionview/documents/{pk}")
    link = page.locator(f"#session-documents a:has-text('codes_acces_{number}.pdf')")
    response = page.request.get(link.get_attribute("href"))
    assert response.ok
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    assert access_code in text and "DURAND" in text and "Amina" in text
    assert number in text and "Page 1 / 1" in text
    screenshot(page, "journey-access-codes-fr")
    assert errors == []


def _fill(ws, row: int, values: list) -> None:
    for column, value in enumerate(values, 1):
        ws.cell(row=row, column=column, value=value)


def _upload(page, data: bytes) -> None:
    page.set_input_files("#import-file", files=[{"name": "candidats.xlsx", "mimeType": XLSX,
                                                 "buffer": data}])
    page.click("main form[enctype] button[type=submit]")
    page.wait_for_load_state("load")


def test_the_centre_imports_candidates_from_the_xlsx_template(page_as, live_server):
    pk, number, _ = _paris_session(live_server, 30, "Import xlsx", people=0)
    page = page_as("paris.manager")
    errors = _watch(page)
    page.goto(f"/examsessionview/show/{pk}")
    page.click("main a:has-text('Importer des candidats')")
    page.wait_for_load_state("load")
    with page.expect_download() as info:
        page.click("main a:has-text(\"Télécharger le modèle d'import\")")
    assert info.value.suggested_filename == f"{number}_modele_import_candidats.xlsx"
    wb = load_workbook(io.BytesIO(open(info.value.path(), "rb").read()))
    ws = wb.worksheets[0]
    assert ws.cell(row=1, column=1).value == "Nom *"
    _fill(ws, 2, ["O'NEILL", "Zoé", "16/03/1990", "F", "ARA_arabe", "zoe.oneill@exemple.fr",
                  "DZ_Algérie", "Académique", "123456", "O", "O", "N", "N"])
    _fill(ws, 3, ["L'HÔPITAL", "Jean-Paul", "31/02/1985", "H", "FRA", "jp@exemple.fr", "FR",
                  "", "", "O", "O", "O", "O"])  # the mistake: 31 February
    buffer = io.BytesIO()
    wb.save(buffer)
    _upload(page, buffer.getvalue())
    expect(page.locator("main")).to_contain_text("Rien n'a été importé : 1 erreur(s) à corriger.")
    problem = page.locator("main table tr:has-text('31/02/1985')")
    expect(problem).to_contain_text("3")
    expect(problem).to_contain_text("Date de naissance (JJ/MM/AAAA)")
    expect(problem).to_contain_text("« 31/02/1985 » n'est pas une date (JJ/MM/AAAA).")
    count = _in_app(live_server, lambda s: len(s.scalars(select(Registration).where(
        Registration.session_id == pk)).all()))
    assert count == 0
    screenshot(page, "journey-import-refused-fr")
    ws.cell(row=3, column=3, value="28/02/1985")
    buffer = io.BytesIO()
    wb.save(buffer)
    _upload(page, buffer.getvalue())
    expect(page.locator(".alert-success")).to_contain_text(
        "Import terminé : 2 ajouté(s), 0 déjà présent(s).")
    # The import reuses a candidate already known with the same identity (an earlier journey may
    # have created Zoé O'Neill, born 16/03/1990, typed "O'Neill"): names compared in capitals.
    regs = _in_app(live_server, lambda s: {r.candidate.last_name.upper(): r.component_codes
                                           for r in s.scalars(select(Registration).where(
                                               Registration.session_id == pk))})
    assert regs == {"O'NEILL": "CE, CO", "L'HÔPITAL": "CE, CO, EE, EO"}
    page.click("main .nav-tabs a:has-text('Inscriptions')")
    expect(page.locator("tr:has-text(\"O'NEILL Zoé\")")).to_contain_text("16/03/1990")
    assert errors == []


def test_centre_staff_mark_a_withdrawal_then_an_absence_per_test_component(
        page_as, live_server):
    pk, number, (first, second) = _paris_session(live_server, 3, "Désistements", people=2)
    page = page_as("paris.staff")
    errors = _watch(page)
    page.goto(f"/examsessionview/show/{pk}")
    page.click("main .nav-tabs a:has-text('Inscriptions')")
    _run_action(page, first, "mark_absent")  # the mistake: registrations are still open
    expect(page.locator(".alert-warning")).to_contain_text(
        "les absences ne peuvent être déclarées qu'une fois les inscriptions clôturées.")
    assert page.url.endswith(f"/examsessionview/show/{pk}")
    screenshot(page, "journey-absence-too-early-fr")
    page.click("main .nav-tabs a:has-text('Inscriptions')")
    _run_action(page, first, "withdraw")
    expect(page.locator(".alert-success")).to_contain_text("1 inscription(s) désistée(s).")
    page.click("main .nav-tabs a:has-text('Inscriptions')")
    expect(page.locator(f"tr:has(input[value='{first}'])")).to_contain_text("Désisté")
    page.click("[data-transition=close_registrations]")
    page.wait_for_load_state("load")
    expect(page.locator("main")).to_contain_text("Inscriptions closes")
    page.goto(f"/registrationview/show/{second}")
    page.click("main a:has-text(\"Gérer l'absence\")")
    page.wait_for_load_state("load")
    page.check("input[name=absent][value=CO]")
    page.check("input[name=absent][value=EO]")
    _submit(page, "main form")
    expect(page.locator(".alert-success")).to_contain_text("Absences enregistrées.")
    expect(page.locator("main")).to_contain_text("CO, EO")
    status = _in_app(live_server, lambda s: (
        s.get(Registration, first).status,
        sorted(rc.component.code for rc in s.get(Registration, second).components
               if rc.absent)))
    assert status == (RegistrationStatus.WITHDRAWN, ["CO", "EO"])
    screenshot(page, "journey-absences-fr")
    assert errors == []


def test_centre_staff_follow_the_dashboard_and_are_refused_the_managers_page(page_as):
    page = page_as("paris.staff")
    errors = _watch(page)
    page.goto("/")
    expect(page.locator("#dash-info")).to_have_text("INFORMATIONS")
    expect(page.locator("#dash-todo")).to_have_text("RESTE À TRAITER")
    expect(page.locator("#dash-next-sessions")).to_have_text("LISTE DES 5 PROCHAINES SESSIONS")
    assert page.locator("#dashboard-next-sessions tbody tr").count() == 5
    expect(page.locator("#dashboard-next-sessions")).not_to_contain_text("None")
    screenshot(page, "journey-dashboard-staff-fr")
    page.click("#count-contact-requests-link")
    page.wait_for_load_state("load")
    expect(page.locator("main")).to_contain_text("Karim Haddad")
    page.go_back()
    page.wait_for_load_state("load")
    first = page.locator("#dashboard-next-sessions tbody tr").first
    number = first.locator("td").first.inner_text()
    first.locator("a").click()
    page.wait_for_load_state("load")
    expect(page.locator("main")).to_contain_text(number)
    expect(page.locator("main")).to_contain_text("(heure : France)")
    page.goto("/my-users/")  # the mistake: "Mes utilisateurs" is the manager's
    expect(page.locator("main")).to_contain_text("Accès refusé")
    expect(page.locator("main")).to_contain_text("Vous n'avez pas le droit d'ouvrir cette page.")
    assert page.locator("nav >> text=Mes utilisateurs").count() == 0
    screenshot(page, "journey-dashboard-refused-fr")
    assert errors == []
