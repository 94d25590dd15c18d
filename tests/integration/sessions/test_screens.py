"""Session, candidate and registration screens as a centre manager uses them (FR and EN)."""
from datetime import date, timedelta

from sqlalchemy import select

from app.models.candidates import Candidate, RegistrationStatus
from app.models.reference import Product
from app.models.sessions import ExamSession
from app.models.sessions import SessionStatus as S
from tests.integration.sessions.sessions_helpers import (
    candidate_named,
    registrations_of,
    session_by_number,
)


def test_manager_creates_a_session_with_prices_from_the_price_list(login_as, db_session):
    client = login_as("paris.manager")
    product = db_session.scalar(select(Product).where(Product.code == "TEFCAN"))
    start = date.today() + timedelta(days=40)
    response = client.post("/examsessionview/add", data={
        "csrf_token": client.csrf, "product": product.id, "title": "Session de juin",
        "start_date": start.isoformat(), "end_date": start.isoformat(), "capacity": "15",
    })
    assert response.status_code == 302
    created = db_session.scalar(select(ExamSession).where(ExamSession.title == "Session de juin"))
    assert created.centre.code == "PAR-0750001"
    assert created.status == S.DRAFT and len(created.number) == 7
    assert len(created.prices) == 4


def test_show_page_offers_only_allowed_transitions(login_as, db_session):
    client = login_as("paris.manager")
    draft = session_by_number(db_session, "7000105")
    html = client.get(f"/examsessionview/show/{draft.id}").get_data(as_text=True)
    assert 'data-transition="plan"' in html and 'data-transition="cancel"' in html
    assert 'data-transition="close_registrations"' not in html


def test_transition_button_moves_the_status(login_as, db_session):
    client = login_as("paris.manager")
    draft = session_by_number(db_session, "7000105")
    response = client.post(f"/examsessionview/transition/{draft.id}/plan",
                           data={"csrf_token": client.csrf})
    assert response.status_code == 302
    db_session.refresh(draft)
    assert draft.status == S.PLANNED


def test_refused_transition_says_why(login_as, db_session):
    client = login_as("paris.manager")
    client.get("/lang/en")
    draft = session_by_number(db_session, "7000105")
    client.post(f"/examsessionview/transition/{draft.id}/close_registrations",
                data={"csrf_token": client.csrf})
    html = client.get(f"/examsessionview/show/{draft.id}").get_data(as_text=True)
    assert "This action is not possible in the status" in html
    db_session.refresh(draft)
    assert draft.status == S.DRAFT


def test_centre_registers_to_a_body_session(login_as, db_session):
    client = login_as("lyon.manager")
    body = session_by_number(db_session, "7000301")
    response = client.post(f"/examsessionview/join/{body.id}", data={"csrf_token": client.csrf})
    assert response.status_code == 302
    child = db_session.scalar(select(ExamSession).where(ExamSession.parent_id == body.id))
    assert child.centre.code == "LYO-0690001"


def test_a_registered_centre_reads_its_session_instead_of_the_button(login_as, db_session):
    body = session_by_number(db_session, "7000301")
    lyon = login_as("lyon.manager")
    before = lyon.get(f"/examsessionview/show/{body.id}").get_data(as_text=True)
    assert 'id="join-session"' in before and "Non inscrit" in before
    lyon.post(f"/examsessionview/join/{body.id}", data={"csrf_token": lyon.csrf})
    child = db_session.scalar(select(ExamSession).where(ExamSession.parent_id == body.id))
    after = lyon.get(f"/examsessionview/show/{body.id}").get_data(as_text=True)
    assert 'id="join-session"' not in after
    assert f"La session de votre centre : {child.number}" in after
    assert f"/examsessionview/show/{child.id}" in after
    paris = login_as("paris.manager").get(f"/examsessionview/show/{body.id}")
    assert 'id="join-session"' in paris.get_data(as_text=True)  # Lyon's registration only


def test_manager_creates_a_candidate_and_emails_the_login(login_as, db_session):
    from app.models.mail import OutboxEmail

    client = login_as("paris.manager")
    response = client.post("/candidateview/add", data={
        "csrf_token": client.csrf, "last_name": "LEROY", "first_name": "Jeanne",
        "birth_date": "1992-03-04", "gender": "F", "password": "Secret-123",
        "send_login": "y", "email": "jeanne.leroy@example.org", "nationality": "FR",
        # a candidate given a login has the "(obligatoire)" steps complete (issue 14 item 7)
        "civility": "madame", "birth_postcode": "69001", "birth_city": "Lyon",
        "birth_country": "FR",
    })
    assert response.status_code == 302
    created = db_session.scalar(select(Candidate).where(Candidate.last_name == "LEROY"))
    assert created.login == "jeanne.leroy@example.org" and created.password_hash
    mail = db_session.scalar(select(OutboxEmail).where(
        OutboxEmail.recipient == "jeanne.leroy@example.org"))
    assert "jeanne.leroy@example.org" in mail.body


def test_candidate_without_password_is_refused(login_as, db_session):
    client = login_as("paris.manager")
    client.post("/candidateview/add", data={
        "csrf_token": client.csrf, "last_name": "SANSMOTDEPASSE", "first_name": "Jo",
        "birth_date": "1992-03-04", "gender": "F"})
    assert db_session.scalar(select(Candidate).where(
        Candidate.last_name == "SANSMOTDEPASSE")) is None


