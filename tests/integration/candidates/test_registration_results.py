"""Results per component: oral marks only by the session's evaluator; certificates as PDF."""
import io

import pdfplumber

from app.models.sessions import SessionStatus as S
from tests.integration.sessions.sessions_helpers import registrations_of, session_by_number


def _in_correction(db_session, number):
    session = session_by_number(db_session, number)
    session.status = S.IN_CORRECTION
    db_session.commit()
    return registrations_of(db_session, number)[0]


def scores(reg):
    return {rc.component.code: rc.score for rc in reg.components}


def test_evaluator_enters_only_the_oral_mark(login_as, db_session):
    reg = _in_correction(db_session, "7000101")
    client = login_as("paris.evaluator")
    response = client.post(f"/registrationview/results/{reg.id}", data={
        "csrf_token": client.csrf, "score_EO": "14,5"})
    assert response.status_code == 302
    # A written mark from the evaluator is refused with the reason, nothing saved (issue 14)
    client.post(f"/registrationview/results/{reg.id}", data={
        "csrf_token": client.csrf, "score_EO": "16", "score_CE": "20"})
    db_session.refresh(reg)
    assert str(scores(reg)["EO"]) == "14.50" and scores(reg)["CE"] is None


def test_body_staff_enter_the_other_components_but_not_the_oral_mark(login_as, db_session):
    reg = _in_correction(db_session, "7000101")
    client = login_as("support")
    client.post(f"/registrationview/results/{reg.id}", data={
        "csrf_token": client.csrf, "score_CE": "17"})
    client.post(f"/registrationview/results/{reg.id}", data={
        "csrf_token": client.csrf, "score_EO": "11"})
    db_session.refresh(reg)
    assert str(scores(reg)["CE"]) == "17.00" and scores(reg)["EO"] is None


def test_the_centre_enters_no_score(login_as, db_session):
    reg = _in_correction(db_session, "7000101")
    client = login_as("paris.manager")
    client.post(f"/registrationview/results/{reg.id}", data={
        "csrf_token": client.csrf, "score_CE": "17"})
    db_session.refresh(reg)
    assert scores(reg)["CE"] is None


def test_an_evaluator_not_assigned_to_the_session_gets_404(login_as, db_session):
    reg = _in_correction(db_session, "7000102")
    client = login_as("paris.evaluator")
    assert client.get(f"/registrationview/results/{reg.id}").status_code == 404


def test_certificate_pdf_once_results_are_published(login_as, db_session):
    reg = registrations_of(db_session, "7000104")[0]
    client = login_as("paris.manager")
    response = client.get(f"/registrationview/certificate/{reg.id}")
    assert response.mimetype == "application/pdf"
    with pdfplumber.open(io.BytesIO(response.data)) as pdf:
        text = "\n".join(p.extract_text() or "" for p in pdf.pages)
    assert reg.candidate.last_name in text and reg.number in text


def test_no_certificate_before_publication(login_as, db_session):
    reg = registrations_of(db_session, "7000101")[0]
    response = login_as("paris.manager").get(f"/registrationview/certificate/{reg.id}")
    assert response.status_code == 302


def test_a_refused_score_is_shown_again_as_typed(login_as, db_session):
    reg = _in_correction(db_session, "7000101")
    client = login_as("support")
    client.get("/lang/fr")
    response = client.post(f"/registrationview/results/{reg.id}", data={
        "csrf_token": client.csrf, "score_CE": "17,5", "score_CO": "douze"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'value="17,5"' in html and 'value="douze"' in html
    above = html.split('id="results-table"')[0]
    assert "douze" in above and "pas un nombre" in above  # the French reason, above
    db_session.refresh(reg)
    assert scores(reg)["CE"] is None
