"""Journeys of IMAG'IN (seed 003) in Chromium, in French, as the seed's roles: the exam-centre
head (paris.manager) consults the staff with filters and extracts, declares competences through
the exam → speciality → épreuve-option chain with + and × and the lock, consults the missions
with the exam filter and an extract, convokes and sends the convocations (PDF, zip, e-mail with
its PDF and .ics); the exam manager (manager) corrects a mission; the staff member
(paris.evaluator) downloads their convocation. One mistake each, said in French, values kept."""
from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime, time, timedelta

import icalendar
import pdfplumber
from openpyxl import load_workbook
from playwright.sync_api import expect
from sqlalchemy import delete, select

from app.extensions import db
from app.models.mail import OutboxEmail
from app.models.missions.missions import Convocation, Mission
from app.models.missions.staff import Competence, CompetenceEntryLock, StaffMember
from app.models.reference import Product, TestComponent
from app.services.clock import local_today
from app.services.formatting import to_utc
from tests.browser.conftest import screenshot

YEAR = date.today().year


def _read(download) -> bytes:
    with open(download.value.path(), "rb") as handle:
        return handle.read()


def _pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


# -- 1. staff list with its filters and extracts ----------------------------------------------
def test_staff_list_filters_extracts_and_convoked_assignments(page_as):
    page = page_as("paris.manager")
    page.goto("/staffmemberview/list/")
    expect(page.locator("#list-toolkit")).to_be_visible()
    # The mistake: a period whose end comes before its start.
    page.fill("#available_from", "20/03/2027")
    page.fill("#available_to", "16/03/2027")
    page.get_by_role("button", name="Filtrer", exact=True).click()
    expect(page.locator(".alert-danger")).to_contain_text(
        "Disponibles du … au … : La fin de la période doit suivre son début.")
    expect(page.locator("#available_from")).to_have_value("20/03/2027")
    expect(page.locator("#available_to")).to_have_value("16/03/2027")
    # Corrected: Garnier is on a course on the oral's days (the demo's unavailability).
    page.fill("#available_from", f"{_oral_day():%d/%m/%Y}")
    page.fill("#available_to", f"{_oral_day():%d/%m/%Y}")
    page.get_by_role("button", name="Filtrer", exact=True).click()
    table = page.locator("table.examdesk-list")
    expect(table).to_contain_text("Couleau")
    expect(table).not_to_contain_text("Garnier")
    expect(page.locator("#available_from")).to_have_value(f"{_oral_day():%d/%m/%Y}")
    # The seed's extract, with the filter applied, opened as a spreadsheet would.
    with page.expect_download() as download:
        page.locator("a", has_text="Personnels CSV").first.click()
    rows = list(csv.reader(io.StringIO(_read(download).decode("utf-8-sig")), delimiter=";"))
    names = {row[1] for row in rows[1:]}
    assert "COULEAU" in names and "GARNIER" not in names
    assert rows[0][:3] == ["Identifiant", "Nom", "Prénom"]
    with page.expect_download() as download:
        page.locator("a", has_text="Personnels PDF").first.click()
    assert "COULEAU" in _pdf_text(_read(download))
    # The toolkit beside it: keyword search, then the xlsx export of what is shown.
    page.fill("#list-keyword", "Dupont")
    page.locator("#list-keyword").press("Enter")
    expect(table).to_contain_text("Dupont")
    expect(table).not_to_contain_text("Couleau")
    with page.expect_download() as download:
        page.click("#export-xlsx")
    sheet = load_workbook(io.BytesIO(_read(download))).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "Dupont" in values and "Couleau" not in values
    screenshot(page, "missions-journey-staff-list-fr")
    # The person's page: "Affectations convoquées", each convocation downloadable.
    page.locator("table.examdesk-list a[href*='/staffmemberview/show/']").first.click()
    page.get_by_role("tab", name="Affectations convoquées").click()
    assignments = page.locator("#Assignments")
    expect(assignments).to_contain_text("Liste des missions convoquées (1)")
    expect(assignments).to_contain_text(f"PAR-{YEAR}-101")
    expect(assignments).to_contain_text("EE - Expression écrite")
    with page.expect_download() as download:
        assignments.get_by_role("link", name="Télécharger (PDF)").click()
    assert download.value.suggested_filename == "DUPONT_Alexandre.pdf"
    assert "DUPONT Alexandre" in _pdf_text(_read(download))
    screenshot(page, "missions-journey-staff-assignments-fr")


