"""A centre's agreement request has no status or reference of its own (issue 14 item 5): absent
from its form, refused in French through the API; customer service keeps both."""
from sqlalchemy import select

from app.models.centres import Agreement, AgreementKind, AgreementStatus, Centre


def _paris(db_session):
    return db_session.scalar(select(Centre).where(Centre.code == "PAR-0750001"))


def test_the_centre_form_has_no_status_or_reference_support_keeps_them(login_as):
    centre_form = login_as("paris.manager").get("/agreementview/add").get_data(as_text=True)
    assert 'name="kind"' in centre_form
    assert 'name="status"' not in centre_form and 'name="reference"' not in centre_form
    support_form = login_as("support").get("/agreementview/add").get_data(as_text=True)
    assert 'name="status"' in support_form and 'name="reference"' in support_form


def test_a_centre_request_posted_on_screen_is_submitted_with_a_server_reference(
        login_as, db_session):
    manager = login_as("paris.manager")
    before = set(db_session.scalars(select(Agreement.id)))
    response = manager.post("/agreementview/add", data={
        "csrf_token": manager.csrf, "centre": _paris(db_session).id, "kind": "CONTRACT", "status": "APPROVED",
        "reference": "MINE-1", "notes": "Première demande"})
    assert response.status_code == 302, response.get_data(as_text=True)
    row = db_session.scalar(select(Agreement).where(Agreement.id.not_in(before)))
    assert row.status == AgreementStatus.SUBMITTED
    assert row.reference.startswith("CTR-PAR-0750001-")


def test_the_api_refuses_a_centre_status_or_reference_in_french(app, api_token, db_session):
    centre = _paris(db_session).id
    client = app.test_client()
    paris = {"Authorization": f"Bearer {api_token('paris.manager')}",
             "Accept-Language": "fr"}
    refused = client.post("/api/v1/agreement/", headers=paris, json={
        "centre": centre, "kind": "agreement", "status": "approved", "reference": "MINE-2"})
    assert refused.status_code == 422, refused.text
    assert "fixés par le service client" in refused.json["message"], refused.json
    assert set(refused.json["errors"]) == {"status", "reference"}
    assert db_session.scalar(select(Agreement).where(Agreement.reference == "MINE-2")) is None
    accepted = client.post("/api/v1/agreement/", headers=paris, json={"centre": centre,
                                                                   "kind": "agreement"})
    assert accepted.status_code == 201, accepted.text
    row = db_session.get(Agreement, accepted.json["id"])
    assert row.status == AgreementStatus.SUBMITTED and row.reference.startswith("AGR-")
    changed = client.put(f"/api/v1/agreement/{row.id}", headers=paris,
                         json={"status": "approved"})
    assert changed.status_code in (403, 422)
    db_session.expire_all()
    assert db_session.get(Agreement, row.id).status == AgreementStatus.SUBMITTED


def test_support_sets_status_and_reference_through_the_api(app, api_token, db_session):
    paris = _paris(db_session)
    client = app.test_client()
    support = {"Authorization": f"Bearer {api_token('support')}"}
    created = client.post("/api/v1/agreement/", headers=support, json={
        "centre": paris.id, "kind": "contract", "reference": "CTR-SUP-1", "status": "draft"})
    assert created.status_code == 201, created.text
    row = db_session.get(Agreement, created.json["id"])
    assert (row.reference, row.status, row.kind) == ("CTR-SUP-1", AgreementStatus.DRAFT,
                                                     AgreementKind.CONTRACT)
