"""The competence add form's chain (seed 003): exam → speciality → épreuve-option, each select
filled from the one before by a JSON endpoint that keeps to the viewer's exams; a refused form
keeps the three choices; an épreuve-option outside the chosen exam is refused on its field."""
from __future__ import annotations

import re

from sqlalchemy import select

from app.models.centres import Centre
from app.models.missions.staff import Competence, StaffMember
from app.models.reference import PriceList, Product, Speciality, TestComponent


def _ids(db_session, exam_code, speciality_code=None, option_code=None):
    exam = db_session.scalar(select(Product).where(Product.code == exam_code))
    speciality = db_session.scalar(select(Speciality).where(
        Speciality.product_id == exam.id, Speciality.code == speciality_code)) \
        if speciality_code else None
    option = db_session.scalar(select(TestComponent).where(
        TestComponent.product_id == exam.id, TestComponent.code == option_code)) \
        if option_code else None
    return exam, speciality, option


def test_the_chain_offers_specialities_then_options_of_the_chosen_exam(login_as, db_session):
    exam, speciality, _ = _ids(db_session, "BCG", "BCG")
    client = login_as("paris.manager")
    specialities = client.get(f"/competenceview/chain/specialities?exam={exam.id}").json
    assert [s["label"] for s in specialities] == ["BCG - BACCALAUREAT GENERAL",
                                                   "S - SCIENTIFIQUE"]
    options = client.get(f"/competenceview/chain/options?exam={exam.id}"
                         f"&speciality={speciality.id}").json
    assert [o["label"] for o in options] == ["1-T002-1 - Français oral",
                                             "1-T004-1 - Epr orale terminale (Gd oral)",
                                             "1-T020-3 - Epreuves orales de contrôle"]
    tefcan, ecrit, _ = _ids(db_session, "TEFCAN", "ECRIT")
    options = client.get(f"/competenceview/chain/options?exam={tefcan.id}"
                         f"&speciality={ecrit.id}").json
    # one "EE - Expression écrite", the one of the chosen exam
    assert [o["label"] for o in options] == ["CE - Compréhension écrite",
                                             "EE - Expression écrite"]


def test_the_chain_keeps_to_the_exams_of_the_viewers_centre(login_as, db_session):
    """An exam the centre neither prices nor holds a mission of gives nothing, even by URL."""
    lyon = db_session.scalar(select(Centre).where(Centre.code == "LYO-0690001"))
    foreign = Product(code="BTS", name="Brevet de technicien supérieur", range="OTHER")
    db_session.add(foreign)
    db_session.flush()
    speciality = Speciality(product_id=foreign.id, code="MUC", label="MANAGEMENT UNITES COM.")
    db_session.add(speciality)
    db_session.flush()
    db_session.add(TestComponent(product_id=foreign.id, code="E4", label="Management",
                                 speciality_id=speciality.id))
    db_session.add(PriceList(centre_id=lyon.id, product_id=foreign.id, amount_excl_vat=10))
    db_session.flush()
    paris = login_as("paris.manager")
    assert paris.get(f"/competenceview/chain/specialities?exam={foreign.id}").json == []
    assert paris.get(f"/competenceview/chain/options?exam={foreign.id}"
                     f"&speciality={speciality.id}").json == []
    assert "Brevet de technicien supérieur" not in paris.get("/competenceview/add").text
    lyon_client = login_as("lyon.manager")
    assert [s["label"] for s in lyon_client.get(
        f"/competenceview/chain/specialities?exam={foreign.id}").json] == [
        "MUC - MANAGEMENT UNITES COM."]
    assert paris.get("/competenceview/chain/nothing").status_code == 404


def test_a_competence_is_added_through_the_chain_and_listed_with_its_speciality(
        login_as, db_session):
    exam, speciality, option = _ids(db_session, "BCG", "BCG", "1-T004-1")
    person = db_session.scalar(select(StaffMember).where(StaffMember.identifier == "P750002"))
    client = login_as("paris.manager")
    response = client.post("/competenceview/add", data={
        "csrf_token": client.csrf, "staff_member": person.id, "chain_exam": exam.id,
        "chain_speciality": speciality.id, "component": option.id})
    assert response.status_code == 302
    competence = db_session.scalar(select(Competence).where(
        Competence.staff_member_id == person.id, Competence.component_id == option.id))
    assert [a["code"] for a in competence.authors] == ["PAR-0750001"]
    listing = client.get("/competenceview/list/?psize_CompetenceView=100").text
    assert "BCG - BACCALAUREAT GENERAL" in listing


def test_an_option_of_another_exam_is_refused_and_the_choices_are_kept(login_as, db_session):
    exam, speciality, _ = _ids(db_session, "BCG", "BCG")
    _, _, other = _ids(db_session, "TEFCAN", option_code="EO")
    person = db_session.scalar(select(StaffMember).where(StaffMember.identifier == "P750002"))
    client = login_as("paris.manager")
    response = client.post("/competenceview/add", data={
        "csrf_token": client.csrf, "staff_member": person.id, "chain_exam": exam.id,
        "chain_speciality": speciality.id, "component": other.id})
    assert response.status_code == 422
    page = response.text
    assert "n'est pas une épreuve-option de l'examen et de la spécialité choisis" in page
    assert re.search(rf'<option selected value="{exam.id}">|<option value="{exam.id}" selected',
                     page)
    assert re.search(rf'<option selected value="{speciality.id}">'
                     rf'|<option value="{speciality.id}" selected', page)
    assert re.search(rf'<option selected value="{other.id}">|<option value="{other.id}" selected',
                     page)
    assert db_session.scalar(select(Competence).where(
        Competence.staff_member_id == person.id, Competence.component_id == other.id)) is None
