"""Documents travel on an agreement request (issue 14 item 5): customer service asks for what is
missing ("Documents demandés"), the centre attaches files, customer service reads them; another
centre can neither read nor attach."""
import io

from sqlalchemy import select

from app.models.centres import (
    Agreement,
    AgreementAttachment,
    AgreementStatus,
)
from app.models.mail import OutboxEmail
from tests.integration.centres.test_agreement_decisions import submitted_agreement

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _attach(client, row, data=PDF, name="attestation_assurance.pdf"):
    return client.post(f"/agreementview/attach/{row.id}", data={
        "csrf_token": client.csrf, "attachment": (io.BytesIO(data), name)},
        content_type="multipart/form-data", follow_redirects=True)


def test_support_asks_for_documents_and_the_centre_is_told(login_as, db_session):
    row = submitted_agreement(db_session, "AGR-DOC-1")
    support = login_as("support")
    assert 'id="agreement-documents-request"' in support.get(
        f"/agreementview/show/{row.id}").get_data(as_text=True)
    empty = support.post(f"/agreementview/request_documents/{row.id}", data={
        "csrf_token": support.csrf, "missing": " "}, follow_redirects=True)
    assert "Indiquez les documents manquants." in empty.get_data(as_text=True)
    support.post(f"/agreementview/request_documents/{row.id}", data={
        "csrf_token": support.csrf, "missing": "Attestation d'assurance"})
    db_session.expire_all()
    asked = db_session.get(Agreement, row.id)
    assert asked.status == AgreementStatus.DOCUMENTS_REQUESTED
    assert "Documents demandés : Attestation d'assurance" in asked.notes
    mail = db_session.scalar(select(OutboxEmail).where(OutboxEmail.kind == "agreement_documents"))
    assert mail.recipient == asked.centre.manager_email
    assert "Attestation d'assurance" in mail.body and "AGR-DOC-1" in mail.subject
    shown = login_as("paris.manager").get(f"/agreementview/show/{row.id}").get_data(as_text=True)
    assert "Documents demandés" in shown and 'id="agreement-attach"' in shown


def test_a_centre_cannot_ask_for_documents(login_as, db_session):
    row = submitted_agreement(db_session, "AGR-DOC-2")
    manager = login_as("paris.manager")
    manager.post(f"/agreementview/request_documents/{row.id}", data={
        "csrf_token": manager.csrf, "missing": "x"})
    db_session.expire_all()
    assert db_session.get(Agreement, row.id).status == AgreementStatus.SUBMITTED


def test_the_centre_attaches_and_support_downloads(login_as, db_session):
    row = submitted_agreement(db_session, "AGR-DOC-3")
    row.status = AgreementStatus.DOCUMENTS_REQUESTED
    db_session.commit()
    manager = login_as("paris.manager")
    refused = _attach(manager, row, b"MZ not a pdf", "virus.exe")
    assert "Ce type de fichier n&#39;est pas accepté" in refused.get_data(as_text=True) \
        or "Ce type de fichier n'est pas accepté" in refused.get_data(as_text=True)
    _attach(manager, row)
    db_session.expire_all()
    attached = db_session.scalars(select(AgreementAttachment).where(
        AgreementAttachment.agreement_id == row.id)).all()
    assert [a.filename for a in attached] == ["attestation_assurance.pdf"]
    assert db_session.get(Agreement, row.id).status == AgreementStatus.SUBMITTED
    support = login_as("support")
    page = support.get(f"/agreementview/show/{row.id}").get_data(as_text=True)
    link = f"/agreementview/attachment/{row.id}/{attached[0].id}"
    assert link in page and "attestation_assurance.pdf" in page
    got = support.get(link)
    assert got.status_code == 200 and got.data == PDF


def test_another_centre_can_neither_read_nor_attach(login_as, db_session):
    row = submitted_agreement(db_session, "AGR-DOC-4")
    _attach(login_as("paris.manager"), row)
    db_session.expire_all()
    attachment = db_session.scalar(select(AgreementAttachment).where(
        AgreementAttachment.agreement_id == row.id))
    lyon = login_as("lyon.manager")
    assert lyon.get(f"/agreementview/attachment/{row.id}/{attachment.id}").status_code == 404
    assert _attach(lyon, row, name="intrus.pdf").status_code == 404
    db_session.expire_all()
    assert db_session.scalar(select(AgreementAttachment).where(
        AgreementAttachment.filename == "intrus.pdf")) is None


# -- the same use-case through the REST API ---------------------------------------------------
def _ask(client, token, row_id, body):
    return client.post(f"/api/v1/agreement/{row_id}/request_documents", json=body,
                       headers={"Authorization": f"Bearer {token}"})


def test_support_asks_for_documents_through_the_api_and_the_centre_is_told(
        app, api_token, login_as, db_session):
    row = submitted_agreement(db_session, "AGR-API-1")
    client, token = app.test_client(), api_token("support")
    empty = _ask(client, token, row.id, {"missing": "  "})
    assert empty.status_code == 422
    assert empty.json["errors"] == {"missing": ["est obligatoire."]}
    asked = _ask(client, token, row.id, {"missing": "Kbis de moins de 3 mois"})
    assert asked.status_code == 200, asked.text
    assert asked.json["result"]["status"] == "documents_requested"
    db_session.expire_all()
    assert "Documents demandés : Kbis de moins de 3 mois" in db_session.get(
        Agreement, row.id).notes
    mail = db_session.scalar(select(OutboxEmail).where(OutboxEmail.kind == "agreement_documents"))
    assert "Kbis de moins de 3 mois" in mail.body and "AGR-API-1" in mail.subject
    dashboard = login_as("paris.manager").get("/").get_data(as_text=True)
    assert "Des documents sont demandés pour votre demande AGR-API-1" in dashboard


def test_a_centre_cannot_ask_for_documents_through_the_api(app, api_token, db_session):
    row = submitted_agreement(db_session, "AGR-API-2")
    client = app.test_client()
    own = _ask(client, api_token("paris.manager"), row.id, {"missing": "x"})
    assert own.status_code == 403
    assert own.json["message"] == "Seul le service client demande des documents."
    assert _ask(client, api_token("lyon.manager"), row.id, {"missing": "x"}).status_code == 404
    assert _ask(client, api_token("paris.evaluator"), row.id, {"missing": "x"}).status_code == 403
    db_session.expire_all()
    assert db_session.get(Agreement, row.id).status == AgreementStatus.SUBMITTED


def test_documents_are_not_asked_for_a_decided_request_through_the_api(
        app, api_token, db_session):
    row = submitted_agreement(db_session, "AGR-API-3")
    row.status = AgreementStatus.APPROVED
    db_session.commit()
    refused = _ask(app.test_client(), api_token("support"), row.id, {"missing": "Kbis"})
    assert refused.status_code == 422
    assert "pendant le traitement" in refused.json["message"]
