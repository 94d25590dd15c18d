"""Candidate reference lists on every path: the creation steps offer them in the reader's
language, the record page and list show names (never codes), the API and the screen refuse a
value outside its list."""
from sqlalchemy import select

from app.models.candidates import Candidate


def _paris_candidate(db_session) -> Candidate:
    return db_session.scalar(select(Candidate).join(Candidate.centre).where(
        Candidate.centre.has(code="PAR-0750001"), Candidate.nationality == "DZ"))


def test_creation_steps_offer_the_lists_in_the_readers_language(login_as):
    client = login_as("paris.manager")
    client.get("/lang/fr")
    html = client.get("/candidateview/add").get_data(as_text=True)
    assert '<option value="madame">Madame</option>' in html
    data = {"csrf_token": client.csrf, "_step": 1, "_go": "back"}  # lands on step 3's fields
    html = client.post("/candidateview/add", data={**data, "_step": 3}).get_data(as_text=True)
    assert '<option value="DZ">Algérie</option>' in html
    assert '<option value="ar">arabe</option>' in html
    client.get("/lang/en")
    html = client.post("/candidateview/add", data={**data, "_step": 3}).get_data(as_text=True)
    assert '<option value="DZ">Algeria</option>' in html
    html = client.post("/candidateview/add", data={**data, "_step": 5}).get_data(as_text=True)
    assert '<option value="cpf">Personal training account (CPF)</option>' in html


def test_record_page_and_list_show_names_not_codes(login_as, db_session):
    client = login_as("paris.manager")
    client.get("/lang/fr")
    candidate = _paris_candidate(db_session)
    html = client.get(f"/candidateview/show/{candidate.id}").get_data(as_text=True)
    assert "Algérie" in html and "arabe" in html and "Monsieur" in html
    listing = client.get("/candidateview/list/").get_data(as_text=True)
    assert "Algérie" in listing and ">DZ<" not in listing


def test_edit_screen_refuses_a_value_outside_the_list(login_as, db_session):
    client = login_as("paris.manager")
    client.get("/lang/fr")
    candidate = _paris_candidate(db_session)
    response = client.post(f"/candidateview/edit/{candidate.id}", data={
        "csrf_token": client.csrf, "row_version": candidate.version, "civility": "monsieur",
        "last_name": candidate.last_name, "first_name": candidate.first_name,
        "birth_date": candidate.birth_date.strftime("%d/%m/%Y"), "gender": "H",
        "nationality": "XX", "education_level": "bac5"})
    assert response.status_code == 422
    db_session.expire_all()
    assert db_session.get(Candidate, candidate.id).nationality == "DZ"


def test_api_refuses_values_outside_the_lists_and_stores_codes(app, db_session, api_token):
    headers = {"Authorization": f"Bearer {api_token('paris.manager')}"}
    client = app.test_client()
    person = {"last_name": "LISTE", "first_name": "Inès", "birth_date": "1991-04-05",
              "gender": "F"}
    response = client.post("/api/v1/candidate/", headers=headers, json={
        **person, "nationality": "ZZ", "mother_tongue": "klingon", "funding": "lottery"})
    assert response.status_code == 422, response.text
    assert {"nationality", "mother_tongue", "funding"} <= set(response.json["errors"])
    response = client.post("/api/v1/candidate/", headers=headers, json={
        **person, "nationality": "ma", "mother_tongue": "ARA", "funding": "cpf"})
    assert response.status_code == 201, response.text
    row = db_session.get(Candidate, response.json["id"])
    assert (row.nationality, row.mother_tongue, row.funding) == ("MA", "ar", "cpf")