def _oral_day() -> date:
    return date.today() + timedelta(days=20)


# -- 2. competences: the chain, + and ×, the lock ----------------------------------------------
def test_competence_chain_plus_cross_and_lock(page_as, live_server):
    with live_server.app.app_context():
        garnier = db.session.scalar(select(StaffMember).where(
            StaffMember.identifier == "P750004"))
        option = db.session.scalar(select(TestComponent).join(Product).where(
            Product.code == "BCG", TestComponent.code == "1-T004-1"))
        garnier_id, option_id, paris_id = garnier.id, option.id, garnier.centre_id
    page = page_as("paris.manager")
    try:
        page.goto("/competenceview/list/")
        page.locator("a[href^='/competenceview/add']").first.click()
        expect(page.locator("h1, .panel-title").first).to_contain_text("Ajouter une compétence")
        page.select_option("#staff_member", str(garnier_id))
        # The mistake: TEF Canada's "EE - Expression écrite", which Garnier already holds (SYS).
        page.select_option("#chain_exam", label="TEFCAN - TEF Canada")
        expect(page.locator("#chain_speciality option")).to_have_count(3)  # — and two
        page.select_option("#chain_speciality", label="ECRIT - Compréhension et expression écrites")
        expect(page.locator("#component option")).to_have_count(3)  # — CE and EE
        page.select_option("#component", label="EE - Expression écrite")
        page.get_by_role("button", name="Enregistrer").click()
        expect(page.locator(".alert-danger")).to_contain_text(
            "Cette compétence est déjà listée : utilisez le bouton +.")
        expect(page.locator("#staff_member option:checked")).to_contain_text("GARNIER")
        expect(page.locator("#chain_exam option:checked")).to_have_text("TEFCAN - TEF Canada")
        expect(page.locator("#chain_speciality option:checked")).to_have_text(
            "ECRIT - Compréhension et expression écrites")
        expect(page.locator("#component option:checked")).to_contain_text(
            "EE - Expression écrite")
        expect(page.locator("#component option")).to_have_count(3)
        # Corrected: the BCG, its speciality, then one of its options.
        page.select_option("#chain_exam", label="BCG - Baccalauréat général")
        page.select_option("#chain_speciality", label="BCG - BACCALAUREAT GENERAL")
        expect(page.locator("#component option")).to_have_count(4)  # — and three options
        options = page.locator("#component option").all_inner_texts()
        assert "1-T002-1 - Français oral" in options
        assert not any("Expression écrite" in o for o in options)  # no other exam's options
        page.select_option("#component", str(option_id))
        page.get_by_role("button", name="Enregistrer").click()
        expect(page.locator(".alert-success")).to_be_visible()
        page.goto("/competenceview/list/?q=Garnier&psize_CompetenceView=100")
        row = page.locator("tr", has_text="1-T004-1")
        expect(row).to_contain_text("BCG - BACCALAUREAT GENERAL")
        expect(row).to_contain_text("PAR-0750001 (C)")
        with live_server.app.app_context():
            pk = db.session.scalar(select(Competence.id).where(
                Competence.staff_member_id == garnier_id, Competence.component_id == option_id))
        # × as the only author: the competence disappears; + on the SYS one keeps the page.
        row.locator(f"form[action='/competenceview/mark/{pk}/i'] button").click()
        expect(page.locator(".alert-success")).to_contain_text("Compétence retirée (I)")
        expect(page.locator("tr", has_text="1-T004-1")).to_have_count(0)
        assert "/competenceview/list/" in page.url
        # The lock: refused without the box, then the buttons are gone.
        page.get_by_role("button", name="Valider").click()
        expect(page.locator(".alert-danger")).to_contain_text("Cochez la case")
        page.check("input[name=finished]")
        page.get_by_role("button", name="Valider").click()
        expect(page.locator(".alert-success")).to_contain_text("Saisie des compétences validée")
        page.goto("/competenceview/list/?psize_CompetenceView=100")
        expect(page.locator("table.examdesk-list")).to_be_visible()
        expect(page.locator("form[action^='/competenceview/mark/']")).to_have_count(0)
        screenshot(page, "missions-journey-competences-locked-fr")
    finally:
        with live_server.app.app_context():
            db.session.execute(delete(Competence).where(
                Competence.staff_member_id == garnier_id, Competence.component_id == option_id))
            lock = db.session.scalar(select(CompetenceEntryLock).where(
                CompetenceEntryLock.centre_id == paris_id))
            if lock is not None:
                lock.locked = False  # leave the shared live database as the demo had it
            db.session.commit()


