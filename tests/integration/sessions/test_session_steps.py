"""Session creation in 4 steps (seed 001: product and price list, dates and capacity, options and
online visibility, summary): each step checked by the session rules, values kept, the summary
shows the prices taken from the centre's price list, one session created at the confirmation."""
import re
from datetime import date, timedelta

from sqlalchemy import func, select

from app.models.reference import Product
from app.models.sessions import ExamSession


def _post(client, step, go, **values):
    return client.post("/examsessionview/add",
                       data={"csrf_token": client.csrf, "_step": step, "_go": go, **values})


def _step(html: str) -> str:
    return re.search(r'name="_step" value="(\d+)"', html).group(1)


def _errors(html: str, name: str) -> str:
    start = html.index(f'name="{name}"')
    return html[start:html.find("</tr>", start)]


def _french(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def test_each_step_is_checked_and_the_summary_shows_the_price_list(login_as, db_session):
    client = login_as("paris.manager")
    client.get("/lang/fr")
    html = client.get("/examsessionview/add").get_data(as_text=True)
    for title in ("Produit et tarifs", "Dates et nombre de places", "Options et mise en ligne",
                  "Récapitulatif"):
        assert title in html
    product = db_session.scalar(select(Product).where(Product.code == "TEFCAN"))
    response = _post(client, 0, "next", title="Session d'été")
    assert response.status_code == 422 and _step(response.get_data(as_text=True)) == "0"
    first = {"product": product.id, "title": "Session d'été"}
    response = _post(client, 0, "next", **first)
    assert response.status_code == 200 and _step(response.get_data(as_text=True)) == "1"
    start = date.today() + timedelta(days=60)
    dates = {"start_date": _french(start), "end_date": _french(start - timedelta(days=1)),
             "capacity": "0"}
    response = _post(client, 1, "next", **first, **dates)
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and _step(html) == "1"
    assert "ne doit pas précéder la date de début" in _errors(html, "end_date")
    assert "au moins 1" in _errors(html, "capacity")  # both errors, each next to its field
    assert f'value="{_french(start)}"' in html and "Session d&#39;été" in html
    dates = {**dates, "end_date": _french(start), "capacity": "15"}
    response = _post(client, 1, "next", **first, **dates)
    assert _step(response.get_data(as_text=True)) == "2"
    response = _post(client, 2, "back", **first, **dates, online_visible="y")
    html = response.get_data(as_text=True)
    assert _step(html) == "1" and 'value="15"' in html
    assert '<input type="hidden" name="online_visible" value="y">' in html
    response = _post(client, 2, "next", **first, **dates, online_visible="y")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and _step(html) == "3"
    assert "Récapitulatif" in html and "Tarifs repris de vos tarifs" in html
    assert "HT, TVA" in html and _french(start) in html and "Oui" in html
    assert "Centre d&#39;examen de Paris" in html  # the centre the session will belong to


def test_confirm_creates_one_session_with_its_prices(login_as, db_session):
    client = login_as("paris.manager")
    product = db_session.scalar(select(Product).where(Product.code == "TEFCAN"))
    start = date.today() + timedelta(days=61)
    before = db_session.scalar(select(func.count(ExamSession.id)))
    response = _post(client, 3, "confirm", product=product.id, title="Session d'automne",
                     start_date=_french(start), end_date=_french(start), capacity="12",
                     online_visible="y")
    assert response.status_code == 302
    assert db_session.scalar(select(func.count(ExamSession.id))) == before + 1
    row = db_session.scalar(select(ExamSession).where(ExamSession.title == "Session d'automne"))
    assert row.centre.code == "PAR-0750001" and row.online_visible and row.capacity == 12
    assert row.start_date == start and len(row.prices) == 4