def test_manager_registers_a_candidate_by_hand_with_components(login_as, db_session):
    client = login_as("paris.manager")
    session = session_by_number(db_session, "7000101")
    person = candidate_named(db_session, session.centre_id, "SILVA")
    # SILVA is registered already in the demo; a new candidate is needed
    new = Candidate(centre_id=session.centre_id, last_name="NEUF", first_name="Ana",
                    birth_date=date(1991, 1, 1), gender="F", dedup_key="NEUF|ANA|1991-01-01")
    db_session.add(new)
    db_session.commit()
    response = client.post("/registrationview/add", data={
        "csrf_token": client.csrf, "session": session.id, "candidate": new.id,
        "components_choice": "CE, EO"})
    assert response.status_code == 302
    regs = [r for r in registrations_of(db_session, "7000101") if r.candidate_id == new.id]
    assert regs and regs[0].component_codes == "CE, EO"
    assert person is not None


def test_withdrawal_on_a_multi_selection(login_as, db_session):
    client = login_as("paris.manager")
    regs = registrations_of(db_session, "7000101")[:2]
    response = client.post("/registrationview/action_post", data={
        "csrf_token": client.csrf, "action": "withdraw", "rowid": [r.id for r in regs]})
    assert response.status_code == 302
    for r in regs:
        db_session.refresh(r)
        assert r.status == RegistrationStatus.WITHDRAWN


def test_withdrawal_refused_once_registrations_are_closed(login_as, db_session):
    client = login_as("paris.manager")
    r = registrations_of(db_session, "7000102")[0]
    client.post("/registrationview/action_post", data={
        "csrf_token": client.csrf, "action": "withdraw", "rowid": [r.id]})
    db_session.refresh(r)
    assert r.status == RegistrationStatus.REGISTERED


def test_absence_per_component_once_closed(login_as, db_session):
    client = login_as("paris.manager")
    r = registrations_of(db_session, "7000102")[0]
    response = client.post(f"/registrationview/absence/{r.id}", data={
        "csrf_token": client.csrf, "absent": ["CO"]})
    assert response.status_code == 302
    db_session.refresh(r)
    assert r.absences == "CO"


def test_refused_absences_are_shown_again_as_ticked(login_as, db_session):
    client = login_as("paris.manager")
    r = registrations_of(db_session, "7000101")[0]  # registrations still open: refused
    response = client.post(f"/registrationview/absence/{r.id}", data={
        "csrf_token": client.csrf, "absent": ["CO", "EE"]})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'value="CO" checked' in html and 'value="EE" checked' in html
    assert 'value="CE" checked' not in html
    db_session.refresh(r)
    assert not any(rc.absent for rc in r.components)


def test_absence_on_a_multi_selection(login_as, db_session):
    client = login_as("paris.manager")
    regs = registrations_of(db_session, "7000102")[:2]
    client.post("/registrationview/action_post", data={
        "csrf_token": client.csrf, "action": "mark_absent", "rowid": [r.id for r in regs]})
    for r in regs:
        db_session.refresh(r)
        assert all(rc.absent for rc in r.components)


def test_lyon_gets_404_on_a_paris_session_and_its_actions(login_as, db_session):
    client = login_as("lyon.manager")
    paris = session_by_number(db_session, "7000105")
    assert client.get(f"/examsessionview/show/{paris.id}").status_code == 404
    response = client.post(f"/examsessionview/transition/{paris.id}/plan",
                           data={"csrf_token": client.csrf})
    assert response.status_code == 404
    db_session.refresh(paris)
    assert paris.status == S.DRAFT


def test_evaluator_sees_only_the_sessions_assigned_to_them(login_as, db_session):
    client = login_as("paris.evaluator")
    html = client.get("/examsessionview/list/").get_data(as_text=True)
    assert "7000101" in html and "7000102" not in html and "7000201" not in html


def test_session_list_in_english(login_as):
    client = login_as("paris.manager")
    client.get("/lang/en")
    html = client.get("/examsessionview/list/").get_data(as_text=True)
    assert "Registrations open" in html


def test_every_sessions_screen_opens_for_each_kind_of_user(login_as, db_session):
    pages = ["/examsessionview/list/", "/candidateview/list/", "/registrationview/list/",
             "/sessionexaminerview/list/", "/preregistrationview/list/",
             "/contactrequestview/list/", "/examsessionview/add", "/candidateview/add", "/"]
    session = session_by_number(db_session, "7000101")
    pages += [f"/examsessionview/show/{session.id}",
              f"/examsessionview/import/{session.id}/candidates",
              f"/examsessionview/documents/{session.id}"]
    for username in ("admin", "paris.manager", "paris.staff"):
        client = login_as(username)
        for page in pages:
            assert client.get(page).status_code == 200, (username, page)
        from tests.integration.sessions.sessions_helpers import forget_request_globals

        forget_request_globals()


def test_evaluator_space_shows_their_session_and_its_candidates(login_as, db_session):
    client = login_as("paris.evaluator")
    session = session_by_number(db_session, "7000101")
    assert client.get(f"/examsessionview/show/{session.id}").status_code == 200
    registrations = client.get("/registrationview/list/").get_data(as_text=True)
    assert registrations_of(db_session, "7000101")[0].number in registrations
    assert registrations_of(db_session, "7000102")[0].number not in registrations
    assert client.get("/candidateview/add").status_code == 403
