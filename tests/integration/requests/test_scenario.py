"""Acceptance: Paris asks extra time and a postponement, Support accepts, the effects show."""
import io
from datetime import date

import pdfplumber
import pytest
from sqlalchemy import select

from app.models.candidates import Candidate, Gender, RegistrationStatus
from app.models.requests import ExamRequest, RequestKind, RequestStatus
from app.services.candidates import registrations as reg_svc
from app.services.candidates.candidates import dedup_key
from app.services.clock import now
from tests.integration.requests.requests_clients import user
from tests.integration.sessions.sessions_helpers import session_by_number


def _candidate(db, centre_id, last):
    born = date(1992, 3, 4)
    row = Candidate(centre_id=centre_id, last_name=last, first_name="Zoé", birth_date=born,
                    gender=Gender.F, dedup_key=dedup_key(last, "Zoé", born))
    db.add(row)
    db.flush()
    return row


@pytest.fixture()
def two_registrations(db_session):
    session = session_by_number(db_session, "7000101")
    regs = [reg_svc.register_candidate(db_session, session,
                                       _candidate(db_session, session.centre_id, name), now())
            for name in ("TIERSTEMPS", "REPORTEE")]
    db_session.commit()
    return regs


def _file(client, registration, kind, **extra):
    return client.post("/examrequestview/file", data={
        "csrf_token": client.csrf, "reg": [registration.id], "kind": kind,
        "reason": "Justificatif joint", **extra})


def _request_of(db, registration, kind):
    return db.scalar(select(ExamRequest).where(ExamRequest.registration_id == registration.id,
                                               ExamRequest.kind == kind))


@pytest.fixture()
def decided(login_as, db_session, two_registrations):
    extra, postponed = two_registrations
    manager = user(login_as, "paris.manager")
    assert _file(manager, extra, "accommodation", extra_time_percent="33").status_code == 302
    assert _file(manager, postponed, "postponement").status_code == 302
    support = user(login_as, "support")
    for registration, kind in ((extra, RequestKind.ACCOMMODATION),
                               (postponed, RequestKind.POSTPONEMENT)):
        item = _request_of(db_session, registration, kind)
        assert item.status == RequestStatus.PENDING
        response = support.post(f"/examrequestview/decide/{item.id}",
                                data={"csrf_token": support.csrf, "decision": "accept"})
        assert response.status_code == 302
    return extra, postponed, support


def test_support_accepts_and_the_centre_dashboard_tells_it(login_as, db_session, decided):
    extra, postponed, _support = decided
    manager = user(login_as, "paris.manager")
    manager.get("/lang/en")
    html = manager.get("/").get_data(as_text=True)
    assert (f"Your postponement request concerning the session {postponed.session} and the "
            f"candidate Zoé REPORTEE has been accepted.") in html
    assert "Your accommodation request concerning the session" in html


def test_accepted_postponement_reregisters_with_links_both_ways(login_as, db_session, decided):
    _extra, postponed, support = decided
    later = session_by_number(db_session, "7000106")
    item = _request_of(db_session, postponed, RequestKind.POSTPONEMENT)
    page = support.get(f"/examrequestview/show/{item.id}").get_data(as_text=True)
    assert later.number in page  # offered among the later open sessions of TEF Canada
    # Decided: the page offers neither to take it in charge nor to decide it again.
    assert "Prendre en charge" not in page and 'id="accept-request"' not in page
    response = support.post(f"/examrequestview/reregister/{item.id}",
                            data={"csrf_token": support.csrf, "target": later.id})
    assert response.status_code == 302
    db_session.refresh(item)
    db_session.refresh(postponed)
    new = item.new_registration
    assert new.session_id == later.id and new.candidate_id == postponed.candidate_id
    assert postponed.status == RegistrationStatus.WITHDRAWN
    assert new.postponed_from.registration_id == postponed.id
    shown = support.get(f"/registrationview/show/{new.id}").get_data(as_text=True)
    assert item.number in shown


def test_extra_time_on_the_attendance_sheet_and_the_evaluator_list(app, login_as, db_session,
                                                                  decided):
    from app.documents.sessions import render_document

    extra, _postponed, _support = decided
    session = session_by_number(db_session, "7000101")
    for language in ("fr", "en"):
        with app.test_request_context(f"/?_l_={language}"):
            data = render_document(db_session, session, "attendance_sheet", now())
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        line = next(row for row in text.splitlines() if extra.number in row)
        assert "1/3T" in line
    evaluator = user(login_as, "paris.evaluator")
    listing = evaluator.get("/registrationview/list/?psize_RegistrationView=100")
    assert "1/3T" in listing.get_data(as_text=True)


def test_lyon_sees_nothing_of_the_paris_requests(login_as, db_session, decided):
    extra, _postponed, _support = decided
    item = _request_of(db_session, extra, RequestKind.ACCOMMODATION)
    lyon = user(login_as, "lyon.manager")
    assert lyon.get(f"/examrequestview/show/{item.id}").status_code == 404
    assert item.number not in lyon.get("/examrequestview/list/").get_data(as_text=True)
    lyon.get("/lang/en")
    assert "REPORTEE" not in lyon.get("/").get_data(as_text=True)


def test_accommodation_after_registrations_close_is_refused_with_the_rule(login_as,
                                                                          db_session):
    closed = session_by_number(db_session, "7000102")
    registration = closed_registration = next(
        r for r in reg_svc_registrations(db_session, closed))
    manager = user(login_as, "paris.manager")
    manager.get("/lang/en")
    response = _file(manager, closed_registration, "accommodation", extra_time_percent="33")
    assert response.status_code == 200
    assert "only while registrations are open" in response.get_data(as_text=True)
    assert _request_of(db_session, registration, RequestKind.ACCOMMODATION) is None


def reg_svc_registrations(db, session):
    from app.models.candidates import Registration

    return db.scalars(select(Registration).where(Registration.session_id == session.id))
