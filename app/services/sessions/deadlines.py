"""Registration deadlines: the TEF rule (2 calendar days before, 00:00 Paris), stored in UTC."""
from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

RULE_ZONE = ZoneInfo("Europe/Paris")
DAYS_BEFORE = 2


def candidate_deadline(session_date: date) -> datetime:
    """The candidate / examiner deadline as naive UTC.

    Registrations close at midnight French time starting the day two calendar days before
    the session: a Tuesday session closes at 00:00 between Saturday and Sunday (Paris time),
    whatever the UTC offset of that night (CET or CEST).
    """
    local = datetime.combine(session_date - timedelta(days=DAYS_BEFORE), time(0), RULE_ZONE)
    return local.astimezone(UTC).replace(tzinfo=None)


def centre_deadline(session_date: date, days_before: int = 14) -> datetime:
    """The default deadline for a centre to register to a body session (00:00 Paris), naive UTC."""
    local = datetime.combine(session_date - timedelta(days=days_before), time(0), RULE_ZONE)
    return local.astimezone(UTC).replace(tzinfo=None)


def is_past(deadline: datetime | None, now: datetime) -> bool:
    return deadline is not None and now >= deadline