# -- 3. missions with the exam filter and an extract; the exam manager corrects one ----------
def test_missions_exam_filter_extract_and_a_correction(page_as, live_server):
    page = page_as("paris.manager")
    page.goto("/missionview/list/")
    page.select_option("#year", "all")
    page.check("input[name=attested]")
    page.select_option("#exam", label="BCG - Baccalauréat général")
    page.get_by_role("button", name="Filtrer", exact=True).click()
    table = page.locator("table.examdesk-list")
    expect(table).to_contain_text(f"PAR-{YEAR}-103")
    expect(table).not_to_contain_text(f"PAR-{YEAR}-101")
    expect(table).to_contain_text("1-T002-1 - Français oral")
    expect(page.locator("thead")).to_contain_text("Nbr itv.")
    expect(page.locator("#exam option:checked")).to_have_text("BCG - Baccalauréat général")
    with page.expect_download() as download:
        page.get_by_role("link", name="Liste CSV").click()
    rows = list(csv.reader(io.StringIO(_read(download).decode("utf-8-sig")), delimiter=";"))
    assert [row[0] for row in rows[1:]] == [f"PAR-{YEAR}-103"]
    with page.expect_download() as download:
        page.click("#export-pdf")
    text = _pdf_text(_read(download))
    assert f"PAR-{YEAR}-103" in text and f"PAR-{YEAR}-101" not in text
    screenshot(page, "missions-journey-missions-fr")
    # The exam manager corrects the mission; the mistake: an impossible date.
    with live_server.app.app_context():
        mission = db.session.scalar(select(Mission).where(
            Mission.number == f"PAR-{YEAR}-103"))
        pk, before = mission.id, (mission.starts_on, mission.ends_on, mission.rooms)
    manager = page_as("manager")
    try:
        manager.goto(f"/missionview/edit/{pk}")
        manager.fill("#rooms", "Salle B12 – aile L'Hôpital")
        manager.fill("#starts_on", "31/02/2027")
        manager.get_by_role("button", name="Enregistrer").click()
        expect(manager.locator("#starts_on")).to_have_value("31/02/2027")
        expect(manager.locator("#rooms")).to_have_value("Salle B12 – aile L'Hôpital")
        expect(manager.locator("#model_form")).to_contain_text(
            "31/02/2027 n'est pas une date du calendrier.")
        manager.fill("#starts_on", "16/03/2027")
        manager.fill("#ends_on", "17/03/2027")
        manager.get_by_role("button", name="Enregistrer").click()
        expect(manager.locator(".alert-success")).to_be_visible()
        with live_server.app.app_context():
            saved = db.session.get(Mission, pk)
            assert (saved.starts_on, saved.rooms) == (date(2027, 3, 16),
                                                      "Salle B12 – aile L'Hôpital")
    finally:
        with live_server.app.app_context():
            saved = db.session.get(Mission, pk)
            saved.starts_on, saved.ends_on, saved.rooms = before
            db.session.commit()


