"""Staff members: availability and convocation filters, unavailabilities, teachings import."""
from __future__ import annotations

import csv
import io
from datetime import date, datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from openpyxl import load_workbook
from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import Session

from app.models.centres import ExamUser
from app.models.missions.missions import Convocation, ConvocationSlot, Mission
from app.models.missions.staff import Competence, StaffMember, Teaching, Unavailability
from app.security.roles import EXAM_MANAGER
from app.security.scope import scope_query
from app.services.errors import DomainError, NotAllowed, ValidationFailed
from app.services.formatting import format_moment, to_local
from app.services.mail import queue_mail
from app.services.missions.unavailabilities import apply_entry

TEACHING_COLUMNS = ("identifier", "establishment", "training_module", "module_type", "subject",
                    "modality")


def period_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    if last < first:
        raise DomainError(_l("The end of the period must come after its start."))
    return datetime.combine(first, time.min), datetime.combine(last, time.max)


def available_clause(first: date, last: date):
    """Staff with no unavailability overlapping [first, last]."""
    start, end = period_bounds(first, last)
    return ~exists().where(Unavailability.staff_member_id == StaffMember.id,
                           Unavailability.starts_at <= end, Unavailability.ends_at >= start)


def convoked_clause(first: date, last: date):
    """Staff convoked on at least one day of [first, last]."""
    return exists().where(Convocation.staff_member_id == StaffMember.id,
                          ConvocationSlot.convocation_id == Convocation.id,
                          ConvocationSlot.day >= first, ConvocationSlot.day <= last)


def check_unavailability(starts_at: datetime | None, ends_at: datetime | None,
                         reason: str | None) -> None:
    labels = {"starts_at": _l("Start"), "ends_at": _l("End"), "reason": _l("Reason")}
    errors = {}
    if starts_at is None:
        errors["starts_at"] = _l("is required.")
    if ends_at is None:
        errors["ends_at"] = _l("is required.")
    elif starts_at is not None and ends_at <= starts_at:
        errors["ends_at"] = _l("must come after the start.")
    if not (reason or "").strip():
        errors["reason"] = _l("is required.")
    if errors:
        raise ValidationFailed(_l("The unavailability was not saved."), errors, labels)


def overlapping_convocations(session: Session, item: Unavailability) -> list[Convocation]:
    staff_id = item.staff_member.id if item.staff_member is not None else item.staff_member_id
    query = (select(Convocation)
             .join(ConvocationSlot, ConvocationSlot.convocation_id == Convocation.id)
             .where(Convocation.staff_member_id == staff_id,
                    # a day either side: the stored UTC dates may differ from the local ones
                    ConvocationSlot.day >= item.starts_at.date() - timedelta(days=1),
                    ConvocationSlot.day <= item.ends_at.date() + timedelta(days=1)).distinct())
    # Slots are wall-clock times of the mission's centre; unavailabilities are stored in UTC.
    result = []
    for c in session.scalars(query):
        zone = c.mission.centre.timezone if c.mission.centre else None
        start = to_local(item.starts_at, zone).replace(tzinfo=None)
        end = to_local(item.ends_at, zone).replace(tzinfo=None)
        if any(s.start < end and start < s.end for s in c.slots):
            result.append(c)
    return result


def declare_unavailability(session: Session, item: Unavailability, viewer, now: datetime):
    """Validate and author a new unavailability; e-mail the exam managers of overlapped missions.

    Raises ValidationFailed naming each wrong field."""
    person = item.staff_member
    apply_entry(item, person.centre.timezone if person is not None and person.centre else None)
    check_unavailability(item.starts_at, item.ends_at, item.reason)
    item.author_user_id = viewer.user_id
    item.author_centre_id = viewer.centre_id if viewer.is_centre_user else None
    item.created_at = now
    for convocation in overlapping_convocations(session, item):
        _warn_managers(session, item, convocation)


def _warn_managers(session: Session, item: Unavailability, convocation: Convocation) -> None:
    managers = [u for u in session.scalars(select(ExamUser).where(ExamUser.active.is_(True)))
                if EXAM_MANAGER in u.role_names]
    staff, mission = item.staff_member, convocation.mission
    zone = mission.centre.timezone if mission.centre else None
    for manager in managers:
        queue_mail(session, to=manager.email, language=manager.language or "fr",
                   kind="unavailability_overlap", render=lambda: (
                       _l("Unavailability over a convocation: %(person)s",
                          person=staff.full_name),
                       _l("%(person)s declared an unavailability from %(start)s to %(end)s "
                          "(%(reason)s) while convoked for mission %(mission)s.",
                          person=staff.full_name, start=format_moment(item.starts_at, zone=zone),
                          end=format_moment(item.ends_at, zone=zone, named=True),
                          reason=item.reason,
                          mission=mission.number)))


def check_may_delete_unavailability(item: Unavailability, viewer) -> None:
    """A centre deletes only the unavailabilities it declared; a person only their own."""
    if viewer.is_body:
        return
    if viewer.is_centre_user and item.author_centre_id == viewer.centre_id:
        return
    if viewer.is_evaluator and item.author_user_id == viewer.user_id:
        return
    raise NotAllowed(_l("You may delete only the unavailabilities you declared."))


def parse_teachings(data: bytes, filename: str) -> list[dict]:
    """Rows of a teachings file (CSV with ';' or xlsx, header row as TEACHING_COLUMNS)."""
    if filename.lower().endswith(".xlsx"):
        sheet = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
        rows = [["" if c is None else str(c) for c in row]
                for row in sheet.iter_rows(values_only=True)]
    else:
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    return [dict(zip(TEACHING_COLUMNS, row, strict=False)) for row in rows[1:] if any(row)]


def import_teachings(session: Session, rows: list[dict]) -> int:
    """Replace the teachings of every staff member named in the file (all rows or none).

    Raises ValidationFailed listing every bad row.
    """
    staff = {s.identifier: s for s in session.scalars(select(StaffMember))}
    errors = {}
    for number, row in enumerate(rows, start=2):
        if row.get("identifier") not in staff:
            errors[_l("Row %(n)s", n=number)] = _l("unknown staff identifier.")
        elif not (row.get("establishment") and row.get("subject")):
            errors[_l("Row %(n)s", n=number)] = _l("establishment and subject are required.")
    if errors:
        raise ValidationFailed(_l("Nothing was imported."), errors)
    for identifier in {r["identifier"] for r in rows}:
        staff[identifier].teachings.clear()
    for row in rows:
        staff[row["identifier"]].teachings.append(Teaching(
            **{k: (row.get(k) or None) for k in TEACHING_COLUMNS if k != "identifier"}))
    return len(rows)


def suggest_staff(session: Session, mission: Mission, viewer) -> list[tuple[StaffMember, int]]:
    """Competent staff available on the mission's dates, least loaded first (count of missions)."""
    load = (select(func.count(Convocation.id)).where(Convocation.staff_member_id == StaffMember.id)
            .correlate(StaffMember).scalar_subquery())
    query = select(StaffMember, load).where(
        available_clause(mission.starts_on, mission.ends_on),
        ~exists().where(and_(Convocation.staff_member_id == StaffMember.id,
                             Convocation.mission_id == mission.id)))
    if mission.component_id is not None:
        query = query.where(exists().where(Competence.staff_member_id == StaffMember.id,
                                           Competence.component_id == mission.component_id))
    query = scope_query(query, StaffMember, viewer).order_by(load, StaffMember.last_name)
    return [(row[0], row[1]) for row in session.execute(query)]
