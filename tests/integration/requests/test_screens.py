"""Request, purchase order and correction screens and the `request` REST resource."""
import io

import pdfplumber
from sqlalchemy import select

from app.models.requests import ExamRequest, PurchaseOrder, PurchaseOrderStatus, RequestKind
from app.models.sessions import SessionStatus as S
from tests.integration.requests.requests_clients import user
from tests.integration.sessions.sessions_helpers import registrations_of, session_by_number


def _demo_request(db, number):
    return db.scalar(select(ExamRequest).join(ExamRequest.registration)
                     .where(ExamRequest.registration.has(number=number)))


def test_queue_per_type_lists_only_that_type(login_as, db_session):
    support = user(login_as, "support")
    html = support.get("/examrequestview/list/?_flt_0_kind=fraud").get_data(as_text=True)
    frauds = db_session.scalars(select(ExamRequest).where(
        ExamRequest.kind == RequestKind.FRAUD)).all()
    others = db_session.scalars(select(ExamRequest).where(
        ExamRequest.kind != RequestKind.FRAUD)).all()
    assert frauds and all(r.number in html for r in frauds)
    assert not any(r.number in html for r in others)


def test_registrations_list_shows_the_seed_codes(login_as, db_session):
    manager = user(login_as, "paris.manager")
    html = manager.get("/registrationview/list/?psize_RegistrationView=100").get_data(
        as_text=True)
    assert 'label-success examdesk-request-code' in html and "1/3T" in html
    assert "D-EO" in html and "Rep" in html


def test_a_document_of_the_wrong_type_is_refused(login_as, db_session):
    item = _demo_request(db_session, "R700010103")
    manager = user(login_as, "paris.manager")
    manager.get("/lang/en")
    response = manager.post(f"/examrequestview/attach/{item.id}", data={
        "csrf_token": manager.csrf, "document": (io.BytesIO(b"MZ not a pdf"), "proof.pdf")},
        content_type="multipart/form-data", follow_redirects=True)
    assert "does not match its extension" in response.get_data(as_text=True)
    db_session.refresh(item)
    assert item.documents == []
    response = manager.post(f"/examrequestview/attach/{item.id}", data={
        "csrf_token": manager.csrf, "document": (io.BytesIO(b"%PDF-1.4 proof"), "proof.pdf")},
        content_type="multipart/form-data")
    db_session.refresh(item)
    assert [d.filename for d in item.documents] == ["proof.pdf"]
    download = manager.get(f"/examrequestview/file_document/{item.id}/{item.documents[0].id}")
    assert download.data == b"%PDF-1.4 proof"
    lyon = user(login_as, "lyon.manager")
    assert lyon.get(f"/examrequestview/file_document/{item.id}/"
                    f"{item.documents[0].id}").status_code == 404


def test_centre_cannot_decide_its_own_request(login_as, db_session):
    item = _demo_request(db_session, "R700010103")
    manager = user(login_as, "paris.manager")
    response = manager.post(f"/examrequestview/decide/{item.id}",
                            data={"csrf_token": manager.csrf, "decision": "accept"})
    assert response.status_code in (302, 403)
    db_session.refresh(item)
    assert item.status.value == "pending"


def test_manager_signs_the_purchase_order_and_it_freezes(login_as, db_session):
    session = session_by_number(db_session, "7000101")
    staff = user(login_as, "paris.staff")
    response = staff.get(f"/purchaseorderview/for_session/{session.id}")
    order = db_session.scalar(select(PurchaseOrder).where(PurchaseOrder.session_id == session.id))
    assert response.headers["Location"].endswith(f"/purchaseorderview/show/{order.id}")
    assert staff.post(f"/purchaseorderview/sign/{order.id}", data={
        "csrf_token": staff.csrf, "signer_name": "Hugo", "accept": "y"}).status_code == 403
    manager = user(login_as, "paris.manager")
    manager.post(f"/purchaseorderview/sign/{order.id}", data={
        "csrf_token": manager.csrf, "signer_name": "Claire Martin", "accept": "y"})
    db_session.refresh(order)
    assert order.status == PurchaseOrderStatus.SIGNED and order.document
    pdf = manager.get(f"/purchaseorderview/pdf/{order.id}")
    assert f'filename={session.number}_bon_commande.pdf' in pdf.headers["Content-Disposition"]
    with pdfplumber.open(io.BytesIO(pdf.data)) as doc:
        text = "\n".join(page.extract_text() or "" for page in doc.pages)
    assert "Claire Martin" in text and registrations_of(db_session, "7000101")[0].number in text
    lyon = user(login_as, "lyon.manager")
    assert lyon.get(f"/purchaseorderview/pdf/{order.id}").status_code == 404
    assert lyon.get(f"/purchaseorderview/for_session/{session.id}").status_code == 404


