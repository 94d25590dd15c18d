"""The one parser and the one formatter of typed and shown dates, times and numbers (no database),
and the one time rule at both daylight-saving changes of Europe/Paris."""
from datetime import date, datetime, time
from decimal import Decimal

import pytest

from app.services.formatting import (
    format_amount,
    format_clock,
    format_day,
    format_moment,
    format_number,
    format_percent,
    to_local,
    to_utc,
)
from app.services.parsing import ParseError, parse_date, parse_datetime, parse_decimal, parse_time

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize(("typed", "expected"), [
    ("6,5", "6.5"), ("25,50", "25.50"), ("1 268,00", "1268.00"), (f"1{NNBSP}268,00", "1268.00"),
    (f"1{NBSP}268,00", "1268.00"), ("6.5", "6.5"), ("-3,25", "-3.25"), ("12", "12")])
def test_french_numbers_read_with_a_decimal_comma(typed, expected):
    assert parse_decimal(typed, "fr") == Decimal(expected)


@pytest.mark.parametrize(("typed", "expected"), [("1,268.00", "1268.00"), ("6.5", "6.5")])
def test_english_numbers_read_with_a_decimal_point(typed, expected):
    assert parse_decimal(typed, "en") == Decimal(expected)


@pytest.mark.parametrize("typed", ["abc", "6,5,1", "1.268,00", "6,,5", "--1"])
def test_a_number_that_is_not_one_is_refused_with_a_message(typed):
    with pytest.raises(ParseError) as error:
        parse_decimal(typed, "fr")
    assert typed in str(error.value)


def test_an_english_comma_is_a_thousands_separator_never_a_decimal_mark():
    with pytest.raises(ParseError):
        parse_decimal("6,5", "en")


def test_nothing_typed_is_none():
    assert parse_decimal("  ", "fr") is None
    assert parse_date("", "fr") is None
    assert parse_datetime(None, "fr") is None


def test_french_dates_are_day_first_and_english_month_first():
    assert parse_date("16/03/2027", "fr") == date(2027, 3, 16)
    assert parse_date("3/16/2027", "en") == date(2027, 3, 16)
    assert parse_date("2027-03-16", "fr") == date(2027, 3, 16)  # ISO from scripts and the API
    assert parse_date("16/03/27", "fr") == date(2027, 3, 16)


@pytest.mark.parametrize("typed", ["31/02/2027", "16/13/2027", "demain", "16032027"])
def test_an_impossible_date_is_refused(typed):
    with pytest.raises(ParseError):
        parse_date(typed, "fr")


def test_date_times_and_times():
    assert parse_datetime("16/03/2027 14:30", "fr") == datetime(2027, 3, 16, 14, 30)
    assert parse_datetime("2027-03-16T14:30", "fr") == datetime(2027, 3, 16, 14, 30)
    assert parse_datetime("16/03/2027", "fr") == datetime(2027, 3, 16)
    assert parse_datetime("3/16/2027 2:30 PM", "en") == datetime(2027, 3, 16, 14, 30)
    assert parse_time("14h30", "fr") == time(14, 30)
    with pytest.raises(ParseError):
        parse_time("25:00", "fr")
    with pytest.raises(ParseError):
        parse_datetime("16/03/2027 99:99", "fr")


def test_shown_per_language():
    assert format_amount(Decimal("1268"), "fr") == f"1{NNBSP}268,00{NBSP}€"
    assert format_amount(Decimal("1268"), "en") == "€1,268.00"
    assert format_number(Decimal("6.5"), "fr", 1) == "6,5"
    assert format_number(Decimal("1268"), "en", 2) == "1,268.00"
    assert format_percent(Decimal("5.5"), "fr") == f"5,5{NBSP}%"
    assert format_day(date(2027, 3, 16), "fr") == "16/03/2027"
    assert format_day(date(2027, 3, 16), "en") == "3/16/2027"
    assert format_day(None, "fr") == "" and format_amount(None, "fr") == ""


# Europe/Paris: 2027-03-28 02:00 CET -> 03:00 CEST (01:00 UTC); 2027-10-31 03:00 CEST -> 02:00 CET
# (01:00 UTC).
@pytest.mark.parametrize(("stored_utc", "paris"), [
    (datetime(2027, 3, 28, 0, 59), "28/03/2027 01:59"),
    (datetime(2027, 3, 28, 1, 0), "28/03/2027 03:00"),
    (datetime(2027, 10, 31, 0, 59), "31/10/2027 02:59"),
    (datetime(2027, 10, 31, 1, 0), "31/10/2027 02:00"),
    (datetime(2027, 1, 15, 8, 46), "15/01/2027 09:46"),
    (datetime(2027, 7, 15, 8, 46), "15/07/2027 10:46"),
])
def test_a_stored_moment_reads_in_the_centre_zone_across_daylight_saving(stored_utc, paris):
    assert format_moment(stored_utc, "fr", "Europe/Paris") == paris


def test_a_typed_time_is_stored_in_utc_on_both_sides_of_each_change():
    assert to_utc(datetime(2027, 3, 27, 10, 0), "Europe/Paris") == datetime(2027, 3, 27, 9, 0)
    assert to_utc(datetime(2027, 3, 29, 10, 0), "Europe/Paris") == datetime(2027, 3, 29, 8, 0)
    assert to_utc(datetime(2027, 10, 30, 10, 0), "Europe/Paris") == datetime(2027, 10, 30, 8, 0)
    assert to_utc(datetime(2027, 11, 1, 10, 0), "Europe/Paris") == datetime(2027, 11, 1, 9, 0)
    moment = datetime(2027, 6, 1, 8, 0)
    assert to_utc(to_local(moment, "America/Martinique").replace(tzinfo=None),
                  "America/Martinique") == moment


def test_another_centre_zone_and_the_named_zone():
    assert format_clock(datetime(2027, 6, 1, 12, 0), "fr", "America/Martinique") == "08:00"
    assert format_moment(datetime(2027, 6, 1, 12, 0), "fr", "Europe/Paris",
                         named=True) == "01/06/2027 14:00 (heure : France)"
