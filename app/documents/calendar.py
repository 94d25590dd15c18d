"""iCalendar (.ics) text (RFC 5545): escaped text, folded lines, one VEVENT per event."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Event:
    """`utc`: start and end are UTC (written with Z); otherwise local times of the place."""

    uid: str
    start: datetime
    end: datetime
    summary: str
    location: str = ""
    description: str = ""
    utc: bool = False
    sequence: int = 0  # the revision: a calendar replaces an event of the same UID and lower


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


def calendar_text(events: Iterable[Event], stamp: datetime, product: str = "ExamDesk") -> str:
    """A VCALENDAR holding `events`; `stamp` (UTC) is when it was made."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//ExamDesk//{product}//FR",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    for event in events:
        moment = "%Y%m%dT%H%M%SZ" if event.utc else "%Y%m%dT%H%M%S"
        lines += ["BEGIN:VEVENT", f"UID:{event.uid}@examdesk", f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
                  f"SEQUENCE:{event.sequence}", f"DTSTART:{event.start.strftime(moment)}",
                  f"DTEND:{event.end.strftime(moment)}", f"SUMMARY:{_escape(event.summary)}",
                  f"LOCATION:{_escape(event.location)}"]
        if event.description:
            lines.append(f"DESCRIPTION:{_escape(event.description)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
