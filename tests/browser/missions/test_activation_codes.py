"""Journey (Le Robert administrator of a centre): generate an activation code from the list,
download the codes as PDF and xlsx, cancel the certification ("Annuler (retour au stock)"), and
be refused a second cancellation."""
import io
import re
from datetime import date, timedelta

import openpyxl
import pdfplumber
from sqlalchemy import select

from app.extensions import db
from app.models.candidates import Candidate
from app.models.centres import Centre
from app.models.certifications import (
    AssignmentStatus,
    CertificationAssignment,
    CertificationType,
)
from app.services.certifications import assignments as assign
from app.services.certifications.stock import stock_of
from tests.browser.conftest import screenshot


def _run_action(page, pk: int, menu_class: str, asked: list) -> None:
    page.locator(f"input.action_check[value='{pk}']").check()
    page.click("text=Actions")
    page.click(f".{menu_class}")
    page.wait_for_load_state("load")


def test_generate_download_and_cancel_an_activation_code(page_as, live_server):
    with live_server.app.app_context():
        paris = db.session.scalar(select(Centre).where(Centre.code == "PAR-0750001"))
        ctype = next(t for t in db.session.scalars(select(CertificationType).where(
            CertificationType.centre_supervised.is_(True), CertificationType.active.is_(True)))
            if stock_of(db.session, paris.id, t.id) > 0)
        candidate = db.session.scalar(select(Candidate).where(
            Candidate.centre_id == paris.id).order_by(Candidate.id.desc()))
        [row] = assign.assign_supervised(db.session, paris.id, ctype,
                                         date.today() + timedelta(days=30), [candidate],
                                         date.today())
        db.session.commit()
        pk, type_id, paris_id = row.id, row.type_id, paris.id
        last_name = db.session.get(Candidate, row.candidate_id).last_name
        stock_before = stock_of(db.session, paris_id, type_id)
    page = page_as("paris.manager")
    asked, errors = [], []
    page.on("dialog", lambda d: (asked.append(d.message), d.accept()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto("/certificationassignmentview/list/")
    _run_action(page, pk, "generate_codes_menu_item", asked)
    assert asked and "code d'activation" in asked[-1]
    with live_server.app.app_context():
        code = db.session.get(CertificationAssignment, pk).activation_code
    assert code and re.fullmatch(r"CLR(-[A-Z0-9]{4}){3}", code)
    assert code in page.locator("main").inner_text()
    screenshot(page, "missions-activation-code-generated-fr")

    with page.expect_download() as pdf_download:
        page.click(".examdesk-codes-downloads a:has-text('PDF')")
    with pdfplumber.open(io.BytesIO(open(pdf_download.value.path(), "rb").read())) as pdf:
        text = "\n".join(p.extract_text() for p in pdf.pages)
    assert code in text and last_name in text and "Codes d'activation" in text
    with page.expect_download() as xlsx_download:
        page.click(".examdesk-codes-downloads a:has-text('xlsx')")
    sheet = openpyxl.load_workbook(io.BytesIO(open(xlsx_download.value.path(), "rb").read())).active
    assert code in [c for row_ in sheet.iter_rows(values_only=True) for c in row_]

    _run_action(page, pk, "cancel_menu_item", asked)
    assert "retour" in asked[-1] or "stock" in asked[-1]
    with live_server.app.app_context():
        row = db.session.get(CertificationAssignment, pk)
        assert row.status == AssignmentStatus.CANCELLED and row.activation_code is None
        assert stock_of(db.session, paris_id, type_id) == stock_before + 1
    # The mistake: cancelling it again is refused, in French, and the stock does not move.
    page.goto("/certificationassignmentview/list/")
    _run_action(page, pk, "cancel_menu_item", asked)
    assert "Seule une certification prévue peut être annulée" in page.content()
    with live_server.app.app_context():
        assert stock_of(db.session, paris_id, type_id) == stock_before + 1
    assert errors == []
    screenshot(page, "missions-activation-code-cancel-refused-fr")
