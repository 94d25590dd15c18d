"""The session screen and the session API write through the same use-cases: the same rules,
the body's sessions changed by the body only, the version required, refused forms kept."""
from datetime import date, timedelta

from sqlalchemy import select

from app.models.centres import Centre
from app.models.reference import Product
from app.models.sessions import ExamSession
from app.models.sessions import SessionStatus as S
from app.services.sessions.resources import SESSIONS
from tests.integration.sessions.sessions_helpers import session_by_number

BODY_SESSION = "7000301"


def _bearer(api_token, username):
    return {"Authorization": f"Bearer {api_token(username)}"}


def _product(db, code="TEFCAN"):
    return db.scalar(select(Product).where(Product.code == code))


def test_the_session_screen_and_api_share_one_resource(app):
    views = {type(v).__name__: v for v in app.appbuilder.baseviews}
    assert views["ExamSessionView"].resource is SESSIONS
    assert views["ExamSessionApi"].resource is SESSIONS


def test_api_creates_a_session_with_the_screen_rules(app, db_session, api_token):
    lyon = db_session.scalar(select(Centre).where(Centre.code == "LYO-0690001"))
    start = date.today() + timedelta(days=50)
    response = app.test_client().post("/api/v1/session/", headers=_bearer(api_token,
                                                                          "paris.manager"), json={
        "product": _product(db_session).id, "centre": lyon.id, "title": "Par l'API",
        "start_date": start.isoformat(), "end_date": start.isoformat(), "capacity": 12})
    assert response.status_code == 201, response.text
    created = db_session.get(ExamSession, response.json["id"])
    # The server decides the centre (the viewer's), the number, the deadlines and the prices.
    assert created.centre.code == "PAR-0750001"
    assert len(created.number) == 7 and created.status == S.DRAFT
    assert created.registration_deadline is not None and len(created.prices) == 4


def test_api_refuses_a_session_ending_before_it_starts_with_field_errors(app, db_session,
                                                                        api_token):
    start = date.today() + timedelta(days=50)
    before = db_session.scalar(select(ExamSession.id).order_by(ExamSession.id.desc()))
    response = app.test_client().post("/api/v1/session/", headers=_bearer(api_token,
                                                                          "paris.manager"), json={
        "product": _product(db_session).id, "title": "Trop tôt",
        "start_date": start.isoformat(), "end_date": (start - timedelta(days=1)).isoformat(),
        "capacity": 0})
    assert response.status_code == 422
    assert set(response.json["errors"]) == {"end_date", "capacity"}
    assert db_session.scalar(select(ExamSession.id).order_by(ExamSession.id.desc())) == before


def test_centre_cannot_take_over_a_body_session_on_the_edit_screen(login_as, db_session):
    body = session_by_number(db_session, BODY_SESSION)
    client = login_as("paris.manager")
    response = client.post(f"/examsessionview/edit/{body.id}", data={
        "csrf_token": client.csrf, "row_version": body.version, "title": "Prise",
        "start_date": body.start_date.isoformat(), "end_date": body.end_date.isoformat(),
        "capacity": body.capacity})
    assert response.status_code in (403, 422)
    db_session.expire_all()
    body = session_by_number(db_session, BODY_SESSION)
    assert body.centre_id is None and body.title != "Prise"


def test_the_centre_list_offers_edit_and_delete_on_its_own_sessions_only(login_as, db_session):
    """A body session is read by every centre and changed by the body only: the list does not
    offer its centre users the Edit and Delete buttons the server would refuse."""
    body = session_by_number(db_session, BODY_SESSION)
    own = session_by_number(db_session, "7000105")
    page = login_as("paris.manager").get(
        "/examsessionview/list/?psize_ExamSessionView=100").text
    assert f"/examsessionview/show/{body.id}" in page and f"/examsessionview/show/{own.id}" in page
    assert f"/examsessionview/edit/{own.id}" in page and f"/examsessionview/delete/{own.id}" in page
    assert f"/examsessionview/edit/{body.id}" not in page
    assert f"/examsessionview/delete/{body.id}" not in page
    staff = login_as("admin").get("/examsessionview/list/?psize_ExamSessionView=100").text
    assert f"/examsessionview/edit/{body.id}" in staff


