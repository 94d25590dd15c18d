"""Every mission screen renders for the roles that use it, in French and in English."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.models.centres import Centre
from app.models.missions.allowances import Allowance
from app.models.missions.missions import (
    Convocation,
    ConvocationOrigin,
    ConvocationSignature,
    Mission,
    SignatureKind,
)
from app.models.missions.staff import StaffMember

LISTS = ["/staffmemberview/list/", "/unavailabilityview/list/", "/competenceview/list/",
         "/missionview/list/", "/convocationview/list/", "/servicedoneview/list/",
         "/signatureview/list/", "/allowanceview/list/"]


def _paris(db_session, model, *where):
    return db_session.scalar(select(model).where(*where))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_centre_manager_screens_render(login_as, db_session, lang):
    client = login_as("paris.manager")
    client.get(f"/lang/{lang}")
    centre = _paris(db_session, Centre, Centre.code == "PAR-0750001")
    mission = _paris(db_session, Mission, Mission.centre_id == centre.id,
                     Mission.number.endswith("-101"))
    convocation = next(c for c in mission.convocations if c.origin == ConvocationOrigin.CENTRE)
    allowance = _paris(db_session, Allowance, Allowance.centre_id == centre.id)
    staff = _paris(db_session, StaffMember, StaffMember.identifier == "P750001")
    pages = LISTS + [f"/missionview/show/{mission.id}", f"/missionview/convoke/{mission.id}",
                     f"/missionview/convoke/{mission.id}?discipline=LETTRES",
                     f"/missionview/convoke/{mission.id}?name=Dup",
                     f"/convocationview/show/{convocation.id}",
                     f"/convocationview/edit/{convocation.id}",
                     f"/convocationview/service/{convocation.id}",
                     f"/allowanceview/show/{allowance.id}", f"/allowanceview/edit/{allowance.id}",
                     f"/staffmemberview/show/{staff.id}", "/unavailabilityview/add",
                     "/competenceview/add", "/missionview/list/?year=all&attested=1"]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
    assert "DUPONT Alexandre" in client.get(f"/missionview/convoke/{mission.id}?name=Dup").text
    preview = client.get("/signatureview/preview/pdf")
    assert preview.headers["Content-Type"] == "application/pdf"


def test_mission_extracts_are_csv_and_pdf(login_as):
    client = login_as("paris.manager")
    csv_text = client.get("/missionview/extract/csv?kind=details").get_data().decode("utf-8-sig")
    assert csv_text.splitlines()[0].count(";") >= 7 and "PAR-" in csv_text
    assert "LYO-" not in csv_text
    assert client.get("/missionview/extract/pdf").get_data().startswith(b"%PDF")
    for kind in ("staff", "teachings", "missions", "missions_detailed"):
        pdf = client.get(f"/staffmemberview/extract/pdf?kind={kind}")
        assert pdf.get_data().startswith(b"%PDF"), kind


def test_exam_manager_sees_every_centre(login_as):
    client = login_as("manager")
    listing = client.get("/missionview/list/?year=all&attested=1").text
    assert "PAR-" in listing and "LYO-" in listing
    for page in LISTS + ["/competencelockview/list/", "/allowancerateview/list/"]:
        assert client.get(page).status_code == 200, page


def test_evaluator_space_lists_their_missions_competences_and_unavailabilities(login_as,
                                                                               db_session):
    client = login_as("paris.evaluator")
    for page in ("/missionview/list/", "/convocationview/list/", "/competenceview/list/",
                 "/unavailabilityview/list/", "/unavailabilityview/add", "/competenceview/add"):
        assert client.get(page).status_code == 200, page
    own = _paris(db_session, Convocation, Convocation.staff_member_id == _paris(
        db_session, StaffMember, StaffMember.identifier == "P750001").id)
    assert client.get(f"/convocationview/service/{own.id}").status_code in (302, 403)


def test_a_second_signature_of_a_kind_is_refused_on_its_field_in_french(login_as, db_session):
    client = login_as("paris.manager")
    client.get("/lang/fr")
    centre = _paris(db_session, Centre, Centre.code == "PAR-0750001")
    before = db_session.query(ConvocationSignature).count()
    response = client.post("/signatureview/add", data={
        "csrf_token": client.csrf, "centre": centre.id,
        "kind": SignatureKind.ESTABLISHMENT_HEAD.name, "authority": "Rectorat",
        "title": "Proviseure", "name": "Anne L'Hôpital", "city": "Paris"})
    assert response.status_code == 422
    html = response.text
    kind_row = html[html.index('name="kind"'):]
    kind_row = kind_row[:kind_row.index("</tr>")]
    assert "a déjà sa signature dans votre centre" in kind_row
    assert "déjà utilisé par un autre enregistrement" not in html
    assert db_session.query(ConvocationSignature).count() == before
