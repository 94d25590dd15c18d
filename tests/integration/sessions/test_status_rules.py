"""Rules by status, on every path (issue 14 item 2): registrations, imports, accommodation and
exemption requests only while "Inscriptions ouvertes"; a session's capacity never below its
registered candidates, its end never before its start, its deadlines recomputed on change; the
screen and the API refuse the same things with the same French message."""
import io
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.models.candidates import Registration
from app.models.centres import Centre
from app.models.reference import Product
from app.models.requests import ExamRequest
from app.models.sessions import ExamSession
from app.models.sessions import SessionStatus as S
from app.services.sessions import deadlines
from tests.factories import CandidateFactory, ExamSessionFactory, RegistrationFactory
from tests.integration.candidates.xlsx_factory import person_row, workbook_bytes

START = date.today() + timedelta(days=40)


@pytest.fixture()
def paris(db_session):
    return db_session.scalar(select(Centre).where(Centre.code == "PAR-0750001"))


@pytest.fixture()
def manager(login_as):
    return login_as("paris.manager")  # French: the application's default language


@pytest.fixture()
def planned(db_session, paris):
    """A planned session of Paris with two candidates registered while it was open."""
    item = ExamSessionFactory(centre=paris, start_date=START, capacity=10)
    RegistrationFactory.create_batch(2, session=item)
    item.status = S.PLANNED
    db_session.commit()
    return item


def _count(db, model, **where):
    query = select(func.count(model.id))
    for name, value in where.items():
        query = query.where(getattr(model, name) == value)
    return db.scalar(query)


def _bearer(api_token, username="paris.manager"):
    return {"Authorization": f"Bearer {api_token(username)}"}


def test_registering_on_a_planned_session_is_refused_on_the_screen(manager, db_session,
                                                                   planned):
    person = CandidateFactory(centre=planned.centre)
    db_session.commit()
    response = manager.post("/registrationview/add", data={
        "csrf_token": manager.csrf, "session": planned.id, "candidate": person.id})
    assert f"Les inscriptions ne sont pas ouvertes pour la session {planned.number}" in \
        response.get_data(as_text=True)
    assert _count(db_session, Registration, session_id=planned.id) == 2


def test_importing_into_a_planned_session_is_refused(manager, db_session, planned):
    response = manager.post(f"/examsessionview/import/{planned.id}/candidates", data={
        "csrf_token": manager.csrf,
        "file": (io.BytesIO(workbook_bytes([person_row(1)])), "c.xlsx")},
        content_type="multipart/form-data")
    assert response.status_code == 422
    assert "ne sont pas ouvertes" in response.get_data(as_text=True)
    assert _count(db_session, Registration, session_id=planned.id) == 2


@pytest.mark.parametrize("kind, extra", [("accommodation", {"extra_time_percent": "33"}),
                                         ("exemption", {})])
def test_accommodation_and_exemption_need_open_registrations(manager, db_session, planned,
                                                             kind, extra):
    registration = db_session.scalars(select(Registration).where(
        Registration.session_id == planned.id)).first()
    if kind == "exemption":
        extra = {"component": registration.components[0].component_id}
    response = manager.post("/examrequestview/file", data={
        "csrf_token": manager.csrf, "reg": [registration.id], "kind": kind,
        "reason": "Justificatif joint", **extra})
    assert "doivent obligatoirement être effectuées en" in response.get_data(as_text=True)
    assert _count(db_session, ExamRequest, registration_id=registration.id) == 0


def test_the_same_requests_are_accepted_while_registrations_are_open(manager, db_session,
                                                                     planned):
    planned.status = S.REGISTRATIONS_OPEN
    db_session.commit()
    registration = db_session.scalars(select(Registration).where(
        Registration.session_id == planned.id)).first()
    response = manager.post("/examrequestview/file", data={
        "csrf_token": manager.csrf, "reg": [registration.id], "kind": "accommodation",
        "reason": "Justificatif joint", "extra_time_percent": "33"})
    assert response.status_code == 302
    assert _count(db_session, ExamRequest, registration_id=registration.id) == 1


def test_capacity_below_the_registered_count_is_refused_on_the_screen(manager, db_session,
                                                                      planned):
    response = manager.post(f"/examsessionview/edit/{planned.id}", data={
        "csrf_token": manager.csrf, "row_version": planned.version, "title": "Réduite",
        "start_date": START.strftime("%d/%m/%Y"), "end_date": START.strftime("%d/%m/%Y"),
        "capacity": "1"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "ne peut pas être inférieure aux 2 candidats déjà inscrits." in html
    db_session.expire_all()
    assert db_session.get(ExamSession, planned.id).capacity == 10


def _put(app, api_token, item, body):
    client = app.test_client()
    headers = _bearer(api_token)
    version = client.get(f"/api/v1/session/{item.id}", headers=headers).json["result"]["version"]
    return client.put(f"/api/v1/session/{item.id}", headers={**headers, "If-Match": str(version)},
                      json=body)


def test_capacity_below_the_registered_count_is_refused_by_the_api(app, db_session, api_token,
                                                                   planned):
    response = _put(app, api_token, planned, {"capacity": 1})
    assert response.status_code == 422
    assert "2" in response.json["errors"]["capacity"][0]
    assert "déjà inscrits" in response.json["errors"]["capacity"][0]
    db_session.expire_all()
    assert db_session.get(ExamSession, planned.id).capacity == 10


def test_the_api_refuses_an_end_before_the_start_and_no_place(app, db_session, api_token,
                                                             planned):
    response = _put(app, api_token, planned, {
        "end_date": (START - timedelta(days=1)).isoformat(), "capacity": 0})
    assert response.status_code == 422
    assert set(response.json["errors"]) == {"end_date", "capacity"}


def test_the_api_recomputes_both_deadlines_when_the_date_moves(app, db_session, api_token,
                                                               planned):
    later = START + timedelta(days=7)
    response = _put(app, api_token, planned, {"start_date": later.isoformat(),
                                              "end_date": later.isoformat()})
    assert response.status_code == 200, response.text
    db_session.expire_all()
    moved = db_session.get(ExamSession, planned.id)
    assert moved.registration_deadline == deadlines.candidate_deadline(later)
    assert moved.centre_deadline == deadlines.centre_deadline(later)


def test_a_centre_deadline_set_by_hand_stays_when_the_date_moves(app, db_session, api_token,
                                                                 planned):
    chosen = datetime(2020, 1, 1, 12, 0)
    planned.centre_deadline = chosen
    db_session.commit()
    later = START + timedelta(days=7)
    assert _put(app, api_token, planned, {"start_date": later.isoformat(),
                                          "end_date": later.isoformat()}).status_code == 200
    db_session.expire_all()
    assert db_session.get(ExamSession, planned.id).centre_deadline == chosen


@pytest.mark.parametrize("username", ["paris.manager", "admin", "support"])
def test_the_documented_api_example_creates_a_session(app, db_session, api_token, username):
    product = db_session.scalar(select(Product).where(Product.code == "TEFCAN"))
    response = app.test_client().post("/api/v1/session/", headers=_bearer(api_token, username),
                                      json={"product": product.id, "title": "Session de juin",
                                            "start_date": "2027-06-15", "end_date": "2027-06-15",
                                            "capacity": 20, "online_visible": True})
    assert response.status_code == 201, response.text
    created = db_session.get(ExamSession, response.json["id"])
    assert created.registration_deadline == datetime(2027, 6, 12, 22, 0)
