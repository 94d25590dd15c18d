"""iCalendar (.ics) text of a convocation, one event per convocation date (RFC 5545)."""
from __future__ import annotations

from datetime import datetime


def _escape(text: str) -> str:
    return (text or "").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace(
        "\r", "").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after one space."""
    chunks, data = [], line.encode("utf-8")
    while len(data) > 75:
        cut = 75
        while (data[cut] & 0xC0) == 0x80:  # never split a UTF-8 character
            cut -= 1
        chunks.append(data[:cut].decode("utf-8"))
        data = data[cut:]
    chunks.append(data.decode("utf-8"))
    return "\r\n ".join(chunks)


def compute_ics(uid_base: str, summary: str, location: str, description: str,
                periods: list[tuple[datetime, datetime]], stamp: datetime) -> str:
    """A VCALENDAR with one VEVENT per (start, end), local times of the centre."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//ExamDesk//Missions//FR",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    for number, (start, end) in enumerate(periods, start=1):
        lines += ["BEGIN:VEVENT", f"UID:{uid_base}-{number}@examdesk",
                  f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}", f"DTSTART:{start:%Y%m%dT%H%M%S}",
                  f"DTEND:{end:%Y%m%dT%H%M%S}", f"SUMMARY:{_escape(summary)}",
                  f"LOCATION:{_escape(location)}", f"DESCRIPTION:{_escape(description)}",
                  "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def convocation_ics(convocation, stamp: datetime) -> str:
    mission, centre = convocation.mission, convocation.mission.centre
    return compute_ics(f"convocation-{convocation.id}", f"{mission.number} - {mission.type.label}",
                       f"{centre.name}, {centre.address or ''} {centre.city or ''}".strip(),
                       convocation.observation or "",
                       [(s.start, s.end) for s in convocation.slots], stamp)
