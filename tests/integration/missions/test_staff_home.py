"""A staff member's home page shows their next missions (with the convocation to download),
their competences and unavailabilities, not the centre's to-do tiles."""
from __future__ import annotations

from datetime import date, time, timedelta

from sqlalchemy import select

from app.models.centres import Centre
from app.models.missions.missions import (
    Convocation,
    ConvocationSlot,
    Mission,
    MissionType,
    Remuneration,
)
from app.models.missions.staff import StaffMember
from app.models.reference import Product


def test_the_staff_member_sees_their_next_missions(login_as, db_session):
    paris = db_session.scalar(select(Centre).where(Centre.code == "PAR-0750001"))
    person = db_session.scalar(select(StaffMember).where(StaffMember.identifier == "P750001"))
    day = date.today() + timedelta(days=10)
    mission = Mission(number="PAR-H-001", exam_session="TEF, TEFCAN, à venir",
                      type=MissionType.ORAL, centre=paris, starts_on=day, ends_on=day,
                      remuneration=Remuneration.ORAL,
                      product=db_session.scalar(select(Product).where(Product.code == "TEFCAN")))
    convocation = Convocation(mission=mission, staff_member=person, room="B12",
                              slots=[ConvocationSlot(day=day, starts_at=time(14, 30),
                                                     ends_at=time(17, 0))])
    db_session.add_all([mission, convocation])
    db_session.commit()
    page = login_as("paris.evaluator").get("/").text
    assert "Mes prochaines missions" in page and "PAR-H-001" in page
    assert f"{day:%d/%m/%Y}" in page and "14:30-17:00" in page and "Salle B12" in page
    assert f"/convocationview/pdf/{convocation.id}" in page
    assert "Mes compétences" in page and "Mes indisponibilités" in page
    assert "dash-todo" not in page  # no centre to-do tiles


def test_a_centre_head_keeps_the_centre_dashboard(login_as):
    page = login_as("paris.manager").get("/").text
    assert "dash-todo" in page and "Mes prochaines missions" not in page
