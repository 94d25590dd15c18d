"""The activation codes of a centre: a PDF sheet and an xlsx list."""
from __future__ import annotations

from flask_babel import gettext as _

from app.documents.pdf import render_pdf
from app.documents.tables import Sheet, xlsx_bytes
from app.models.certifications import CertificationAssignment

ROWS_PER_PAGE = 18  # rows with a wrapped certification name still fit one page


def render_codes_pdf(rows: list[CertificationAssignment], centre_name: str,
                     printed: str) -> bytes:
    return render_pdf("certifications/pdf/activation_codes.html", rows, ROWS_PER_PAGE,
                      printed=printed, centre_name=centre_name, title=_("Activation codes"))


def render_codes_xlsx(rows: list[CertificationAssignment]) -> bytes:
    headers = [_("Last name"), _("First name"), _("E-mail"), _("Certification"),
               _("Planned date"), _("Activation code")]
    cells = ([r.candidate.last_name, r.candidate.first_name, r.candidate.email or "",
              r.type.name, r.planned_date, r.activation_code] for r in rows)
    return xlsx_bytes(Sheet(_("Activation codes"), headers, cells))
