"""The activation codes of a centre: a PDF sheet (xhtml2pdf) and an xlsx list (write_only)."""
from __future__ import annotations

import io

from flask import render_template
from flask_babel import get_locale
from flask_babel import gettext as _
from openpyxl import Workbook

from app.documents.pdf import html_to_pdf
from app.models.certifications import CertificationAssignment

ROWS_PER_PAGE = 18  # rows with a wrapped certification name still fit one page
RISKY = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A spreadsheet never runs a cell as a formula (names come from users)."""
    if isinstance(value, str) and value.startswith(RISKY):
        return "'" + value
    return value


def render_pdf(rows: list[CertificationAssignment], centre_name: str, printed: str) -> bytes:
    pages = [rows[i:i + ROWS_PER_PAGE] for i in range(0, len(rows), ROWS_PER_PAGE)] or [[]]
    html = render_template("certifications/pdf/activation_codes.html", pages=pages, printed=printed,
                           centre_name=centre_name, title=_("Activation codes"),
                           lang=str(get_locale() or "fr"))
    return html_to_pdf(html)


def render_xlsx(rows: list[CertificationAssignment]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Activation codes")[:31])
    sheet.append([_("Last name"), _("First name"), _("E-mail"), _("Certification"),
                  _("Planned date"), _("Activation code")])
    for row in rows:
        c = row.candidate
        sheet.append([safe_cell(c.last_name), safe_cell(c.first_name), safe_cell(c.email or ""),
                      safe_cell(row.type.name), row.planned_date, row.activation_code])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
