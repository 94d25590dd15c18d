"""The one reading of dates, date-times and decimal numbers typed by a person, in their language.

French: 16/03/2027, 16/03/2027 14:30, 6,5, 25,50, 1 268,00 (normal, no-break or narrow no-break
spaces). English: 3/16/2027, 3/16/2027 14:30 (or 2:30 PM), 1,268.00. ISO (2027-03-16,
2027-03-16T14:30, what scripts and the API send) is read in every language. Each function raises
ParseError with a message in the user's language; the time zone of a date-time is the caller's
business (app/services/formatting.py: to_utc)."""
from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

from babel.numbers import get_decimal_symbol
from flask_babel import lazy_gettext as _l
from sqlalchemy import BigInteger, SmallInteger

from app.services.formatting import _locale

SPACES = re.compile(r"[\s\u00a0\u202f\u2009]")
ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
LOCAL_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$")
TIME = re.compile(r"^(\d{1,2})(?:[:hH.](\d{2}))?(?::(\d{2}))?\s*([AaPp][Mm])?$")


class ParseError(ValueError):
    """A typed value that cannot be read; `message` is translated."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def date_hint(locale=None) -> str:
    """What to type, in the language: JJ/MM/AAAA in French, MM/DD/YYYY in English."""
    return str(_l("DD/MM/YYYY")) if _day_first(locale) else "MM/DD/YYYY"


def _day_first(locale=None) -> bool:
    pattern = _locale(locale).date_formats["short"].pattern.lower()
    return pattern.index("d") < pattern.index("m")


def _year(raw: str) -> int:
    year = int(raw)
    return year + 2000 if len(raw) == 2 else year


def parse_date(raw, locale=None) -> date | None:
    """A typed date, or None when nothing was typed; raises ParseError."""
    text = SPACES.sub("", str(raw or ""))
    if not text:
        return None
    iso, local = ISO_DATE.match(text), LOCAL_DATE.match(text)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        if local:
            first, second, year = int(local[1]), int(local[2]), _year(local[3])
            day, month = (first, second) if _day_first(locale) else (second, first)
            return date(year, month, day)
    except ValueError:
        raise ParseError(_l("%(value)s is not a date of the calendar.", value=raw)) from None
    raise ParseError(_l("%(value)s is not a date: type it as %(hint)s.", value=raw,
                        hint=date_hint(locale)))


def parse_time(raw, locale=None) -> time | None:
    """A typed time of day (14:30, 14h30, 14, 2:30 PM), or None; raises ParseError."""
    text = str(raw or "").strip()
    if not text:
        return None
    match = TIME.match(text)
    if match:
        hour, minute, second = int(match[1]), int(match[2] or 0), int(match[3] or 0)
        if match[4]:
            if not 1 <= hour <= 12:
                match = None
            else:
                hour = hour % 12 + (12 if match[4].lower() == "pm" else 0)
        if match and hour < 24 and minute < 60 and second < 60:
            return time(hour, minute, second)
    raise ParseError(_l("%(value)s is not a time: type it as HH:MM.", value=raw))


def parse_datetime(raw, locale=None) -> datetime | None:
    """A typed date and time (16/03/2027 14:30, ISO with T), wall-clock and naive; a date
    alone means midnight. None when nothing was typed; raises ParseError."""
    text = str(raw or "").strip()
    if not text:
        return None
    day_part, _, time_part = re.sub(r"(?<=\d)T(?=\d)", " ", text).partition(" ")
    day = parse_date(day_part, locale)
    moment = parse_time(time_part, locale) if time_part.strip() else time(0, 0)
    return datetime.combine(day, moment)


def parse_decimal(raw, locale=None) -> Decimal | None:
    """A typed number: 6,5 / 25,50 / 1 268,00 in French, 1,268.00 in English (a point is also
    read as the decimal mark in French); None when nothing was typed; raises ParseError."""
    text = SPACES.sub("", str(raw or "")).replace("\u2212", "-")
    if not text:
        return None
    mark = babel_decimal_mark(locale)
    if mark == ",":
        if text.count(",") > 1 or ("," in text and "." in text):
            raise _not_a_number(raw)
        text = text.replace(",", ".")
    else:
        if re.search(r",\d{0,2}$", text) or ",," in text:
            raise _not_a_number(raw)
        text = text.replace(",", "")
    if not re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)", text):
        raise _not_a_number(raw)
    try:
        return Decimal(text)
    except InvalidOperation:
        raise _not_a_number(raw) from None


def babel_decimal_mark(locale=None) -> str:
    return get_decimal_symbol(_locale(locale))


def _not_a_number(raw) -> ParseError:
    return ParseError(_l("%(value)s is not a number.", value=raw))


# -- whole numbers the database can hold -----------------------------------------------------
def integer_bounds(column_type=None) -> tuple[int, int]:
    """The integers a column of this SQLAlchemy type holds in every supported database
    (an Integer is PostgreSQL's int4, whatever SQLite accepts)."""
    if isinstance(column_type, SmallInteger):
        bits = 16
    elif isinstance(column_type, BigInteger):
        bits = 64
    else:
        bits = 32
    return -(2 ** (bits - 1)), 2 ** (bits - 1) - 1


def read_integer(raw, column_type=None) -> int | None:
    """A whole number (an int or its digits) that fits a column of `column_type` (an Integer by
    default), else None: booleans, 1.5, lists, '12abc' and 10**23 are not."""
    if isinstance(raw, bool) or not isinstance(raw, int | str):
        return None
    try:
        value = int(raw.strip() if isinstance(raw, str) else raw)
    except ValueError:
        return None
    low, high = integer_bounds(column_type)
    return value if low <= value <= high else None
