"""Agreement and contract requests processed by customer service (issue 14 item 5): validate or
refuse with a reason, the centre told on its dashboard and by e-mail; a centre cannot decide."""
from sqlalchemy import select

from app.models.centres import Agreement, AgreementKind, AgreementStatus, Centre
from app.models.mail import OutboxEmail


def submitted_agreement(db_session, reference="AGR-TEST-1"):
    """A Paris agreement request as a centre submits it (also used by the documents tests)."""
    paris = db_session.scalar(select(Centre).where(Centre.code == "PAR-0750001"))
    row = Agreement(centre_id=paris.id, centre=paris, kind=AgreementKind.AGREEMENT,
                    reference=reference, status=AgreementStatus.SUBMITTED)
    db_session.add(row)
    db_session.commit()
    return row


def test_support_refuses_with_a_reason_and_the_centre_is_told(login_as, db_session):
    row = submitted_agreement(db_session)
    support = login_as("support")
    page = support.get(f"/agreementview/show/{row.id}").get_data(as_text=True)
    assert 'id="agreement-decision"' in page
    refused = support.post(f"/agreementview/decide/{row.id}", data={
        "csrf_token": support.csrf, "decision": "refuse", "reason": ""}, follow_redirects=True)
    assert "Indiquez le motif du refus." in refused.get_data(as_text=True)
    db_session.expire_all()
    assert db_session.get(Agreement, row.id).status == AgreementStatus.SUBMITTED
    support.post(f"/agreementview/decide/{row.id}", data={
        "csrf_token": support.csrf, "decision": "refuse",
        "reason": "Attestation d'assurance manquante"})
    db_session.expire_all()
    decided = db_session.get(Agreement, row.id)
    assert decided.status == AgreementStatus.REJECTED
    assert "Attestation d'assurance manquante" in decided.notes
    mail = db_session.scalar(select(OutboxEmail).where(OutboxEmail.kind == "agreement_decision")
                             .order_by(OutboxEmail.id.desc()))
    assert mail.recipient == decided.centre.manager_email
    assert "AGR-TEST-1" in mail.subject and "Attestation d'assurance manquante" in mail.body
    dashboard = login_as("paris.manager").get("/").get_data(as_text=True)
    decisions = dashboard.split('id="dashboard-agreement-decisions"')[1].split("</ul>")[0]
    assert "Votre demande AGR-TEST-1" in decisions and "a été refusée." in decisions


def test_support_validates(login_as, db_session):
    row = submitted_agreement(db_session, "AGR-TEST-2")
    support = login_as("support")
    support.post(f"/agreementview/decide/{row.id}", data={
        "csrf_token": support.csrf, "decision": "approve", "reason": ""})
    db_session.expire_all()
    assert db_session.get(Agreement, row.id).status == AgreementStatus.APPROVED


def test_a_centre_cannot_decide_its_own_request(login_as, db_session):
    row = submitted_agreement(db_session, "AGR-TEST-3")
    manager = login_as("paris.manager")
    manager.post(f"/agreementview/decide/{row.id}", data={
        "csrf_token": manager.csrf, "decision": "approve"})
    db_session.expire_all()
    assert db_session.get(Agreement, row.id).status == AgreementStatus.SUBMITTED
