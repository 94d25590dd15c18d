"""The base view's add and edit forms (app/views/writes.py): a refused form is shown again with
status 422, every typed value and every error next to its field, whether the form, a rule or
the database refused it."""
from sqlalchemy import func, select

from app.models.centres import Centre
from app.models.certifications import CandidateGroup
from app.models.missions.allowances import Allowance
from app.models.reference import PriceList, Product


def _errors(html: str, name: str) -> str:
    """The input named `name` and the errors shown right after it, up to its row's end."""
    start = html.index(f'name="{name}"')
    return html[start:html.find("</tr>", start)]


def test_a_form_error_and_a_rule_error_show_together_in_french(login_as, db_session):
    client = login_as("support")
    client.get("/lang/fr")
    product = db_session.scalar(select(Product).order_by(Product.id))
    centre_id = db_session.scalar(select(PriceList.centre_id).where(
        PriceList.centre_id.is_not(None)))
    before = db_session.scalar(select(func.count(PriceList.id)))
    response = client.post("/pricelistview/add", data={
        "csrf_token": client.csrf, "centre": centre_id, "product": product.id,
        "amount_excl_vat": "-25,50", "vat_rate": "5,5O"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'value="-25,50"' in html and 'value="5,5O"' in html  # as typed
    assert "alert-danger" in _errors(html, "vat_rate")  # the form's error
    assert "ositive ou nulle" in _errors(html, "amount_excl_vat")  # the rule's, at once
    assert db_session.scalar(select(func.count(PriceList.id))) == before


def test_a_database_constraint_is_a_message_on_its_field(login_as, db_session):
    client = login_as("paris.manager")
    client.get("/lang/fr")
    taken = db_session.scalar(select(CandidateGroup).join(CandidateGroup.centre).where(
        Centre.code == "PAR-0750001").order_by(CandidateGroup.id))
    before = db_session.scalar(select(func.count(CandidateGroup.id)))
    response = client.post("/candidategroupview/add", data={
        "csrf_token": client.csrf, "name": taken.name, "category": "CLIENT"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "est déjà utilisé par un autre enregistrement" in _errors(html, "name")
    assert f'value="{taken.name}"' in html.replace("&#39;", "'")
    assert "IntegrityError" not in html and "UNIQUE" not in html
    # The centre the name is unique within is set by the server: the user cannot change it,
    # so the message does not name it ("Centre Id est déjà utilisé" was shown).
    assert "Centre Id" not in html and "corrigez les champs signalés" in html
    assert db_session.scalar(select(func.count(CandidateGroup.id))) == before


def test_a_rules_own_error_key_shows_next_to_its_field(login_as, db_session):
    client = login_as("paris.manager")
    client.get("/lang/fr")
    allowance = db_session.scalar(select(Allowance).join(Allowance.centre).where(
        Centre.code == "PAR-0750001").order_by(Allowance.id))
    response = client.post(f"/allowanceview/edit/{allowance.id}", data={
        "csrf_token": client.csrf, "row_version": allowance.version,
        "first_test_date": "16/03/2027", "days_up_to_600": "6,5", "days_over_600": "0",
        "days_extra": "4"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "ieur ou égal à 3" in _errors(html, "days_extra")  # the rule's key is "extra"
    assert 'value="6,5"' in html and 'value="16/03/2027"' in html


def test_an_edit_form_shows_the_forms_and_the_rules_errors_and_changes_nothing(login_as,
                                                                               db_session):
    client = login_as("support")
    client.get("/lang/fr")
    price = db_session.scalar(select(PriceList).where(PriceList.centre_id.is_not(None))
                              .order_by(PriceList.id))
    amount = price.amount_excl_vat
    response = client.post(f"/pricelistview/edit/{price.id}", data={
        "csrf_token": client.csrf, "row_version": price.version, "product": price.product_id,
        "component": price.component_id or "", "amount_excl_vat": "-25,50",
        "vat_rate": "5,5O"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "alert-danger" in _errors(html, "vat_rate")
    assert "ositive ou nulle" in _errors(html, "amount_excl_vat")
    assert 'value="-25,50"' in html and 'value="5,5O"' in html
    db_session.expire_all()
    assert db_session.get(PriceList, price.id).amount_excl_vat == amount


def test_a_saved_edit_reached_from_an_add_form_goes_back_to_the_list(login_as, db_session):
    client = login_as("paris.manager")
    group = db_session.scalar(select(CandidateGroup).join(CandidateGroup.centre).where(
        Centre.code == "PAR-0750001").order_by(CandidateGroup.id))
    client.get("/candidategroupview/list/")
    client.get("/candidategroupview/add")
    client.get(f"/candidategroupview/edit/{group.id}")
    response = client.post(f"/candidategroupview/edit/{group.id}", data={
        "csrf_token": client.csrf, "row_version": group.version, "name": group.name,
        "category": group.category.name})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/candidategroupview/list/")
