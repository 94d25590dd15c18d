"""Generic documents: uploaded by customer service, listed on every centre's session documents."""
import io

from sqlalchemy import select

from app.models.reference import Product
from app.models.sessions import GenericDocument
from tests.integration.sessions.sessions_helpers import forget_request_globals, session_by_number


def _upload(client, product, name, copies="30"):
    return client.post("/genericdocumentview/add", data={
        "csrf_token": client.csrf, "product": product.id, "title": "Livret candidat",
        "doc_type": "Livret", "recipient": "Candidats", "copies": copies,
        "document": (io.BytesIO(b"%PDF-1.4 demo"), name)}, content_type="multipart/form-data")


def test_support_uploads_a_generic_document_that_centres_see_and_download(login_as,
                                                                          db_session):
    product = db_session.scalar(select(Product).where(Product.code == "TEFIRN"))
    assert _upload(login_as("support"), product, "livret.pdf").status_code == 302
    doc = db_session.scalar(select(GenericDocument).where(GenericDocument.title ==
                                                          "Livret candidat"))
    assert doc.copies == 30
    forget_request_globals()
    client = login_as("lyon.manager")
    session = session_by_number(db_session, "7000202")  # TEFIRN, in two days
    page = client.get(f"/examsessionview/documents/{session.id}").get_data(as_text=True)
    assert "Livret candidat" in page
    download = client.get(f"/genericdocumentview/document/{doc.id}")
    assert download.status_code == 200 and download.data.startswith(b"%PDF")


def test_a_generic_document_of_a_forbidden_type_is_refused(login_as, db_session):
    product = db_session.scalar(select(Product).where(Product.code == "TEFIRN"))
    _upload(login_as("support"), product, "script.exe")
    assert db_session.scalar(select(GenericDocument).where(
        GenericDocument.title == "Livret candidat")) is None


def test_centres_cannot_upload_generic_documents(login_as, db_session):
    product = db_session.scalar(select(Product).where(Product.code == "TEFIRN"))
    assert _upload(login_as("paris.manager"), product, "x.pdf").status_code == 403


def test_a_refused_file_is_not_shown_as_stored_and_a_stored_one_can_be_removed(login_as,
                                                                              db_session):
    product = db_session.scalar(select(Product).where(Product.code == "TEFIRN"))
    support = login_as("support")
    refused = _upload(support, product, "consignes.txt").get_data(as_text=True)
    assert "Fichiers acceptés" in refused and 'value="Livret candidat"' in refused
    assert "FileStorage" not in refused and "Delete" not in refused
    assert "_document-delete" not in refused
    forget_request_globals()
    assert _upload(support, product, "livret.pdf").status_code == 302
    doc = db_session.scalar(select(GenericDocument).where(GenericDocument.title ==
                                                          "Livret candidat"))
    forget_request_globals()
    edit = support.get(f"/genericdocumentview/edit/{doc.id}").get_data(as_text=True)
    assert "<span>livret.pdf</span>" in edit and "Retirer ce fichier" in edit
    assert 'name="_document-delete"' in edit and "Delete" not in edit
