"""The documents a convocation is: its PDF (<LAST>_<First>.pdf) and its calendar event (.ics),
rendered once here for the download, the zip and the e-mail alike."""
from __future__ import annotations

from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.documents.calendar import Event, calendar_text
from app.documents.files import ascii_name
from app.documents.pdf import render_pdf
from app.models.missions.missions import Convocation, ConvocationOrigin, ConvocationSignature
from app.services.formatting import format_day, to_utc


def convocation_filename(convocation: Convocation) -> str:
    """<LAST>_<First>.pdf"""
    person = convocation.staff_member
    return f"{ascii_name(person.last_name.upper())}_{ascii_name(person.first_name)}.pdf"


def signatures_of(session: Session, centre_id: int) -> list[ConvocationSignature]:
    return list(session.scalars(select(ConvocationSignature).where(
        ConvocationSignature.centre_id == centre_id).order_by(ConvocationSignature.kind)))


def convocation_pdf(session: Session | None, convocation: Convocation, today: date,
                    signatures: list | None = None) -> bytes:
    """The convocation PDF in the current language; centre-made ones carry the signatures."""
    centre_made = convocation.origin == ConvocationOrigin.CENTRE
    mission = convocation.mission
    if signatures is None:
        signatures = signatures_of(session, mission.centre_id)
    signatures = signatures if centre_made else []
    return render_convocation(convocation, centre_made, signatures, today)


def render_convocation(convocation: Convocation, centre_made: bool, signatures: list,
                       today: date) -> bytes:
    """A convocation (a stored one, or the unsaved sample of the signature preview)."""
    return render_pdf("missions/pdf/convocation.html", convocation=convocation,
                      centre_made=centre_made, signatures=signatures, title=_("Convocation"),
                      printed=format_day(today), centre_name=convocation.mission.centre.name)


def mission_place(convocation: Convocation) -> str:
    """Where the person goes: the centre's name and address, and the room when there is one."""
    centre = convocation.mission.centre
    town = " ".join(p for p in (centre.postcode, centre.city) if p)
    parts = [centre.name, centre.address, town]
    if convocation.room:
        parts.append(_("Room %(room)s", room=convocation.room))
    return ", ".join(p for p in parts if p)


def convocation_uid(convocation: Convocation) -> str:
    """The same for every send of this convocation: a calendar updates its event."""
    return f"convocation-{convocation.id}"


def convocation_ics(convocation: Convocation, stamp: datetime, sequence: int) -> str:
    """One event per date of the convocation. The dates are wall-clock times of the centre,
    written in UTC (with Z) so every calendar reads the same instant; `sequence` counts the
    earlier sends so a calendar replaces the event it holds."""
    mission = convocation.mission
    zone = mission.centre.timezone or "Europe/Paris"
    summary = _("Convocation: mission %(number)s", number=mission.number)
    description = f"{mission.exam_session} — {mission.type.label}"
    uid = convocation_uid(convocation)
    events = [Event(uid if index == 0 else f"{uid}-{index}", to_utc(slot.start, zone),
                    to_utc(slot.end, zone), summary, mission_place(convocation), description,
                    utc=True, sequence=sequence)
              for index, slot in enumerate(sorted(convocation.slots, key=lambda s: s.start))]
    return calendar_text(events, stamp, product="Convocation")
