"""The one clock of the application, so that deadlines and expiries are testable.

`now()` is the time (naive UTC); `set_now(moment)` fixes it for the whole process (a test, a
demo or `flask sessions advance --at …` moving the clock), `set_now(None)` lets it run again.
"""
from __future__ import annotations

from datetime import datetime

from app.models.base import utcnow

_fixed: datetime | None = None


def now() -> datetime:
    """The current moment as naive UTC: the fixed one when a test or command set it."""
    return _fixed if _fixed is not None else utcnow()


def set_now(moment: datetime | None) -> None:
    """Fix the clock at `moment` (naive UTC) for the whole process; None: the real time."""
    global _fixed  # noqa: PLW0603 - the process-wide clock is the point
    _fixed = moment
