"""The fixed moments of the request tests."""
from datetime import date, datetime, timedelta

START = date(2031, 6, 17)
NOW = datetime(2031, 6, 1, 10, 0)


def days_before(session, days, hour=10):
    return datetime.combine(session.start_date - timedelta(days=days), datetime.min.time()) \
        .replace(hour=hour)
