"""Session documents: PDFs with the centre, page x/y and print date; the zip; one week ahead."""
import io
import zipfile

import pdfplumber

from app.models.candidates import RegistrationStatus
from tests.integration.sessions.sessions_helpers import registrations_of, session_by_number


def pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_attendance_sheet_lists_the_candidates_with_centre_and_page_numbers(login_as,
                                                                            db_session):
    client = login_as("paris.manager")
    session = session_by_number(db_session, "7000102")  # in one day
    response = client.get(f"/examsessionview/document_pdf/{session.id}/attendance_sheet")
    assert response.mimetype == "application/pdf"
    text = pdf_text(response.data)
    for reg in registrations_of(db_session, "7000102"):
        assert reg.candidate.last_name in text
    assert "Centre d'examen de Paris" in text and "1 / 1" in text


def test_withdrawn_candidates_are_not_on_the_attendance_sheet(login_as, db_session):
    client = login_as("paris.manager")
    first = registrations_of(db_session, "7000102")[0]
    first.status = RegistrationStatus.WITHDRAWN
    db_session.commit()
    session = session_by_number(db_session, "7000102")
    text = pdf_text(client.get(
        f"/examsessionview/document_pdf/{session.id}/attendance_sheet").data)
    assert first.candidate.last_name not in text


def test_access_codes_pdf_shows_each_code(login_as, db_session):
    client = login_as("paris.manager")
    session = session_by_number(db_session, "7000102")
    text = pdf_text(client.get(f"/examsessionview/document_pdf/{session.id}/access_codes").data)
    for reg in registrations_of(db_session, "7000102"):
        assert reg.access_code in text


def test_download_all_gives_a_zip_of_every_document(login_as, db_session):
    client = login_as("paris.manager")
    session = session_by_number(db_session, "7000102")
    response = client.get(f"/examsessionview/documents_zip/{session.id}")
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    # French names since issue 14 (seed 001: codes_acces_7000177.pdf), and the purchase order
    assert sorted(archive.namelist()) == sorted(
        [f"{k}_7000102.pdf" for k in ("feuille_emargement", "etiquettes", "codes_acces")]
        + ["7000102_bon_commande.pdf"])
    assert all(archive.read(n).startswith(b"%PDF") for n in archive.namelist())


def test_documents_are_not_available_earlier_than_one_week_before(login_as, db_session):
    client = login_as("paris.manager")
    client.get("/lang/en")
    session = session_by_number(db_session, "7000101")  # in 30 days
    response = client.get(f"/examsessionview/document_pdf/{session.id}/labels")
    assert response.status_code == 302
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "will be available from" in html


def test_lyon_cannot_download_paris_documents(login_as, db_session):
    client = login_as("lyon.manager")
    session = session_by_number(db_session, "7000102")
    assert client.get(f"/examsessionview/documents_zip/{session.id}").status_code == 404
    assert client.get(
        f"/examsessionview/document_pdf/{session.id}/attendance_sheet").status_code == 404
