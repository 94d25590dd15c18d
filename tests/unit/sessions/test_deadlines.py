"""The TEF deadline rule: 2 calendar days before, at 00:00 Europe/Paris, stored in UTC."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from app.services.formatting import format_moment, to_local
from app.services.sessions.deadlines import candidate_deadline, is_past

PARIS = ZoneInfo("Europe/Paris")


def test_a_tuesday_session_closes_at_midnight_between_saturday_and_sunday():
    deadline = candidate_deadline(date(2026, 6, 16))  # a Tuesday (CEST, UTC+2)
    assert deadline == datetime(2026, 6, 13, 22, 0)
    local = to_local(deadline, "Europe/Paris")
    assert (local.strftime("%A"), local.hour, local.minute) == ("Sunday", 0, 0)


@pytest.mark.parametrize("session_day, expected_utc", [
    # spring forward on Sunday 29 March 2026 at 02:00: the closing night is still CET (UTC+1)
    (date(2026, 3, 31), datetime(2026, 3, 28, 23, 0)),
    (date(2026, 3, 30), datetime(2026, 3, 27, 23, 0)),
    # the session after the change: the closing midnight is CEST (UTC+2)
    (date(2026, 4, 1), datetime(2026, 3, 29, 22, 0)),
    # fall back on Sunday 25 October 2026 at 03:00: midnight that night is still CEST (UTC+2)
    (date(2026, 10, 27), datetime(2026, 10, 24, 22, 0)),
    # the first midnight after the change is CET (UTC+1)
    (date(2026, 10, 28), datetime(2026, 10, 25, 23, 0)),
])
def test_deadline_is_local_midnight_whatever_the_daylight_saving_offset(session_day,
                                                                        expected_utc):
    deadline = candidate_deadline(session_day)
    assert deadline == expected_utc
    local = to_local(deadline, "Europe/Paris")
    assert (local.hour, local.minute) == (0, 0)
    assert (session_day - local.date()).days == 2


def test_deadline_is_shown_in_the_centre_time_zone():
    deadline = candidate_deadline(date(2026, 6, 16))
    # The zone is named by its place in the reader's language (issue 13: one time rule).
    assert format_moment(deadline, "fr", "Europe/Paris", named=True) == \
        "14/06/2026 00:00 (heure : France)"
    assert format_moment(deadline, "fr", "America/Montreal", named=True).startswith(
        "13/06/2026 18:00 (heure : Canada")


def test_registrations_close_exactly_at_the_deadline():
    deadline = candidate_deadline(date(2026, 6, 16))
    assert not is_past(deadline, datetime(2026, 6, 13, 21, 59, 59))
    assert is_past(deadline, datetime(2026, 6, 13, 22, 0))