def test_centre_cannot_change_or_cancel_a_body_session_through_the_api(app, db_session,
                                                                       api_token):
    body = session_by_number(db_session, BODY_SESSION)
    headers = {**_bearer(api_token, "paris.manager"), "If-Match": str(body.version)}
    client = app.test_client()
    response = client.put(f"/api/v1/session/{body.id}", headers=headers,
                          json={"title": "Prise"})
    assert response.status_code == 403
    assert "body" in response.json["message"] or "organisme" in response.json["message"]
    assert client.delete(f"/api/v1/session/{body.id}", headers=headers).status_code == 403
    db_session.expire_all()
    body = session_by_number(db_session, BODY_SESSION)
    assert body.centre_id is None and body.title != "Prise"


def test_centre_cannot_cancel_a_body_session_from_its_page(login_as, db_session):
    body = session_by_number(db_session, BODY_SESSION)
    status = body.status
    client = login_as("paris.manager")
    client.post(f"/examsessionview/transition/{body.id}/cancel",
                data={"csrf_token": client.csrf})
    db_session.expire_all()
    assert session_by_number(db_session, BODY_SESSION).status == status


def test_api_put_without_if_match_is_refused_with_428(app, db_session, api_token):
    own = session_by_number(db_session, "7000105")
    response = app.test_client().put(f"/api/v1/session/{own.id}",
                                     headers=_bearer(api_token, "paris.manager"),
                                     json={"title": "Sans version"})
    assert response.status_code == 428
    db_session.expire_all()
    assert session_by_number(db_session, "7000105").title != "Sans version"


def test_api_put_with_a_stale_version_is_a_conflict(app, db_session, api_token):
    own = session_by_number(db_session, "7000105")
    headers = {**_bearer(api_token, "paris.manager"), "If-Match": f'"{own.version - 1}"'}
    response = app.test_client().put(f"/api/v1/session/{own.id}", headers=headers,
                                     json={"title": "Périmée"})
    assert response.status_code == 412


def test_api_put_with_the_current_version_saves(app, db_session, api_token):
    own = session_by_number(db_session, "7000105")
    headers = {**_bearer(api_token, "paris.manager"), "If-Match": f'"{own.version}"'}
    response = app.test_client().put(f"/api/v1/session/{own.id}", headers=headers,
                                     json={"title": "Avec version"})
    assert response.status_code == 200, response.text
    db_session.expire_all()
    assert session_by_number(db_session, "7000105").title == "Avec version"


def test_api_delete_without_if_match_is_refused_with_428(app, db_session, api_token):
    draft = session_by_number(db_session, "7000105")
    response = app.test_client().delete(f"/api/v1/session/{draft.id}",
                                        headers=_bearer(api_token, "admin"))
    assert response.status_code == 428
    assert session_by_number(db_session, "7000105") is not None


def test_edit_form_without_its_version_is_refused(login_as, db_session):
    own = session_by_number(db_session, "7000105")
    client = login_as("paris.manager")
    response = client.post(f"/examsessionview/edit/{own.id}", data={
        "csrf_token": client.csrf, "title": "Sans version",
        "start_date": own.start_date.isoformat(), "end_date": own.end_date.isoformat(),
        "capacity": own.capacity})
    assert response.status_code == 422
    db_session.expire_all()
    assert session_by_number(db_session, "7000105").title != "Sans version"


def test_refused_session_form_keeps_every_value_and_shows_every_error(login_as, db_session):
    client = login_as("paris.manager")
    client.get("/lang/en")
    start = date.today() + timedelta(days=60)
    response = client.post("/examsessionview/add", data={
        "csrf_token": client.csrf, "product": _product(db_session).id,
        "title": "Session d'O'Neill", "start_date": start.isoformat(),
        "end_date": (start - timedelta(days=2)).isoformat(), "capacity": "0"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Session d&#39;O&#39;Neill" in html or "Session d'O'Neill" in html
    assert "must not be before the start date." in html and "must be at least 1." in html
    assert db_session.scalar(select(ExamSession).where(
        ExamSession.title == "Session d'O'Neill")) is None
