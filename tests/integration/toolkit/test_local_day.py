"""A user's "today" is the date where they are (Paris by default), not the server's UTC date:
between midnight in Paris and midnight UTC the UTC date is still yesterday's, and a French
user's dashboard, convocation zip, documents and export names would show the day before."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from app.services import clock

LATE_EVENING_UTC = datetime(2026, 11, 30, 23, 30)  # 00:30 on 1 December in Paris


@pytest.fixture()
def late_evening():
    clock.set_now(LATE_EVENING_UTC)
    yield LATE_EVENING_UTC
    clock.set_now(None)


@pytest.mark.parametrize("moment,expected", [
    (datetime(2026, 11, 30, 22, 59), date(2026, 11, 30)),  # 23:59 in Paris (UTC+1)
    (datetime(2026, 11, 30, 23, 0), date(2026, 12, 1)),
    (datetime(2027, 6, 30, 22, 0), date(2027, 7, 1)),  # summer time: UTC+2
])
def test_local_today_is_the_date_in_paris(moment, expected):
    clock.set_now(moment)
    try:
        assert clock.local_today() == expected
        assert clock.local_today("America/Martinique") == moment.date()
    finally:
        clock.set_now(None)


def test_an_export_is_named_and_dated_in_the_users_time(login, late_evening):
    client = login("admin")
    response = client.get("/agreementview/export/csv")
    assert response.status_code == 200
    assert "agreement-20261201-0030.csv" in response.headers["Content-Disposition"]