# -- 4. convocations: PDF, zip, e-mail with its PDF and .ics ----------------------------------
def test_convocations_pdf_zip_and_email(page_as, live_server):
    with live_server.app.app_context():
        mission = db.session.scalar(select(Mission).where(Mission.number == f"PAR-{YEAR}-102"))
        pk, day = mission.id, mission.starts_on
        known = set(db.session.scalars(select(OutboxEmail.id)))
    page = page_as("paris.manager")
    page.goto(f"/missionview/show/{pk}")
    page.get_by_role("link", name="Convoquer").click()
    page.fill("#name", "Couleau")
    page.locator("#name").press("Enter")
    expect(page.get_by_label("COULEAU Roberta", exact=False)).to_be_checked()
    page.select_option("#quality", label="Examinateur")
    page.fill("#room", "Salle 2 – L'Hôpital")
    # The mistake: a slot ending before it starts.
    page.fill("#dates", f"{day:%d/%m/%Y} 14:30-12:00")
    page.get_by_role("button", name="Convoquer", exact=True).click()
    expect(page.locator(".alert-danger")).to_be_visible()
    expect(page.locator(".alert-danger")).to_contain_text("JJ/MM/AAAA")
    expect(page.locator("#dates")).to_have_value(f"{day:%d/%m/%Y} 14:30-12:00")
    expect(page.locator("#room")).to_have_value("Salle 2 – L'Hôpital")
    page.fill("#dates", f"{day:%d/%m/%Y} 08:00-12:00")
    page.get_by_role("button", name="Convoquer", exact=True).click()
    expect(page.locator(".alert-success")).to_contain_text("1 intervenant(s) convoqué(s)")
    with live_server.app.app_context():
        convocation = db.session.scalar(select(Convocation).join(StaffMember).where(
            Convocation.mission_id == pk, StaffMember.identifier == "P750003"))
        convocation_id = convocation.id
    try:
        # The zip of the convocations the centre made, each PDF naming the person.
        with page.expect_download() as download:
            page.get_by_role("link", name="Télécharger convocations (zip)").click()
        assert download.value.suggested_filename == f"TEFCAN_PAR-{YEAR}-102_" \
            f"{local_today():%Y%m%d}.zip"  # the Paris date
        with zipfile.ZipFile(io.BytesIO(_read(download))) as archive:
            assert archive.namelist() == ["COULEAU_Roberta.pdf"]
            text = _pdf_text(archive.read("COULEAU_Roberta.pdf"))
        assert "COULEAU Roberta" in text and f"PAR-{YEAR}-102" in text and "08:00" in text
        # E-mailed: the outbox holds the message with its PDF and its .ics in Paris time.
        page.get_by_role("button", name="Envoyer convocations par mail").click()
        expect(page.locator(".alert-success")).to_contain_text("Convocations envoyées.")
        with live_server.app.app_context():
            emails = db.session.scalars(select(OutboxEmail).where(
                OutboxEmail.id.not_in(known), OutboxEmail.kind == "convocation")).all()
            mine = [e for e in emails if "roberta" in e.recipient]
            assert len(mine) == 1
            files = {a.filename: a.data for a in mine[0].attachments}
        assert _pdf_text(files["COULEAU_Roberta.pdf"]).count("COULEAU Roberta") >= 1
        event = icalendar.Calendar.from_ical(files["convocation.ics"]).walk("VEVENT")[0]
        start = event.decoded("DTSTART")
        expected = to_utc(datetime.combine(day, time(8)), "Europe/Paris")
        assert start.replace(tzinfo=None) == expected.replace(tzinfo=None)
        screenshot(page, "missions-journey-convocations-fr")
        # The staff member downloads their own convocation from their home page.
        evaluator = page_as("paris.evaluator")
        evaluator.goto("/")
        link = evaluator.locator("a[href^='/convocationview/pdf/']").first
        expect(link).to_be_visible()
        with evaluator.expect_download() as download:
            link.click()
        assert "MOREAU Inès" in _pdf_text(_read(download))
    finally:
        with live_server.app.app_context():
            db.session.execute(delete(Convocation).where(Convocation.id == convocation_id))
            db.session.commit()
