"""The one clock of the application, so that deadlines and expiries are testable.

`now()` is the time (naive UTC); `set_now(moment)` fixes it for the whole process (a test, a
demo or `flask sessions advance --at …` moving the clock), `set_now(None)` lets it run again.
"""
from __future__ import annotations

from datetime import date, datetime

from app.models.base import utcnow
from app.services.formatting import to_local

_fixed: datetime | None = None


def now() -> datetime:
    """The current moment as naive UTC: the fixed one when a test or command set it."""
    return _fixed if _fixed is not None else utcnow()


def set_now(moment: datetime | None) -> None:
    """Fix the clock at `moment` (naive UTC) for the whole process; None: the real time."""
    global _fixed  # noqa: PLW0603 - the process-wide clock is the point
    _fixed = moment


def local_today(zone=None) -> date:
    """The date it is now where the user is (their zone, else Paris): the "today" a screen or a
    document shows and a user's day is counted by. Between midnight in Paris and midnight UTC
    the UTC date is still yesterday's."""
    return to_local(now(), zone).date()
