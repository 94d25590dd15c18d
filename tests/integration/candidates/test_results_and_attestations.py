"""Results a body can sign (issue 14 items 3 and 4): who enters which score, publishing only
when every registered épreuve has a score or an absence, the session results table (screen and
xlsx), the attestation in the certifying body's name, its verification page and audit trail."""
import io
import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pdfplumber
import pytest
from markupsafe import escape
from openpyxl import load_workbook
from sqlalchemy import select

from app.models.audit import AuditLog
from app.models.candidates import Attestation
from app.models.sessions import SessionExaminer
from app.models.sessions import SessionStatus as S
from app.services.clock import now
from app.services.requests.effects import revoke_attestation
from tests.factories import (
    CandidateFactory,
    CentreFactory,
    ExamSessionFactory,
    RegistrationFactory,
    UserFactory,
)

BORN = date(1993, 4, 2)


@pytest.fixture()
def world(db_session):
    centre = CentreFactory()
    session = ExamSessionFactory(centre=centre, start_date=date.today() - timedelta(days=3))
    before = datetime.combine(session.start_date - timedelta(days=10), time(9))
    alice = RegistrationFactory(session=session, registered_at=before, candidate=CandidateFactory(
        centre=centre, last_name="DURAND", first_name="Amélie", birth_date=BORN))
    absent = RegistrationFactory(session=session, registered_at=before,
                                 candidate=CandidateFactory(centre=centre, last_name="ABSENT",
                                                            first_name="Paul"))
    session.status = S.IN_CORRECTION
    manager = UserFactory(centres=[centre], role="CentreManager")
    evaluator = UserFactory(centres=[centre], role="Evaluator")
    db_session.add(SessionExaminer(centre_id=centre.id, session_id=session.id,
                                   user_id=evaluator.id, last_name="EVAL", first_name="Eva",
                                   email=evaluator.email))
    db_session.commit()
    return {"session": session, "alice": alice, "absent": absent, "manager": manager,
            "evaluator": evaluator}


def _scores(registration):
    return {rc.component.code: rc.score for rc in registration.components}


def _api(app, api_token, username, registration, scores):
    return app.test_client().post(f"/api/v1/registration/{registration.id}/results",
                                  headers={"Authorization": f"Bearer {api_token(username)}"},
                                  json={"scores": scores})


def test_a_centre_user_cannot_enter_a_score_on_the_screen(login_as, db_session, world):
    client = login_as(world["manager"].username)
    response = client.post(f"/registrationview/results/{world['alice'].id}", data={
        "csrf_token": client.csrf, "score_CE": "450"}, follow_redirects=True)
    assert "jamais par le centre" in response.get_data(as_text=True)
    db_session.expire_all()
    assert _scores(world["alice"])["CE"] is None


def test_a_centre_user_cannot_enter_a_score_through_the_api(app, api_token, db_session, world):
    response = _api(app, api_token, world["manager"].username, world["alice"], {"CE": "450"})
    assert response.status_code == 403
    assert "jamais par le centre" in response.json["message"]
    db_session.expire_all()
    assert _scores(world["alice"])["CE"] is None


def test_the_body_enters_ce_co_ee_but_not_eo(app, api_token, db_session, world):
    response = _api(app, api_token, "support", world["alice"],
                    {"CE": "450", "CO": "380,5", "EE": "300"})
    assert response.status_code == 200, response.text
    assert _api(app, api_token, "support", world["alice"], {"EO": "12"}).status_code == 403
    db_session.expire_all()
    assert _scores(world["alice"]) == {"CE": Decimal("450"), "CO": Decimal("380.5"),
                                       "EE": Decimal("300"), "EO": None}


def test_the_session_evaluator_enters_eo_only(login_as, db_session, world):
    client = login_as(world["evaluator"].username)
    response = client.post(f"/registrationview/results/{world['alice'].id}", data={
        "csrf_token": client.csrf, "score_EO": "612"})
    assert response.status_code == 302
    refused = client.post(f"/registrationview/results/{world['alice'].id}", data={
        "csrf_token": client.csrf, "score_CE": "612"}, follow_redirects=True)
    assert "jamais par le centre" in refused.get_data(as_text=True)
    db_session.expire_all()
    assert _scores(world["alice"])["EO"] == Decimal("612") and _scores(world["alice"])["CE"] is None


def _fill(db_session, world, eo="612"):
    for rc in world["alice"].components:
        rc.score = {"CE": Decimal("450"), "CO": Decimal("380.5"), "EE": Decimal("300"),
                    "EO": Decimal(eo) if eo else None}[rc.component.code]
    for rc in world["absent"].components:
        rc.absent = True
    db_session.commit()


def _publish(login_as, world):
    support = login_as("support")
    return support.post(f"/examsessionview/transition/{world['session'].id}/publish_results",
                        data={"csrf_token": support.csrf}, follow_redirects=True)


def test_publishing_needs_a_score_or_an_absence_for_every_registered_epreuve(
        login_as, db_session, world):
    _fill(db_session, world, eo=None)
    page = _publish(login_as, world).get_data(as_text=True)
    assert "Chaque épreuve inscrite doit avoir une note ou une absence" in page
    assert f"{world['alice'].number} (EO)" in page
    db_session.expire_all()
    assert world["session"].status == S.IN_CORRECTION
    world["alice"].components[-1].score = Decimal("612")
    db_session.commit()
    _publish(login_as, world)
    db_session.expire_all()
    assert world["session"].status == S.RESULTS_PUBLISHED
    issued = db_session.scalars(select(Attestation).where(
        Attestation.registration_id.in_([world["alice"].id, world["absent"].id]))).all()
    # None for the candidate absent from every épreuve
    assert [a.registration_id for a in issued] == [world["alice"].id]


