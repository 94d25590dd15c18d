"""The candidate's certificate (attestation) PDF."""
from __future__ import annotations

from datetime import datetime

import segno
from flask import current_app
from flask_babel import gettext as _

from app.documents.pdf import render_pdf
from app.documents.tables import Sheet, xlsx_bytes
from app.models.candidates import Attestation, Registration
from app.models.sessions import ExamSession
from app.services.candidates.results import ResultRow, certifying_body, result_row
from app.services.sessions.documents import printed_at


def certificate_filename(registration: Registration) -> str:
    return f"attestation_{registration.number}.pdf"


def verification_url(code: str) -> str:
    """The public page that checks an attestation (app/views/candidates/verify.py)."""
    return f"{current_app.config['EXTERNAL_URL'].rstrip('/')}/verify/{code}"


def qr_data_uri(text: str) -> str:
    """A QR code of `text` as a PNG data URI, for a PDF template's <img>."""
    return segno.make(text, error="m").png_data_uri(scale=4, border=2)


def render_certificate(registration: Registration, now: datetime,
                       attestation: Attestation | None = None) -> bytes:
    """The attestation, issued in the certifying body's name: each épreuve's score and level on
    the product's scale, the total, the body's signature, the verification code and QR code."""
    centre = registration.session.centre
    body = certifying_body(registration.session.product.range)
    url = verification_url(attestation.code) if attestation else None
    return render_pdf("candidates/pdf/certificate.html", r=registration,
                      session=registration.session, title=_("Certificate"),
                      row=result_row(registration), body=body, centre=centre,
                      centre_name=body, printed=printed_at(now, centre.timezone),
                      attestation=attestation, verify_url=url,
                      qr=qr_data_uri(url) if url else None)


def results_xlsx(session: ExamSession, codes: list[str], rows: list[ResultRow]) -> bytes:
    """The session's "Tableau de résultats" as xlsx: one row per candidate, a score and a
    level per épreuve ("ABS" when absent), the total."""
    headers = [_("Registration no."), _("Last name"), _("First name")]
    for code in codes:
        headers += [code, _("%(code)s level", code=code)]
    headers.append(_("Total"))
    return xlsx_bytes(Sheet(str(session.number), headers, (_xlsx_row(r, codes) for r in rows)))


def _xlsx_row(row: ResultRow, codes: list[str]) -> list:
    cells = [row.registration.number, row.registration.candidate.last_name,
             row.registration.candidate.first_name]
    for code in codes:
        part = row.components.get(code)
        if part is None:
            cells += ["", ""]
        elif part.absent:
            cells += [_("ABS"), ""]
        else:
            cells += [part.score, part.level or ""]
    cells.append(row.total)
    return cells


def results_filename(session: ExamSession) -> str:
    return f"tableau_resultats_{session.number}.xlsx"
