"""Activation code documents: the xlsx never carries a live formula; the PDF lists each code."""
import io
from datetime import date
from types import SimpleNamespace

import pdfplumber
from openpyxl import load_workbook

from app.documents.certifications import render_codes_pdf, render_codes_xlsx


def _row(last, code):
    return SimpleNamespace(
        candidate=SimpleNamespace(last_name=last, first_name="Ana", email="a@example.org"),
        type=SimpleNamespace(name="Partenaire / centre agréé"), planned_date=date(2026, 12, 8),
        activation_code=code)


def test_the_xlsx_list_neutralises_cells_a_spreadsheet_would_run(app):
    with app.test_request_context():
        data = render_codes_xlsx([_row("=HYPERLINK(\"http://x\")", "CLR-AAAA-CCCC-DDDD"),
                            _row("MARTIN", "CLR-EEEE-FFFF-GGGG")])
    rows = list(load_workbook(io.BytesIO(data), read_only=True).active.iter_rows(values_only=True))
    assert rows[1][0] == "'=HYPERLINK(\"http://x\")"
    assert rows[2][0] == "MARTIN" and rows[2][5] == "CLR-EEEE-FFFF-GGGG"


def test_the_pdf_sheet_lists_every_code_with_the_centre_and_page_count(app):
    rows = [_row(f"NAME{i:02d}", f"CLR-{i:04d}-CCCC-DDDD") for i in range(35)]
    with app.test_request_context():
        data = render_codes_pdf(rows, "Centre d'examen de Paris", "24/11/2026 10:00")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    assert len(pages) == 2
    text = "\n".join(pages)
    assert all(f"CLR-{i:04d}-CCCC-DDDD" in text for i in range(35))
    assert "Centre d'examen de Paris" in pages[0] and "2 / 2" in pages[1]
