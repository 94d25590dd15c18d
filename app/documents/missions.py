"""Documents of exam missions: convocation PDFs and zips, extracts of staff and missions."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from app.documents.archive import stream_zip
from app.documents.files import ascii_name
from app.documents.pdf import render_pdf
from app.documents.tables import csv_bytes
from app.models.missions.missions import Convocation, Mission
from app.models.missions.staff import StaffMember
from app.services.formatting import format_day
from app.services.missions.convocation_files import (  # noqa: F401 (the screens' names)
    convocation_filename,
    convocation_pdf,
    render_convocation,
    signatures_of,
)

ROWS_PER_PAGE = 25  # landscape lists: a row with wrapped cells still fits
EXTRACT_FORMATS = ("csv", "pdf")


def zip_filename(mission: Mission, today: date) -> str:
    """<EXAM>_<mission>_<YYYYMMDD>.zip"""
    return f"{ascii_name(mission.product.code)}_{ascii_name(mission.number)}_{today:%Y%m%d}.zip"


def _loaded(convocation: Convocation) -> tuple:
    """Load what the PDF shows now: the archive is written after the request's session ends."""
    mission = convocation.mission
    return (convocation.staff_member, convocation.quality, convocation.commission,
            list(convocation.slots), mission.centre, mission.product, mission.speciality,
            mission.component)


def convocations_zip(session: Session, convocations: list[Convocation],
                     today: date) -> Iterator[bytes]:
    signatures = {}
    named = []
    for convocation in convocations:
        _loaded(convocation)
        centre_id = convocation.mission.centre_id
        if centre_id not in signatures:
            signatures[centre_id] = signatures_of(session, centre_id)
        named.append((convocation_filename(convocation), convocation, signatures[centre_id]))
    members = ((name, convocation_pdf(None, c, today, sigs)) for name, c, sigs in named)
    return stream_zip(members)


def _fmt(value) -> str:
    if value is None:
        return ""
    return f"{value:%d/%m/%Y}" if isinstance(value, date) else str(value)


def staff_extract(kind: str, staff: list[StaffMember]) -> tuple[str, list, list[list]]:
    """(title, header, rows) of a staff extract: staff, teachings, missions, missions_detailed."""
    base = [_("Identifier"), _("Last name"), _("First name"), _("Post discipline"),
            _("Main centre")]

    def who(s):
        return [s.identifier, s.last_name.upper(), s.first_name, s.post_discipline or "",
                s.centre.code]

    if kind == "teachings":
        header = base + [_("Establishment"), _("Training module"), _("Subject taught"), _("Modality")]
        rows = [who(s) + [t.establishment, t.training_module or "", t.subject, t.modality or ""]
                for s in staff for t in s.teachings]
        return _("Staff and their teachings"), header, rows
    if kind in ("missions", "missions_detailed"):
        detailed = kind == "missions_detailed"
        header = base + [_("Mission"), _("Exam session")] + (
            [_("Quality"), _("Dates"), _("Origin")] if detailed else [])
        rows = []
        for s in staff:
            for c in _convocations_of(s):
                extra = [c.quality.label if c.quality else "", c.dates_display,
                         c.origin.label] if detailed else []
                rows.append(who(s) + [c.mission.number, c.mission.exam_session] + extra)
        title = _("Staff and their missions (detailed)") if detailed else _(
            "Staff and their missions")
        return title, header, rows
    header = base + [_("Secondary centre"), _("Professional e-mail"), _("Phone"),
                     _("Last convocation")]
    rows = [who(s) + [s.secondary_centre.code if s.secondary_centre else "",
                      s.professional_email or "", s.professional_phone or s.personal_phone or "",
                      _fmt(s.last_convocation_date)] for s in staff]
    return _("Staff"), header, rows


def _convocations_of(staff: StaffMember) -> list[Convocation]:
    return list(object_session(staff).scalars(
        select(Convocation).where(Convocation.staff_member_id == staff.id)
        .order_by(Convocation.id)))


def missions_extract(kind: str, missions: list[Mission], state_of) -> tuple[str, list, list]:
    header = [_("Number"), _("Exam session"), _("Exam"), _("Type"), _("Start"), _("End"),
              _("State")]
    if kind == "details":
        header += [_("Staff member"), _("Quality"), _("Dates"), _("Origin")]
        rows = [[m.number, m.exam_session, m.product.code, m.type.label, _fmt(m.starts_on),
                 _fmt(m.ends_on), state_of(m), c.staff_member.full_name,
                 c.quality.label if c.quality else "", c.dates_display, c.origin.label]
                for m in missions for c in m.convocations]
        return _("Missions of the centre (details)"), header, rows
    rows = [[m.number, m.exam_session, m.product.code, m.type.label, _fmt(m.starts_on),
             _fmt(m.ends_on), state_of(m)] for m in missions]
    return _("Missions of the centre"), header, rows


def service_sheet(mission: Mission) -> tuple[str, list, list]:
    header = [_("Staff member"), _("Post discipline"), _("Dates"), _("Service done"),
              _("Number of scripts"), _("Number of candidates examined"), _("Hours"),
              _("Reason"), _("Expenses")]
    rows = []
    for c in mission.convocations:
        s = c.service
        done = "" if s is None else (_("Done") if s.done else _("Not done"))
        rows.append([c.staff_member.full_name, c.staff_member.post_discipline or "",
                     c.dates_display, done, _fmt(s.scripts) if s else "",
                     _fmt(s.candidates) if s else "",
                     _fmt(s.hours) if s and s.hours is not None else (
                         (s.half_day_hours or "") if s else ""),
                     (s.not_done_reason or "") if s else "", c.expenses_status.label])
    return _("Service-done sheet — mission %(number)s", number=mission.number), header, rows


def table_document(fmt: str, title: str, header: list, rows: list, centre_name: str,
                   today: date) -> bytes:
    """An extract as CSV (';') or as a landscape PDF list."""
    if fmt == "csv":
        return csv_bytes(header, rows)
    return render_pdf("documents/table.html", rows, ROWS_PER_PAGE, title=title, headers=header,
                      filters=None, centre_name=centre_name, printed=format_day(today),
                      orientation="landscape")
