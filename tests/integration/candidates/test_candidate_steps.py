"""Candidate creation in 5 steps and a summary (seeds 004 and 001): each step checked on the
server by the candidate rules, Back and Next keep every typed value, the "(obligatoire)" steps
enforced, one candidate created at the confirmation."""
import re
from datetime import date

from sqlalchemy import func, select

from app.models.candidates import Candidate

IDENTITY = {"civility": "", "last_name": "O'Neill", "birth_name": "", "first_name": "Zoé",
            "email": "zoe.oneill@example.fr", "birth_date": "16/03/1990", "gender": "F"}
PASSWORD = {"password": "Motdepasse-1", "password_confirm": "Motdepasse-1"}
INFORMATION = {"birth_postcode": "75010", "birth_city": "L'Hôpital", "birth_country": "FR",
               "nationality": "FR", "mother_tongue": "fr", "id_number": "AB123"}


def _post(client, step, go, **values):
    data = {"csrf_token": client.csrf, "_step": step, "_go": go, **values}
    return client.post("/candidateview/add", data=data)


def _errors(html: str, name: str) -> str:
    """The error block right after the input named `name`."""
    start = html.index(f'name="{name}"')
    end = html.find("</tr>", start)
    return html[start:end]


def _step(html: str) -> str:
    return re.search(r'name="_step" value="(\d+)"', html).group(1)


def test_the_add_page_opens_the_first_of_five_steps(login_as):
    client = login_as("paris.manager")
    client.get("/lang/fr")
    html = client.get("/candidateview/add").get_data(as_text=True)
    for title in ("Identité", "Mot de passe", "Informations", "Coordonnées", "Divers",
                  "Récapitulatif"):
        assert title in html
    assert "(obligatoire)" in html and "(facultatif)" in html
    assert _step(html) == "0" and 'name="last_name"' in html
    assert 'type="password"' not in html  # the password is step 2


def test_identity_step_refuses_in_french_and_keeps_the_values(login_as, db_session):
    client = login_as("paris.manager")
    client.get("/lang/fr")
    response = _post(client, 0, "next", **{**IDENTITY, "birth_date": "31/02/1990",
                                           "email": "pas-une-adresse"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert _step(html) == "0"
    assert "O&#39;Neill" in html and "pas-une-adresse" in html and "31/02/1990" in html
    assert "est pas une date du calendrier" in _errors(html, "birth_date")
    # the candidate rules run once the form's required fields hold a value: every error of
    # the step at once, each next to its field
    response = _post(client, 0, "next", **{**IDENTITY, "email": "pas-une-adresse"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and _step(html) == "0"
    assert "est pas une adresse e-mail valide" in _errors(html, "email")
    assert "obligatoire" in _errors(html, "civility")
    assert "Pays de naissance" not in html  # a later step waits its turn


def test_next_and_back_keep_every_value_and_the_summary_shows_them(login_as, db_session):
    client = login_as("paris.manager")
    client.get("/lang/fr")
    identity = {**IDENTITY, "civility": "madame"}
    response = _post(client, 0, "next", **identity)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and _step(html) == "1"
    # identity is now carried along, hidden
    assert '<input type="hidden" name="last_name" value="O&#39;Neill">' in html
    response = _post(client, 1, "next", **identity, password="court", password_confirm="court")
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and _step(html) == "1"
    assert "au moins 8 caractères" in _errors(html, "password")
    response = _post(client, 1, "back", **identity, **PASSWORD)
    html = response.get_data(as_text=True)
    assert _step(html) == "0" and 'value="O&#39;Neill"' in html
    assert '<input type="hidden" name="password" value="Motdepasse-1">' in html
    response = _post(client, 2, "next", **identity, **PASSWORD,
                     **{**INFORMATION, "birth_city": ""})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and _step(html) == "2"
    assert "obligatoire" in _errors(html, "birth_city")
    response = _post(client, 4, "next", **identity, **PASSWORD, **INFORMATION,
                     phone="0601020304", funding="")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and _step(html) == "5"
    assert "Récapitulatif" in html and "L&#39;Hôpital" in html and "16/03/1990" in html
    assert "Motdepasse-1" not in html.split("<caption>")[2]  # masked in the summary


def test_confirm_creates_the_candidate_once_with_a_login(login_as, db_session):
    client = login_as("paris.manager")
    before = db_session.scalar(select(func.count(Candidate.id)))
    response = _post(client, 5, "confirm", **{**IDENTITY, "civility": "madame"}, **PASSWORD,
                     **INFORMATION, phone="0601020304")
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    assert db_session.scalar(select(func.count(Candidate.id))) == before + 1
    row = db_session.scalar(select(Candidate).where(Candidate.email == "zoe.oneill@example.fr"))
    assert (row.last_name, row.birth_city, row.birth_date) == ("O'Neill", "L'Hôpital",
                                                               date(1990, 3, 16))
    assert row.login == "zoe.oneill@example.fr" and row.password_hash


def test_a_refused_confirmation_shows_the_first_wrong_step_and_every_other_error(login_as,
                                                                                 db_session):
    client = login_as("paris.manager")
    client.get("/lang/fr")
    before = db_session.scalar(select(func.count(Candidate.id)))
    response = _post(client, 5, "confirm", **{**IDENTITY, "civility": "madame"},
                     password="Motdepasse-1", password_confirm="Autre-chose-1",
                     **{**INFORMATION, "birth_country": ""})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert _step(html) == "1"
    assert "ne répète pas le mot de passe" in _errors(html, "password_confirm")
    assert "Informations — Pays de naissance" in html  # the other step's error, on top
    assert db_session.scalar(select(func.count(Candidate.id))) == before