def test_a_signature_without_the_acceptance_is_refused_with_the_name_kept(login_as,
                                                                          db_session):
    session = session_by_number(db_session, "7000101")
    manager = user(login_as, "paris.manager")
    manager.get(f"/purchaseorderview/for_session/{session.id}")
    order = db_session.scalar(select(PurchaseOrder).where(PurchaseOrder.session_id == session.id))
    response = manager.post(f"/purchaseorderview/sign/{order.id}", data={
        "csrf_token": manager.csrf, "signer_name": "Claire O'Neill-Martin"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Indiquez votre nom et cochez l&#39;acceptation du devis pour signer." in html
    assert 'value="Claire O&#39;Neill-Martin"' in html
    db_session.refresh(order)
    assert order.status != PurchaseOrderStatus.SIGNED and not order.document


def test_correction_form_with_an_anomaly_waits_for_support(login_as, db_session):
    session = session_by_number(db_session, "7000102")
    session.start_date = session.start_date.replace(year=session.start_date.year - 1)
    session.end_date = session.start_date
    db_session.commit()
    manager = user(login_as, "paris.manager")
    response = manager.post(f"/examrequestview/correction/{session.id}", data={
        "csrf_token": manager.csrf, "description_0": "Candidat virtuel utilisé",
        "virtual_0": "y", "justification_0": "Test du matériel"})
    assert response.status_code == 302
    db_session.refresh(session)
    assert session.status == S.AWAITING_CORRECTION
    anomaly = db_session.scalar(select(ExamRequest).where(
        ExamRequest.session_id == session.id, ExamRequest.kind == RequestKind.ANOMALY))
    support = user(login_as, "support")
    support.post(f"/examsessionview/transition/{session.id}/start_correction",
                 data={"csrf_token": support.csrf})
    db_session.refresh(session)
    assert session.status == S.AWAITING_CORRECTION
    support.post(f"/examrequestview/decide/{anomaly.id}",
                 data={"csrf_token": support.csrf, "decision": "accept"})
    db_session.refresh(session)
    assert session.status == S.IN_CORRECTION


def test_request_api_keeps_tenancy(app, db_session, api_token):
    client = app.test_client()
    paris = {"Authorization": f"Bearer {api_token('paris.manager')}"}
    listed = client.get("/api/v1/request/?q=(page_size:100)", headers=paris).json
    numbers = {r["number"] for r in listed["result"]}
    lyon_item = _demo_request(db_session, "R700020101")
    paris_item = _demo_request(db_session, "R700010101")
    assert paris_item.number in numbers and lyon_item.number not in numbers
    assert client.get(f"/api/v1/request/{lyon_item.id}", headers=paris).status_code == 404
    shown = client.get(f"/api/v1/request/{paris_item.id}", headers=paris).json["result"]
    assert shown["kind"] == "accommodation" and shown["extra_time_percent"] == 33


def test_request_pages_render_for_the_centre_and_support(login_as, db_session):
    item = _demo_request(db_session, "R700010104")
    session = session_by_number(db_session, "7000102")
    regs = registrations_of(db_session, "7000101")[:2]
    pages = ["/examrequestview/list/", f"/examrequestview/show/{item.id}",
             f"/examrequestview/file?reg={regs[0].id}&reg={regs[1].id}",
             f"/examrequestview/correction/{session.id}", "/purchaseorderview/list/",
             "/trainingslotview/list/", "/trainingbookingview/list/",
             "/trainingslotrequestview/list/", "/"]
    for username, extra in (("paris.manager", ["/trainingslotrequestview/add"]),
                            ("support", [])):
        client = user(login_as, username)
        for language in ("fr", "en"):
            client.get(f"/lang/{language}")
            for page in pages + extra:
                response = client.get(page)
                assert response.status_code == 200, f"{username} {page}"
                assert "Traceback" not in response.get_data(as_text=True)


def test_multi_selection_opens_the_filing_form_for_every_chosen_registration(login_as,
                                                                            db_session):
    regs = registrations_of(db_session, "7000101")[:2]
    manager = user(login_as, "paris.manager")
    response = manager.post("/registrationview/action_post", data={
        "csrf_token": manager.csrf, "action": "file_request", "rowid": [r.id for r in regs]})
    assert response.status_code == 302
    form = manager.get(response.headers["Location"]).get_data(as_text=True)
    assert all(r.number in form for r in regs)
    lyon = user(login_as, "lyon.manager")
    assert lyon.get(response.headers["Location"]).status_code == 404


def test_support_sets_the_postponement_policy_and_centres_only_read_it(login_as, db_session):
    from app.models.reference import Product
    from app.models.requests import PostponementPolicy

    product = db_session.scalar(select(Product).where(Product.code == "DFPAFB1"))
    manager = user(login_as, "paris.manager")
    assert manager.post("/postponementpolicyview/add", data={
        "csrf_token": manager.csrf, "product": product.id, "max_postponements": "3",
        "min_days_before": "1"}).status_code == 403
    support = user(login_as, "support")
    support.post("/postponementpolicyview/add", data={
        "csrf_token": support.csrf, "product": product.id, "max_postponements": "-1",
        "min_days_before": "1"})
    assert db_session.scalar(select(PostponementPolicy).where(
        PostponementPolicy.product_id == product.id)) is None
    support.post("/postponementpolicyview/add", data={
        "csrf_token": support.csrf, "product": product.id, "max_postponements": "2",
        "min_days_before": "5", "centre_may_reregister": "y"})
    policy = db_session.scalar(select(PostponementPolicy).where(
        PostponementPolicy.product_id == product.id))
    assert (policy.max_postponements, policy.min_days_before,
            policy.centre_may_reregister) == (2, 5, True)
