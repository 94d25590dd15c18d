"""Session documents (issue 14 item 6): "Tout télécharger" holds the specific PDFs, the generic
documents and the purchase order; every PDF numbers its pages right; French names in French."""
import io
import re
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pdfplumber
import pytest

from app.models.sessions import GenericDocument
from tests.factories import CandidateFactory, ExamSessionFactory, RegistrationFactory, UserFactory

PAGE = re.compile(r"Page (\d+) / (\d+)")


@pytest.fixture()
def fifty(db_session):
    """A session in five days with 50 registered candidates, and its centre's manager."""
    item = ExamSessionFactory(start_date=date.today() + timedelta(days=5), capacity=60)
    before = datetime.combine(date.today() - timedelta(days=1), time(9))
    for _ in range(50):
        RegistrationFactory(session=item, registered_at=before,
                            candidate=CandidateFactory(centre=item.centre))
    manager = UserFactory(centres=[item.centre], role="CentreManager")
    db_session.commit()
    return item, manager


def _page_labels(data: bytes) -> list[list[tuple[str, str]]]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [PAGE.findall(page.extract_text() or "") for page in pdf.pages]


@pytest.mark.parametrize("kind, pages", [("access_codes", 2), ("attendance_sheet", 3),
                                         ("labels", 5)])
def test_every_page_carries_one_right_number(login_as, fifty, kind, pages):
    item, manager = fifty
    response = login_as(manager.username).get(f"/examsessionview/document_pdf/{item.id}/{kind}")
    labels = _page_labels(response.data)
    assert labels == [[(str(n), str(pages))] for n in range(1, pages + 1)]


def test_file_names_are_french_in_french_and_english_in_english(login_as, fifty):
    item, manager = fifty
    client = login_as(manager.username)
    response = client.get(f"/examsessionview/document_pdf/{item.id}/access_codes")
    assert f'filename=codes_acces_{item.number}.pdf' in response.headers["Content-Disposition"]
    client.get("/lang/en")
    response = client.get(f"/examsessionview/document_pdf/{item.id}/access_codes")
    assert f'filename=access_codes_{item.number}.pdf' in response.headers["Content-Disposition"]


def test_download_all_holds_specific_generic_documents_and_the_purchase_order(
        app, login_as, db_session, fifty):
    item, manager = fifty
    folder = Path(app.config["UPLOAD_FOLDER"])
    stored = "c0ffee_sep_Livret du candidat.pdf"
    (folder / stored).write_bytes(b"%PDF-1.4 livret")
    db_session.add(GenericDocument(product_id=item.product_id, title="Livret",
                                   doc_type="Livret", recipient="Candidat", copies=1,
                                   document=stored))
    db_session.commit()
    try:
        response = login_as(manager.username).get(f"/examsessionview/documents_zip/{item.id}")
        archive = zipfile.ZipFile(io.BytesIO(response.data))
        names = sorted(archive.namelist())
        assert names == sorted([f"codes_acces_{item.number}.pdf",
                                f"feuille_emargement_{item.number}.pdf",
                                f"etiquettes_{item.number}.pdf",
                                f"{item.number}_bon_commande.pdf",
                                "documents_generiques/Livret du candidat.pdf"])
        assert archive.read("documents_generiques/Livret du candidat.pdf") == b"%PDF-1.4 livret"
        order = archive.read(f"{item.number}_bon_commande.pdf")
        labels = _page_labels(order)
        assert order.startswith(b"%PDF") and labels == [
            [(str(n), str(len(labels)))] for n in range(1, len(labels) + 1)]
    finally:
        (folder / stored).unlink()
