"""Convocations: dates inside the mission, no overlap, who may manage them, mission state."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.missions.missions import (
    Commission,
    Convocation,
    ConvocationOrigin,
    ConvocationSlot,
    ExpensesStatus,
    Mission,
    MissionType,
    Quality,
)
from app.models.missions.staff import StaffMember, Unavailability
from app.services.errors import DomainError, NotAllowed, ValidationFailed
from app.services.formatting import format_clock, format_day, to_local

SLOT_LINE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2})[:h](\d{2})\s*-\s*"
                       r"(\d{1,2})[:h](\d{2})\s*$")
DATES_LABEL = {"dates": _l("Dates")}
SANTORIN_MARKER = "CORR"


@dataclass(frozen=True)
class Slot:
    day: date
    starts_at: time
    ends_at: time

    @property
    def start(self) -> datetime:
        return datetime.combine(self.day, self.starts_at)

    @property
    def end(self) -> datetime:
        return datetime.combine(self.day, self.ends_at)

    def text(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.starts_at:%H:%M}-{self.ends_at:%H:%M}"


def parse_slots(text: str) -> list[Slot]:
    """One "JJ/MM/AAAA HH:MM-HH:MM" per line; raises ValidationFailed naming the bad lines."""
    slots, bad = [], []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        match = SLOT_LINE.match(line)
        try:
            d, m, y, h1, m1, h2, m2 = (int(g) for g in match.groups())
            slot = Slot(date(y, m, d), time(h1, m1), time(h2, m2))
        except (AttributeError, ValueError):
            bad.append(str(number))
            continue
        if slot.ends_at <= slot.starts_at:
            bad.append(str(number))
            continue
        slots.append(slot)
    if bad:
        raise ValidationFailed(_l("The convocation was not saved."), {"dates": _l(
            "line(s) %(lines)s: write JJ/MM/AAAA HH:MM-HH:MM, the end after the start.",
            lines=", ".join(bad))}, DATES_LABEL)
    if not slots:
        raise ValidationFailed(_l("The convocation was not saved."),
                               {"dates": _l("give at least one date.")}, DATES_LABEL)
    return slots


def check_slots_within(slots: list[Slot], first: date, last: date) -> None:
    """Every date is inside the mission's (or the commission's) dates."""
    outside = [s.text() for s in slots if not first <= s.day <= last]
    if outside:
        raise ValidationFailed(_l("The convocation was not saved."), {"dates": _l(
            "%(dates)s outside the dates %(first)s - %(last)s.", dates="; ".join(outside),
            first=f"{first:%d/%m/%Y}", last=f"{last:%d/%m/%Y}")}, DATES_LABEL)


def _wall_clock(moment: datetime) -> str:
    """A wall-clock moment (already in the centre's time) as 16/03/2027 10:00."""
    return f"{format_day(moment.date())} {format_clock(moment.time())}"


def check_no_overlap(slots: list[Slot], unavailable: list[tuple[datetime, datetime, str]],
                     convoked: list[tuple[datetime, datetime, str]]) -> None:
    """Refuse a slot overlapping an unavailability or another convocation, saying which."""
    for slot in slots:
        for start, end, reason in unavailable:
            if slot.start < end and start < slot.end:
                raise DomainError(_l("%(slot)s: the person is unavailable from %(start)s to "
                                     "%(end)s (%(reason)s)."), slot=slot.text(),
                                  start=_wall_clock(start), end=_wall_clock(end), reason=reason)
        for start, end, mission in convoked:
            if slot.start < end and start < slot.end:
                raise DomainError(_l("%(slot)s: the person is already convoked for mission "
                                     "%(mission)s."), slot=slot.text(), mission=mission)


def compute_mission_state(starts_on: date, ends_on: date, today: date, convoked: int,
                          attested: int, practical: bool = True) -> str:
    """"future" (not done yet), "started", "done" (date passed), "attested" (all attested).

    "started" is the seed's state of a practical or sports mission under way (its hours are
    entered day by day); any other mission under way is not done yet until its dates passed."""
    if convoked and attested >= convoked:
        return "attested"
    if today < starts_on:
        return "future"
    if today <= ends_on:
        return "started" if practical else "future"
    return "done"


# The seed's words ("Mission non effectuée / commencée / effectuée / constatée").
MISSION_STATES = {"future": lazy_pgettext("mission state", "Not done yet"),
                  "started": lazy_pgettext("mission state", "Started"),
                  "done": lazy_pgettext("mission state", "Done"),
                  "attested": lazy_pgettext("mission state", "Attested")}


# -- shell -------------------------------------------------------------------------------------
def busy_periods(session: Session, staff_id: int, exclude_convocation: int | None = None,
                 zone: str | None = None):
    """Unavailabilities (stored in UTC) as wall-clock times of `zone`, the frame of the slots."""
    unavailable = [(to_local(u.starts_at, zone).replace(tzinfo=None),
                    to_local(u.ends_at, zone).replace(tzinfo=None), u.reason)
                   for u in session.scalars(
        select(Unavailability).where(Unavailability.staff_member_id == staff_id))]
    query = (select(ConvocationSlot, Mission.number).select_from(ConvocationSlot)
             .join(Convocation, ConvocationSlot.convocation_id == Convocation.id)
             .join(Mission, Convocation.mission_id == Mission.id)
             .where(Convocation.staff_member_id == staff_id))
    if exclude_convocation is not None:
        query = query.where(Convocation.id != exclude_convocation)
    convoked = [(s.start, s.end, number) for s, number in session.execute(query)]
    return unavailable, convoked


def check_centre_may_convoke(mission: Mission, viewer) -> None:
    if viewer.is_body:
        return
    if not viewer.is_centre_user or mission.centre_id != viewer.centre_id:
        raise NotAllowed(_l("You may not convoke for this mission."))
    if not mission.open_to_centre:
        raise NotAllowed(_l("Mission %(number)s is not open to convocation by the centre."),
                         number=mission.number)


def check_centre_may_manage(convocation: Convocation, viewer) -> None:
    """A centre edits, deletes, downloads and e-mails only the convocations it made."""
    if viewer.is_body:
        return
    if (convocation.origin != ConvocationOrigin.CENTRE
            or convocation.created_by_centre_id != viewer.centre_id):
        raise NotAllowed(_l("This convocation was made by the exam managers: it is read-only."))


def check_may_download(convocation: Convocation, viewer) -> None:
    """The convocation's PDF: the person convoked, the exam managers, and the centre that made it.

    Raises NotAllowed."""
    if viewer.is_evaluator and convocation.staff_member.user_id == viewer.user_id:
        return
    check_centre_may_manage(convocation, viewer)


def check_deletable(convocation: Convocation) -> None:
    if convocation.expenses_status in (ExpensesStatus.PROCESSING, ExpensesStatus.PROCESSED):
        raise NotAllowed(_l("The expenses of this convocation are being processed: it cannot be "
                            "deleted."))


def _window(mission: Mission, commission: Commission | None) -> tuple[date, date]:
    if commission is not None:
        if commission.mission_id != mission.id:
            raise ValidationFailed(_l("The convocation was not saved."), {
                "commission": _l("does not belong to this mission.")},
                {"commission": _l("Commission")})
        return commission.starts_on, commission.ends_on
    return mission.starts_on, mission.ends_on


def _default_quality(session: Session, mission: Mission, quality: Quality | None):
    """Common-assessment marking without a quality: convoked as Santorin markers (CORR)."""
    if quality is None and mission.type == MissionType.COEC:
        return session.scalar(select(Quality).where(Quality.code == SANTORIN_MARKER))
    return quality


def _check_quality(mission: Mission, quality: Quality | None) -> None:
    if quality is not None and mission.type == MissionType.COEC and not quality.santorin:
        raise ValidationFailed(_l("The convocation was not saved."), {
            "quality": _l("choose a Santorin quality for dematerialised marking.")},
            {"quality": _l("Quality")})


@dataclass
class ConvocationData:
    slots: list[Slot]
    quality: Quality | None = None
    commission: Commission | None = None
    jury: str | None = None
    room: str | None = None
    observation: str | None = None
    save_on_mission: bool = False


def _check_staff(session: Session, mission: Mission, staff: StaffMember, data: ConvocationData,
                 exclude: int | None) -> None:
    unavailable, convoked = busy_periods(session, staff.id, exclude,
                                         mission.centre.timezone if mission.centre else None)
    try:
        check_no_overlap(data.slots, unavailable, convoked)
    except DomainError as exc:
        raise DomainError(_l("%(person)s: %(reason)s"), person=staff.full_name,
                          reason=str(exc)) from exc


def convoke(session: Session, mission: Mission, staff: list[StaffMember], data: ConvocationData,
            viewer) -> list[Convocation]:
    """Convoke every person of `staff` (all or none); raises DomainError with the reason."""
    check_centre_may_convoke(mission, viewer)
    data.quality = _default_quality(session, mission, data.quality)
    first, last = _window(mission, data.commission)
    check_slots_within(data.slots, first, last)
    _check_quality(mission, data.quality)
    if not staff:
        raise ValidationFailed(_l("The convocation was not saved."),
                               {"staff": _l("choose at least one person.")},
                               {"staff": _l("Staff members")})
    for person in staff:
        if any(c.staff_member_id == person.id for c in mission.convocations):
            raise DomainError(_l("%(person)s is already convoked for this mission."),
                              person=person.full_name)
        _check_staff(session, mission, person, data, None)
    made = []
    for person in staff:
        convocation = Convocation(mission=mission, staff_member=person)
        convocation.origin = ConvocationOrigin.MANAGER if viewer.is_body else ConvocationOrigin.CENTRE
        convocation.created_by_centre_id = None if viewer.is_body else viewer.centre_id
        _apply(convocation, data)
        session.add(convocation)
        made.append(convocation)
    _remember_on_mission(mission, data)
    return made


def update(session: Session, convocation: Convocation, data: ConvocationData, viewer) -> None:
    check_centre_may_manage(convocation, viewer)
    mission = convocation.mission
    first, last = _window(mission, data.commission)
    check_slots_within(data.slots, first, last)
    _check_quality(mission, data.quality)
    _check_staff(session, mission, convocation.staff_member, data, convocation.id)
    _apply(convocation, data)
    _remember_on_mission(mission, data)


def delete(session: Session, convocation: Convocation, viewer) -> None:
    check_centre_may_manage(convocation, viewer)
    check_deletable(convocation)
    session.delete(convocation)


def _apply(convocation: Convocation, data: ConvocationData) -> None:
    convocation.quality, convocation.commission = data.quality, data.commission
    convocation.jury, convocation.room = data.jury, data.room
    convocation.observation = (data.observation if data.observation is not None
                               else convocation.mission.default_observation)
    convocation.slots = [ConvocationSlot(day=s.day, starts_at=s.starts_at, ends_at=s.ends_at)
                         for s in data.slots]
    staff = convocation.staff_member
    last_day = max(s.day for s in data.slots)
    if staff.last_convocation_date is None or staff.last_convocation_date < last_day:
        staff.last_convocation_date = last_day


def _remember_on_mission(mission: Mission, data: ConvocationData) -> None:
    """COEC: "save these dates on the mission" reuses them for the next convocations."""
    if data.save_on_mission and mission.type == MissionType.COEC:
        mission.saved_dates = "\n".join(s.text() for s in data.slots)
        if data.observation:
            mission.default_observation = data.observation
