"""A staff member's home page (IMAG'IN's "intervenant"): their next convocations, their
competences and their unavailabilities; and the staff page's "Affectations convoquées"."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.base import utcnow
from app.models.missions.missions import Convocation, ConvocationSlot, Mission
from app.models.missions.staff import Competence, StaffMember, Unavailability
from app.security.scope import Viewer, scope_query
from app.services.errors import DomainError
from app.services.missions.convocations import (
    MISSION_STATES,
    check_may_download,
    compute_mission_state,
)


@dataclass
class StaffHome:
    people: list = field(default_factory=list)
    next_slots: list = field(default_factory=list)  # (slot, convocation), soonest first
    competences: list = field(default_factory=list)
    unavailabilities: list = field(default_factory=list)


def staff_home(session: Session, viewer: Viewer, today: date, limit: int = 10) -> StaffHome | None:
    """None unless the viewer is an evaluator linked to a staff member."""
    if not viewer.is_evaluator or viewer.user_id is None:
        return None
    people = list(session.scalars(select(StaffMember).where(
        StaffMember.user_id == viewer.user_id)))
    if not people:
        return None
    ids = [p.id for p in people]
    slots = session.execute(
        select(ConvocationSlot, Convocation).join(
            Convocation, ConvocationSlot.convocation_id == Convocation.id)
        .where(Convocation.staff_member_id.in_(ids), ConvocationSlot.day >= today)
        .order_by(ConvocationSlot.day, ConvocationSlot.starts_at).limit(limit)).all()
    competences = list(session.scalars(select(Competence).where(
        Competence.staff_member_id.in_(ids)).order_by(Competence.id)))
    unavailabilities = list(session.scalars(select(Unavailability).where(
        Unavailability.staff_member_id.in_(ids), Unavailability.ends_at >= utcnow())
        .order_by(Unavailability.starts_at)))
    return StaffHome(people, [(s, c) for s, c in slots], competences, unavailabilities)


@dataclass
class Assignment:
    """One row of "Affectations convoquées": a convocation, its first day, its mission's state."""

    convocation: Convocation
    first_day: date | None
    state: str
    downloadable: bool

    @property
    def state_label(self) -> str:
        return str(MISSION_STATES[self.state])


def convoked_assignments(session: Session, viewer: Viewer, staff: StaffMember,
                         today: date) -> list[Assignment]:
    """The convocations of `staff` the viewer may see, soonest first, each with its mission's
    state (seed's words) and whether the viewer may download its PDF."""
    query = scope_query(select(Convocation).join(Mission).where(
        Convocation.staff_member_id == staff.id), Convocation, viewer)
    rows = []
    for convocation in session.scalars(query):
        mission = convocation.mission
        start, end, *counts = mission.state_inputs
        rows.append(Assignment(
            convocation, convocation.slots[0].day if convocation.slots else mission.starts_on,
            compute_mission_state(start, end, today, *counts),
            _may_download(convocation, viewer)))
    return sorted(rows, key=lambda row: (row.first_day or date.min, row.convocation.id))


def _may_download(convocation: Convocation, viewer: Viewer) -> bool:
    try:
        check_may_download(convocation, viewer)
    except DomainError:
        return False
    return True
