"""The candidate's certificate (attestation) PDF."""
from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _

from app.documents.pdf import render_pdf
from app.models.candidates import Registration
from app.services.sessions.documents import printed_at


def certificate_filename(registration: Registration) -> str:
    return f"attestation_{registration.number}.pdf"


def render_certificate(registration: Registration, now: datetime) -> bytes:
    centre = registration.session.centre
    return render_pdf("candidates/pdf/certificate.html", r=registration,
                      session=registration.session, title=_("Certificate"),
                      centre_name=centre.name, printed=printed_at(now, centre.timezone))
