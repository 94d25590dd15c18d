"""Unavailabilities as the seed enters them: a start date and an end date, for whole days, a
half-day (morning, afternoon) or hours; wall-clock times of the staff member's centre, stored
in UTC, so the list, the overlap refusals and the e-mails read the same times."""
from __future__ import annotations

from datetime import date, datetime, time

from flask_babel import lazy_gettext as _l

from app.services.errors import ValidationFailed
from app.services.formatting import to_utc
from app.services.parsing import ParseError, parse_time

WHOLE_DAY, MORNING, AFTERNOON, HOURS = "day", "morning", "afternoon", "hours"
# The half-days of an exam day (IMAG'IN's usual slots: 08:00-12:00, 13:00-18:00).
HALF_DAYS = {WHOLE_DAY: (time(0, 0), time(23, 59)), MORNING: (time(8, 0), time(12, 0)),
             AFTERNOON: (time(13, 0), time(18, 0))}
PERIODS = (WHOLE_DAY, MORNING, AFTERNOON, HOURS)
LABELS = {"start_day": _l("Start date"), "end_day": _l("End date"), "period": _l("Period"),
          "start_time": _l("Start time"), "end_time": _l("End time")}


def period_choices() -> list[tuple[str, object]]:
    return [(WHOLE_DAY, _l("Whole days")), (MORNING, _l("Morning (08:00-12:00)")),
            (AFTERNOON, _l("Afternoon (13:00-18:00)")), (HOURS, _l("Hours"))]


def _time(raw, field: str, errors: dict) -> time | None:
    if isinstance(raw, time) or raw is None:
        return raw
    try:
        return parse_time(raw)
    except ParseError as error:
        errors[field] = error.message
        return None


def compute_period(start_day: date | None, end_day: date | None, period: str | None,
                   start_time=None, end_time=None) -> tuple[datetime, datetime]:
    """The wall-clock start and end of what was typed: whole days run 00:00 to 23:59, a
    half-day its hours on each day, hours from the start time of the first day to the end time
    of the last. Raises ValidationFailed naming every wrong field."""
    errors = {}
    period = period or WHOLE_DAY
    if period not in PERIODS:
        errors["period"] = _l("Not a valid choice.")
    if start_day is None:
        errors["start_day"] = _l("is required.")
    end_day = end_day or start_day
    if start_day and end_day and end_day < start_day:
        errors["end_day"] = _l("must come after the start.")
    first, last = HALF_DAYS.get(period, (None, None))
    if period == HOURS:
        first = _time(start_time, "start_time", errors)
        last = _time(end_time, "end_time", errors)
        if first is None and "start_time" not in errors:
            errors["start_time"] = _l("is required.")
        if last is None and "end_time" not in errors:
            errors["end_time"] = _l("is required.")
        if first and last and start_day == end_day and last <= first:
            errors["end_time"] = _l("must come after the start.")
    if errors:
        raise ValidationFailed(_l("The unavailability was not saved."), errors, LABELS)
    return datetime.combine(start_day, first), datetime.combine(end_day, last)


def apply_entry(item, zone: str | None) -> None:
    """When the form's fields were typed (start_day…), set the row's UTC start and end from
    them; rows given starts_at and ends_at directly (the REST API) keep them."""
    if getattr(item, "start_day", None) is None and getattr(item, "period", None) is None:
        return
    start, end = compute_period(getattr(item, "start_day", None),
                                getattr(item, "end_day", None), getattr(item, "period", None),
                                getattr(item, "start_time", None),
                                getattr(item, "end_time", None))
    item.starts_at, item.ends_at = to_utc(start, zone), to_utc(end, zone)
