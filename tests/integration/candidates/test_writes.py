"""Candidate, registration and price forms refused by a rule show themselves again with every
typed value and every error next to its field; the candidate screen and API share one
resource."""
from datetime import date, timedelta

from sqlalchemy import func, select

from app.models.candidates import Candidate, Registration
from app.models.reference import PriceList, Product
from app.services.candidates.resources import CANDIDATES, REGISTRATIONS
from tests.integration.sessions.sessions_helpers import session_by_number


def _field_block(html: str, name: str) -> str:
    """The form group of one field: its input and the errors shown next to it."""
    start = html.index(f'name="{name}"')
    return html[max(0, html.rfind("form-group", 0, start)):html.find("form-group", start)]


def test_candidate_screen_and_api_share_their_resources(app):
    views = {type(v).__name__: v for v in app.appbuilder.baseviews}
    assert views["CandidateView"].resource is views["CandidateApi"].resource is CANDIDATES
    assert views["RegistrationView"].resource is views["RegistrationApi"].resource \
        is REGISTRATIONS


def test_refused_candidate_form_keeps_every_value_and_shows_every_error(login_as, db_session):
    client = login_as("paris.manager")
    client.get("/lang/en")
    before = db_session.scalar(select(func.count(Candidate.id)))
    born = (date.today() + timedelta(days=3)).isoformat()
    response = client.post("/candidateview/add", data={
        "csrf_token": client.csrf, "last_name": "O'Neill", "first_name": "Zoé",
        "birth_date": born, "gender": "F", "email": "pas-une-adresse",
        "birth_city": "L'Hôpital", "password": ""})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "O&#39;Neill" in html and "L&#39;Hôpital" in html and "pas-une-adresse" in html
    assert "must be in the past." in _field_block(html, "birth_date")
    assert "is not a valid e-mail address." in _field_block(html, "email")
    assert "is required." in _field_block(html, "password")
    assert db_session.scalar(select(func.count(Candidate.id))) == before


def test_refused_registration_form_stays_on_the_form_with_the_reason(login_as, db_session):
    client = login_as("paris.manager")
    client.get("/lang/en")
    draft = session_by_number(db_session, "7000105")
    candidate = Candidate(centre_id=draft.centre_id, last_name="NOUVEAU", first_name="Léa",
                          birth_date=date(2001, 5, 6), gender="F", dedup_key="NOUVEAU|LEA|2001")
    db_session.add(candidate)
    db_session.commit()
    before = db_session.scalar(select(func.count(Registration.id)))
    response = client.post("/registrationview/add", data={
        "csrf_token": client.csrf, "session": draft.id, "candidate": candidate.id,
        "components_choice": "CE, EO"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Registrations are not open for session 7000105" in html
    assert 'value="CE, EO"' in html
    assert db_session.scalar(select(func.count(Registration.id))) == before


def test_refused_price_form_shows_both_errors_next_to_their_fields(login_as, db_session):
    client = login_as("support")
    client.get("/lang/en")
    price = db_session.scalar(select(PriceList).order_by(PriceList.id))
    response = client.post(f"/pricelistview/edit/{price.id}", data={
        "csrf_token": client.csrf, "row_version": price.version, "product": price.product_id,
        "component": price.component_id or "", "amount_excl_vat": "-25.50",
        "vat_rate": "150"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "must be zero or more." in _field_block(html, "amount_excl_vat")
    assert "must be between 0 and 100." in _field_block(html, "vat_rate")
    assert 'value="-25.50"' in html and 'value="150"' in html


def test_a_duplicate_candidate_through_the_api_is_a_422_with_the_reason(app, db_session,
                                                                     api_token):
    paris_candidate = db_session.scalar(select(Candidate).join(Candidate.centre).where(
        Candidate.centre.has(code="PAR-0750001")).order_by(Candidate.id))
    headers = {"Authorization": f"Bearer {api_token('paris.manager')}"}
    response = app.test_client().post("/api/v1/candidate/", headers=headers, json={
        "last_name": paris_candidate.last_name, "first_name": paris_candidate.first_name,
        "birth_date": paris_candidate.birth_date.isoformat(),
        "gender": paris_candidate.gender.name})
    assert response.status_code == 422, response.text


def test_a_product_the_centre_cannot_write_is_refused_on_the_screen(login_as, db_session):
    product = db_session.scalar(select(Product).where(Product.code == "TEFCAN"))
    client = login_as("paris.manager")
    response = client.post(f"/productview/edit/{product.id}", data={
        "csrf_token": client.csrf, "row_version": product.version, "code": "TEFCAN",
        "name": "Pris"})
    assert response.status_code in (403, 422)
    db_session.expire_all()
    assert db_session.get(Product, product.id).name != "Pris"
