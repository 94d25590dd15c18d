"""Dates, date-times, booleans and enums shown the same way in lists, record pages and exports."""
from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from babel import dates as babel_dates
from flask_babel import format_date as babel_format_date
from flask_babel import format_time, get_locale
from flask_babel import gettext as _


def date_pattern() -> str:
    """The locale's short numeric date with a four-digit year (dd/MM/yyyy in French)."""
    locale = get_locale()
    pattern = locale.date_formats["short"].pattern if locale is not None else "dd/MM/yyyy"
    if "yyyy" not in pattern:
        pattern = pattern.replace("yy", "y").replace("y", "yyyy")
    return pattern


def format_day(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        return str(value)
    return babel_format_date(value, date_pattern())


def format_moment(value) -> str:
    if value is None or value == "":
        return ""
    if not isinstance(value, datetime):
        return format_day(value)
    return f"{babel_format_date(value, date_pattern())} {format_time(value, 'HH:mm')}"


def format_bool(value) -> str:
    if value is None:
        return ""
    return _("Yes") if value else _("No")


def enum_formatter(enum_class):
    """Shows a member of `enum_class` by its translated label (LabelledEnum), never the raw
    value FAB hands to its widgets (it turns members into their `.value` first)."""

    def format_enum(value) -> str:
        if value is None:
            return ""
        member = value
        if enum_class is not None and not isinstance(value, enum_class):
            try:
                member = enum_class(value)
            except ValueError:
                member = enum_class.__members__.get(str(value), value)
        return str(getattr(member, "label", member))

    format_enum.enum_class = enum_class  # lets bound_formatter cache it per member
    return format_enum


def format_plain(value):
    """Any other value as it is, but nothing rather than "None"."""
    return "" if value is None else value


def bound_formatter(formatter):
    """For exports: the same text as `formatter`, with the locale read once and repeats cached."""
    if formatter is format_day:
        pattern, locale = date_pattern(), get_locale()

        def day(value):
            if isinstance(value, datetime):
                value = value.date()
            if not isinstance(value, date):
                return "" if value is None else str(value)
            return babel_dates.format_date(value, pattern, locale=locale)

        return lru_cache(maxsize=4096)(day)
    if formatter is format_bool:
        yes, no = _("Yes"), _("No")
        return lambda value: "" if value is None else (yes if value else no)
    if formatter is format_moment:
        return lru_cache(maxsize=4096)(format_moment)
    if hasattr(formatter, "enum_class"):  # a translated label per member, not per cell
        return lru_cache(maxsize=1024)(formatter)
    return formatter


def default_formatters(datamodel, columns, declared: dict) -> dict:
    """The declared formatters plus one for every date, date-time, boolean and enum column,
    and an empty cell instead of "None" for the others."""
    result = dict(declared or {})
    for col in columns:
        if col in result:
            continue
        if "." in col:  # a column of a related row (candidate.birth_date): its model decides
            relation, _, name = col.partition(".")
            if datamodel.is_relation(relation) and "." not in name:
                nested = default_formatters(datamodel.get_related_interface(relation), [name], {})
                if name in nested:
                    result[col] = nested[name]
            continue
        if datamodel.is_enum(col):
            result[col] = enum_formatter(datamodel.list_columns[col].type.enum_class)
        elif datamodel.is_datetime(col):
            result[col] = format_moment
        elif datamodel.is_date(col):
            result[col] = format_day
        elif datamodel.is_boolean(col):
            result[col] = format_bool
        elif not datamodel.is_relation(col):
            result[col] = format_plain
    return result
