"""Journey: the exam-centre head attests the service done of every convoked person of a mission
on one page, forgets a reason (refused, nothing saved, nothing lost), then saves."""
from datetime import date, time, timedelta

from sqlalchemy import select

from app.extensions import db
from app.models.centres import Centre
from app.models.missions.missions import (
    Convocation,
    ConvocationOrigin,
    ConvocationSlot,
    Mission,
    MissionType,
    Remuneration,
)
from app.models.missions.staff import StaffMember
from app.models.reference import Product
from tests.browser.conftest import screenshot


def test_the_grid_of_a_mission_in_one_save(page_as, live_server):
    with live_server.app.app_context():
        paris = db.session.scalar(select(Centre).where(Centre.code == "PAR-0750001"))
        day = date.today() - timedelta(days=3)
        mission = Mission(number="PAR-J-GRID", exam_session="TEF, TEFCAN, grille",
                          type=MissionType.MARKING, centre=paris, starts_on=day, ends_on=day,
                          open_to_centre=True, remuneration=Remuneration.WRITTEN,
                          product=db.session.scalar(select(Product).where(
                              Product.code == "TEFCAN")))
        people = [StaffMember(identifier=f"J-GRID-{i}", last_name=name, first_name="Léa",
                              centre=paris) for i, name in enumerate(["Arnaud", "Blanc"])]
        db.session.add_all([mission, *people])
        convs = [Convocation(mission=mission, staff_member=p, origin=ConvocationOrigin.CENTRE,
                             created_by_centre_id=paris.id,
                             slots=[ConvocationSlot(day=day, starts_at=time(8),
                                                    ends_at=time(12))])
                 for p in people]
        db.session.add_all(convs)
        db.session.commit()
        mission_id, (first, second) = mission.id, [c.id for c in convs]
    page = page_as("paris.manager")
    page.goto(f"/missionview/show/{mission_id}")
    page.click("text=Constat de service fait (tous les intervenants)")
    page.wait_for_load_state("load")
    page.select_option(f"select[name=done-{first}]", "y")
    page.fill(f"input[name=scripts-{first}]", "32")
    page.select_option(f"select[name=done-{second}]", "n")  # the mistake: no reason
    page.click("#service-grid button[type=submit]")
    page.wait_for_load_state("load")
    assert "corrigez les lignes signalées" in page.content()
    assert page.locator(f"#error-{second}-not_done_reason").is_visible()
    assert page.input_value(f"input[name=scripts-{first}]") == "32"
    screenshot(page, "missions-service-grid-error-fr")
    with live_server.app.app_context():
        assert db.session.get(Convocation, first).service is None
    page.fill(f"input[name=reason-{second}]", "Absente (maladie)")
    page.click("#service-grid button[type=submit]")
    page.wait_for_load_state("load")
    assert "Service fait enregistré pour 2 intervenant(s)" in page.content()
    with live_server.app.app_context():
        assert db.session.get(Convocation, first).service.scripts == 32
        assert db.session.get(Convocation, second).service.not_done_reason == "Absente (maladie)"
    screenshot(page, "missions-service-grid-saved-fr")
