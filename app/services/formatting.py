"""How dates, times, numbers and amounts read, per language and time zone: the one time rule
(stored in naive UTC, read in the centre's zone) and Babel formats for pages, PDFs and e-mails.

Every function takes an explicit `locale` and `zone`; when they are omitted, the current
Flask-Babel locale and time zone are used (see app/views/context.py: the zone of the viewer's
active centre), so the same call serves a page, a PDF rendered for a centre and an e-mail rendered
in its recipient's language (flask_babel.force_locale)."""
from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from flask import has_app_context
from flask_babel import get_locale, get_timezone

DEFAULT_ZONE = "Europe/Paris"
DEFAULT_LOCALE = "fr"
EMPTY = ""


def _locale(locale=None) -> Locale:
    if locale is not None:
        return locale if isinstance(locale, Locale) else Locale.parse(str(locale))
    current = get_locale() if has_app_context() else None  # a CLI job or a unit test
    return current or Locale.parse(DEFAULT_LOCALE)


def zone_of(zone=None) -> ZoneInfo:
    """A ZoneInfo from a name, a tzinfo, or the current Flask-Babel zone (default Paris)."""
    if isinstance(zone, ZoneInfo):
        return zone
    if zone:
        try:
            return ZoneInfo(str(zone))
        except (KeyError, ValueError):
            return ZoneInfo(DEFAULT_ZONE)
    current = get_timezone() if has_app_context() else None
    return ZoneInfo(str(current)) if current else ZoneInfo(DEFAULT_ZONE)


# -- the one time rule -------------------------------------------------------------------
def to_local(moment: datetime, zone=None) -> datetime:
    """A stored moment (naive UTC, or aware) as the wall-clock time of `zone`."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(zone_of(zone))


def to_utc(local: datetime, zone=None) -> datetime:
    """A wall-clock time typed in `zone` as the naive UTC moment to store."""
    aware = local if local.tzinfo else local.replace(tzinfo=zone_of(zone))
    return aware.astimezone(UTC).replace(tzinfo=None)


def zone_label(zone=None, locale=None) -> str:
    """The zone's place name in the language ("France" / "heure : France"), for times that
    could be read in another zone (e-mails, PDFs, .ics summaries)."""
    return babel_dates.get_timezone_location(zone_of(zone), locale=_locale(locale))


# -- dates and times ---------------------------------------------------------------------
def date_pattern(locale=None) -> str:
    """The locale's short numeric date with a four-digit year (dd/MM/yyyy in French)."""
    pattern = _locale(locale).date_formats["short"].pattern
    if "yyyy" not in pattern:
        pattern = pattern.replace("yy", "y").replace("y", "yyyy")
    return pattern


def format_day(value, locale=None, zone=None) -> str:
    """A date (or the local date of a moment) as JJ/MM/AAAA in French, M/d/yyyy in English."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, datetime):
        value = to_local(value, zone).date()
    if not isinstance(value, date):
        return str(value)
    return babel_dates.format_date(value, date_pattern(locale), locale=_locale(locale))


def format_clock(value, locale=None, zone=None) -> str:
    """The local HH:MM of a stored moment, or of a plain time."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, datetime):
        value = to_local(value, zone).time()
    if not isinstance(value, time):
        return str(value)
    return babel_dates.format_time(value, "HH:mm", locale=_locale(locale))


def format_moment(value, locale=None, zone=None, named: bool = False) -> str:
    """A stored moment as local "16/03/2027 14:30"; `named` adds the zone's place name."""
    if value is None or value == "":
        return EMPTY
    if not isinstance(value, datetime):
        return format_day(value, locale, zone)
    text = f"{format_day(value, locale, zone)} {format_clock(value, locale, zone)}"
    return f"{text} ({zone_label(zone, locale)})" if named else text


def format_slot(day, start, end, locale=None) -> str:
    """A wall-clock slot of a day (convocations): 16/03/2027 08:00-18:00 in French."""
    return f"{format_day(day, locale)} {format_clock(start, locale)}-{format_clock(end, locale)}"


def format_iso_local(value, zone=None) -> str:
    """The local wall-clock time as ISO 8601 with its offset, for scripts (<time datetime>)."""
    if value is None:
        return EMPTY
    return to_local(value, zone).isoformat(timespec="seconds")


# -- numbers and amounts -----------------------------------------------------------------
def format_number(value, locale=None, places: int | None = None) -> str:
    """1 268,5 in French, 1,268.5 in English; `places` fixes the number of decimals."""
    if value is None or value == "":
        return EMPTY
    if places is None:
        return babel_numbers.format_decimal(value, locale=_locale(locale))
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return babel_numbers.format_decimal(Decimal(str(value)), format=pattern,
                                        locale=_locale(locale), decimal_quantization=True)


def format_amount(value, locale=None, currency: str = "EUR") -> str:
    """1 268,00 € in French, €1,268.00 in English."""
    if value is None or value == "":
        return EMPTY
    return babel_numbers.format_currency(Decimal(str(value)), currency, locale=_locale(locale))


def format_percent(value, locale=None) -> str:
    """A rate stored as a number of percent (5.5) as "5,5 %" in French, "5.5%" in English."""
    if value is None or value == "":
        return EMPTY
    return babel_numbers.format_percent(Decimal(str(value)) / 100, locale=_locale(locale),
                                        decimal_quantization=False)
