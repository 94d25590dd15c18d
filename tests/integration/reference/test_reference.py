"""Reference data screens: products, prices, centres, agreements, centre settings; optimistic
locking, audit history, the active-centre switch, menus per role and the REST API."""
from __future__ import annotations

from sqlalchemy import select

from app.models.audit import AuditLog
from app.models.centres import Agreement, AgreementStatus, Centre
from app.models.certifications import CandidateGroup
from app.models.reference import PriceList, Product, TestComponent


def _centre(db_session, city):
    return db_session.scalar(select(Centre).where(Centre.city == city))


def _product(db_session, code):
    return db_session.scalar(select(Product).where(Product.code == code))


def _product_form(product, **changes):
    data = {"code": product.code, "name": product.name, "range": product.range.name,
            "description": product.description or "", "modular": "y" if product.modular else "",
            "active": "y", "valid_from": "", "valid_until": "", "row_version": product.version}
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def test_a_concurrent_edit_is_refused_not_overwritten(db_session, login_as):
    product = _product(db_session, "DFPAFB1")
    read_version = product.version
    first, second = login_as("support"), login_as("admin")
    second.post(f"/productview/edit/{product.id}", data={
        **_product_form(product, name="DFP Affaires B1 (2026)"), "csrf_token": second.csrf})
    response = first.post(f"/productview/edit/{product.id}", data={
        **_product_form(product, name="DFP Affaires niveau B1"), "row_version": read_version,
        "csrf_token": first.csrf}, follow_redirects=True)
    db_session.expire_all()
    assert _product(db_session, "DFPAFB1").name == "DFP Affaires B1 (2026)"
    assert "changed by someone else" in response.text or "modifié par quelqu" in response.text


def test_an_edit_is_recorded_in_the_history_shown_on_the_record(db_session, login_as):
    product = _product(db_session, "CLR")
    client = login_as("support")
    client.post(f"/productview/edit/{product.id}", data={
        **_product_form(product, name="Certification Le Robert 2027"), "csrf_token": client.csrf})
    entry = db_session.scalar(select(AuditLog).where(AuditLog.table_name == "product",
                                                     AuditLog.record_id == product.id,
                                                     AuditLog.action == "update"))
    assert entry.username == "support"
    assert entry.changes["name"] == ["Certification Le Robert", "Certification Le Robert 2027"]
    page = client.get(f"/productview/show/{product.id}").text
    assert 'id="record-history"' in page and "Certification Le Robert 2027" in page


def test_a_component_price_must_belong_to_a_modular_product(db_session, login_as):
    paris = _centre(db_session, "Paris")
    cima = _product(db_session, "CIMA")
    component = db_session.scalar(select(TestComponent).where(TestComponent.product_id == cima.id))
    client = login_as("support")
    before = db_session.query(PriceList).count()
    response = client.post("/pricelistview/add", data={
        "centre": paris.id, "product": cima.id, "component": component.id,
        "amount_excl_vat": "30", "vat_rate": "20", "csrf_token": client.csrf},
        follow_redirects=True)
    assert db_session.query(PriceList).count() == before
    assert "modular" in response.text or "modulaire" in response.text


def test_a_centre_user_adds_for_their_own_centre_whatever_the_form_says(db_session, login_as):
    lyon = _centre(db_session, "Lyon")
    client = login_as("paris.manager")
    client.post("/agreementview/add", data={
        "centre": lyon.id, "kind": "AGREEMENT", "reference": "FORGED-1", "status": "APPROVED",
        "csrf_token": client.csrf})
    assert db_session.scalar(select(Agreement).where(Agreement.centre_id == lyon.id,
                                                     Agreement.reference == "FORGED-1")) is None


def test_a_centre_request_for_an_agreement_is_submitted_for_its_centre(db_session, login_as):
    paris = _centre(db_session, "Paris")
    client = login_as("paris.manager")
    client.post("/agreementview/add", data={
        "centre": paris.id, "kind": "AGREEMENT", "reference": "REQ-2027", "status": "APPROVED",
        "csrf_token": client.csrf})
    # The reference and the status are the server's (issue 14: the centre's form has neither)
    row = db_session.scalar(select(Agreement).where(Agreement.centre_id == paris.id)
                            .order_by(Agreement.id.desc()))
    assert row.status == AgreementStatus.SUBMITTED
    assert row.reference != "REQ-2027" and row.reference.startswith("AGR-PAR-")