def test_the_results_table_on_screen_and_in_xlsx(login_as, db_session, world):
    _fill(db_session, world)
    client = login_as("support")
    page = client.get(f"/examsessionview/results_table/{world['session'].id}").get_data(
        as_text=True)
    assert "Tableau de résultats" in page
    assert "450 (B2)" in page and "380,5 (B1)" in page and "612 (C2)" in page
    assert "1 742,5" in page or "1\u202f742,5" in page or "1\xa0742,5" in page
    assert ">ABS<" in page
    response = client.get(f"/examsessionview/results_xlsx/{world['session'].id}")
    assert f"tableau_resultats_{world['session'].number}.xlsx" in \
        response.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:5] == ["Numéro d'inscription", "Nom", "Prénom", "CE", "Niveau CE"]
    alice = next(r for r in rows if r[1] == "DURAND")
    assert alice[3:5] == [450, "B2"] and alice[-1] == 1742.5
    absent = next(r for r in rows if r[1] == "ABSENT")
    assert absent[3] == "ABS"


def test_a_centre_reads_the_results_table_once_published(login_as, db_session, world):
    client = login_as(world["manager"].username)
    refused = client.get(f"/examsessionview/results_table/{world['session'].id}",
                         follow_redirects=True).get_data(as_text=True)
    assert "disponible une fois les résultats publiés" in refused
    world["session"].status = S.RESULTS_PUBLISHED
    _fill(db_session, world)
    page = client.get(f"/examsessionview/results_table/{world['session'].id}")
    assert page.status_code == 200 and "DURAND" in page.get_data(as_text=True)


def _pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(p.extract_text() or "" for p in pdf.pages)


@pytest.fixture()
def published(login_as, db_session, world):
    _fill(db_session, world)
    _publish(login_as, world)
    db_session.expire_all()
    assert world["session"].status == S.RESULTS_PUBLISHED
    return world


def test_the_attestation_is_issued_by_the_body_with_levels_total_signature_and_code(
        login_as, db_session, published):
    client = login_as(published["manager"].username)
    response = client.get(f"/registrationview/certificate/{published['alice'].id}")
    assert response.mimetype == "application/pdf"
    text = _pdf_text(response.data)
    code = db_session.scalar(select(Attestation.code).where(
        Attestation.registration_id == published["alice"].id))
    assert "CCI Paris Île-de-France Éducation — Le français des affaires atteste que Amélie DURAND" \
        in text.replace("\n", " ")
    assert "CE — " in text and "450 B2" in text and "612 C2" in text
    assert "Total 1 742,5" in text.replace("\u202f", " ").replace("\xa0", " ")
    assert "Signé le" in text and code in text and f"/verify/{code}" in text
    assert len(code) == 19 and code.count("-") == 3


def test_no_attestation_for_a_candidate_absent_from_every_epreuve(login_as, published):
    client = login_as(published["manager"].username)
    response = client.get(f"/registrationview/certificate/{published['absent'].id}",
                          follow_redirects=True)
    assert response.mimetype == "text/html"
    assert "absent(e) à toutes les épreuves" in response.get_data(as_text=True)


def _check(client, code, born):
    """The text of the verification page answered for `born` (its markup dropped: attributes
    such as a script's random nonce could hold "B2" or "450")."""
    token_page = client.get(f"/verify/{code}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', token_page).group(1)
    page = client.post(f"/verify/{code}", data={"csrf_token": token, "code": code,
                                                "birth_date": born}).get_data(as_text=True)
    return re.sub(r"<[^>]*>", " ", page)


def test_the_public_verification_page_shows_only_name_product_date_and_levels(
        app, db_session, published):
    attestation = db_session.scalar(select(Attestation).where(
        Attestation.registration_id == published["alice"].id))
    anonymous = app.test_client()
    asked = anonymous.get(f"/verify/{attestation.code}").get_data(as_text=True)
    assert "Date de naissance" in asked and "DURAND" not in asked
    wrong = _check(anonymous, attestation.code, "03/04/1993")
    assert "Aucune attestation ne correspond" in wrong and "DURAND" not in wrong
    right = _check(anonymous, attestation.code.lower(), "02/04/1993")
    assert "Cette attestation est authentique." in right
    assert "Amélie DURAND" in right and str(escape(published["session"].product.name)) in right
    assert "B2" in right and "C2" in right
    assert "450" not in right and "R0" not in right  # levels only, no score, no number
    checks = db_session.scalars(select(AuditLog).where(
        AuditLog.action == "attestation_check", AuditLog.record_id == attestation.id)).all()
    assert sorted(c.detail.split(": ")[1] for c in checks) == ["mismatch", "valid"]


def test_a_revoked_attestation_says_so(app, db_session, published):
    attestation = db_session.scalar(select(Attestation).where(
        Attestation.registration_id == published["alice"].id))
    revoke_attestation(db_session, published["alice"], now(), "fraude")
    db_session.commit()
    page = _check(app.test_client(), attestation.code, "02/04/1993")
    assert "a été révoquée par l'organisme certificateur" in page
    assert "B2" not in page
