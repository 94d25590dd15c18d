""""Tarifs" (seed 001, issue 14 item 5): the centre manager records the centre's price per
product (one price, or one per épreuve for a modular product); its next sessions start with it
and each session's price stays editable; another centre never reaches it."""
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from app.models.centres import Centre
from app.models.reference import PriceList
from app.models.sessions import ExamSession
from app.services.sessions.workflow import prepare_new_session
from tests.factories import ProductFactory


def _paris(db):
    return db.scalar(select(Centre).where(Centre.code == "PAR-0750001"))


def test_the_centre_manager_records_a_price_that_prefills_the_next_sessions(login_as,
                                                                          db_session):
    product = ProductFactory(modular=False)
    db_session.commit()
    client = login_as("paris.manager")
    response = client.post("/pricelistview/add", data={
        "csrf_token": client.csrf, "centre": _paris(db_session).id, "product": product.id,
        "amount_excl_vat": "95,00", "vat_rate": "20"})
    assert response.status_code == 302
    price = db_session.scalar(select(PriceList).where(PriceList.product_id == product.id))
    assert price.centre_id == _paris(db_session).id
    assert price.amount_excl_vat == Decimal("95.00")

    start = date.today() + timedelta(days=40)
    session = ExamSession(product=product, centre=_paris(db_session),
                          centre_id=_paris(db_session).id, start_date=start, end_date=start,
                          capacity=10)
    prepare_new_session(db_session, session)
    assert [(p.component, p.amount_excl_vat) for p in session.prices] == [
        (None, Decimal("95.00"))]


def test_another_centre_cannot_change_the_price(login_as, db_session):
    price = db_session.scalar(select(PriceList).where(
        PriceList.centre_id == _paris(db_session).id))
    client = login_as("lyon.manager")
    response = client.post(f"/pricelistview/edit/{price.id}", data={
        "csrf_token": client.csrf, "row_version": price.version,
        "product": price.product_id, "amount_excl_vat": "1", "vat_rate": "20"})
    assert response.status_code == 404
    db_session.expire_all()
    assert db_session.get(PriceList, price.id).amount_excl_vat != Decimal("1")


def test_centre_staff_read_the_prices_but_do_not_change_them(login_as, db_session):
    client = login_as("paris.staff")
    assert client.get("/pricelistview/list/").status_code == 200
    assert client.get("/pricelistview/add").status_code in (302, 403)