def test_a_renewal_cannot_be_requested_twice(db_session, login_as):
    paris = _centre(db_session, "Paris")
    agreement = db_session.scalar(select(Agreement).where(
        Agreement.centre_id == paris.id, Agreement.status == AgreementStatus.APPROVED))
    client = login_as("paris.manager")
    url = f"/agreementview/action/request_renewal/{agreement.id}"
    client.post(url, data={"csrf_token": client.csrf})
    page = client.post(url, data={"csrf_token": client.csrf}, follow_redirects=True)
    assert "already been requested" in page.text or "déjà été demandé" in page.text


def test_centre_settings_name_each_missing_or_wrong_field(db_session, login_as):
    client = login_as("paris.manager")
    response = client.post("/centre-settings/", data={
        "name": "Centre d'examen de Paris", "address": "", "postcode": "7501", "city": "Paris",
        "country": "FR", "manager_last_name": "Martin", "manager_first_name": "Claire",
        "manager_email": "not-an-email", "manager_phone": "+33 1 23 45 67 89",
        "timezone": "Europe/Paris", "language": "fr", "public_visibility": "hidden",
        "row_version": _centre(db_session, "Paris").version, "csrf_token": client.csrf})
    assert response.status_code == 200
    for field in ("address", "postcode", "manager_email"):
        assert f'id="err-{field}"' in response.text
    assert 'id="err-city"' not in response.text


def test_centre_settings_save_the_manager_s_own_centre_only(db_session, login_as):
    paris, lyon = _centre(db_session, "Paris"), _centre(db_session, "Lyon")
    lyon_phone = lyon.manager_phone
    client = login_as("paris.manager")
    client.post("/centre-settings/", data={
        "name": "Centre d'examen de Paris", "address": "1 rue Neuve", "postcode": "75001",
        "city": "Paris", "country": "FR", "manager_last_name": "Martin",
        "manager_first_name": "Claire", "manager_email": "c.martin@example.org",
        "manager_phone": "+33 1 00 00 00 00", "timezone": "Europe/Paris", "language": "fr",
        "public_visibility": "with_sessions", "row_version": paris.version,
        "csrf_token": client.csrf})
    db_session.expire_all()
    assert _centre(db_session, "Paris").address == "1 rue Neuve"
    assert _centre(db_session, "Lyon").manager_phone == lyon_phone


def test_centre_settings_are_only_for_centre_managers(login_as):
    assert login_as("paris.staff").get("/centre-settings/").status_code == 403


def test_a_user_of_two_centres_switches_the_active_centre(db_session, login_as):
    paris, lyon = _centre(db_session, "Paris"), _centre(db_session, "Lyon")
    client = login_as("regional.manager")
    client.post("/account/centre", data={"centre_id": paris.id, "csrf_token": client.csrf})
    page = client.get("/centreview/list/").text
    assert f"/centreview/show/{paris.id}" in page and f"/centreview/show/{lyon.id}" not in page
    client.post("/account/centre", data={"centre_id": lyon.id, "csrf_token": client.csrf})
    page = client.get("/centreview/list/").text
    assert f"/centreview/show/{lyon.id}" in page and f"/centreview/show/{paris.id}" not in page


def test_switching_to_a_centre_one_does_not_belong_to_answers_404(db_session, login_as):
    lyon = _centre(db_session, "Lyon")
    client = login_as("paris.manager")
    response = client.post("/account/centre", data={"centre_id": lyon.id,
                                                    "csrf_token": client.csrf})
    assert response.status_code == 404


def test_admin_sees_both_centres_and_each_manager_only_theirs(login_as):
    assert all(name in login_as("admin").get("/centreview/list/").text
               for name in ("examen de Paris", "examen de Lyon"))
    lyon_page = login_as("lyon.manager").get("/centreview/list/").text
    assert "examen de Lyon" in lyon_page and "examen de Paris" not in lyon_page


def test_the_menu_shows_only_what_the_role_may_use(login_as):
    evaluator = login_as("paris.evaluator").get("/").text
    assert "/centreview/list/" not in evaluator and "/centre-settings/" not in evaluator
    staff = login_as("paris.staff").get("/").text
    assert "/centreview/list/" in staff and "/centre-settings/" not in staff
    assert "/auditlogview/list/" not in staff
    assert "/auditlogview/list/" in login_as("admin").get("/").text


def test_the_api_lists_only_the_centre_of_a_centre_user(db_session, app, api_token):
    client = app.test_client()
    headers = {"Authorization": f"Bearer {api_token('lyon.staff')}"}
    response = client.get("/api/v1/centre/", headers=headers)
    assert response.status_code == 200
    assert [row["city"] for row in response.json["result"]] == ["Lyon"]


def test_support_updates_a_product_through_the_api(db_session, app, api_token):
    product = _product(db_session, "TEFIRN")
    # The version read is required on every write of a versioned row (docs/api.md).
    headers = {"Authorization": f"Bearer {api_token('support')}",
               "If-Match": str(product.version)}
    response = app.test_client().put(f"/api/v1/product/{product.id}", headers=headers,
                                     json={"description": "Pour la carte de résident"})
    assert response.status_code == 200
    db_session.expire_all()
    assert _product(db_session, "TEFIRN").description == "Pour la carte de résident"


def test_a_centre_user_cannot_write_products_through_the_api(db_session, app, api_token):
    product = _product(db_session, "TEFIRN")
    headers = {"Authorization": f"Bearer {api_token('paris.manager')}"}
    response = app.test_client().put(f"/api/v1/product/{product.id}", headers=headers,
                                     json={"description": "x"})
    assert response.status_code == 403


def _paris_agreement(db_session):
    return db_session.scalar(select(Agreement).where(
        Agreement.centre_id == _centre(db_session, "Paris").id,
        Agreement.status == AgreementStatus.APPROVED))


def _agreement_form(agreement, **extra):
    return {"centre": agreement.centre_id, "kind": agreement.kind.name,
            "reference": agreement.reference, "status": agreement.status.name,
            "row_version": agreement.version, **extra}


def test_an_agreement_document_is_uploaded_then_downloaded_by_its_centre_only(
        db_session, login_as):
    import io

    agreement = _paris_agreement(db_session)
    pdf = b"%PDF-1.4 agreement signed"
    support = login_as("support")
    support.post(f"/agreementview/edit/{agreement.id}", data={
        **_agreement_form(agreement), "upload": (io.BytesIO(pdf), "agrement.pdf"),
        "csrf_token": support.csrf}, content_type="multipart/form-data")
    response = login_as("paris.staff").get(f"/agreementview/document/{agreement.id}")
    assert response.status_code == 200 and response.data == pdf
    assert login_as("lyon.manager").get(
        f"/agreementview/document/{agreement.id}").status_code == 404


def test_a_document_of_the_wrong_type_is_refused(db_session, login_as):
    import io

    agreement = _paris_agreement(db_session)
    support = login_as("support")
    page = support.post(f"/agreementview/edit/{agreement.id}", data={
        **_agreement_form(agreement), "upload": (io.BytesIO(b"MZ\x90\x00"), "virus.exe"),
        "csrf_token": support.csrf}, content_type="multipart/form-data", follow_redirects=True)
    db_session.expire_all()
    assert _paris_agreement(db_session).document is None
    assert "not accepted" in page.text or "pas accepté" in page.text


def test_an_api_write_with_a_stale_if_match_is_refused_with_412(db_session, app, api_token):
    product = _product(db_session, "TEFIRN")
    stale = product.version
    headers = {"Authorization": f"Bearer {api_token('support')}"}
    client = app.test_client()
    first = client.put(f"/api/v1/product/{product.id}", json={"description": "v2"},
                       headers={**headers, "If-Match": str(stale)})
    assert first.status_code == 200
    second = client.put(f"/api/v1/product/{product.id}", json={"description": "v3"},
                        headers={**headers, "If-Match": str(stale)})
    assert second.status_code == 412
    db_session.expire_all()
    assert _product(db_session, "TEFIRN").description == "v2"


def test_a_created_row_has_its_creation_in_its_history(db_session, login_as):
    client = login_as("paris.manager")
    client.post("/candidategroupview/add", data={
        "csrf_token": client.csrf, "name": "Groupe de M. O'Neill", "category": "CLASS"})
    group = db_session.scalar(select(CandidateGroup).where(
        CandidateGroup.name == "Groupe de M. O'Neill"))
    entry = db_session.scalar(select(AuditLog).where(
        AuditLog.table_name == "candidate_group", AuditLog.action == "insert",
        AuditLog.record_id == group.id))
    assert entry is not None and entry.changes["name"] == [None, "Groupe de M. O'Neill"]
    client.get("/lang/fr")
    page = client.get(f"/candidategroupview/show/{group.id}").text
    assert "Création" in page[page.index('id="record-history"'):]
