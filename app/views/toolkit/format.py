"""Dates, date-times, booleans and enums shown the same way in lists, record pages and exports."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

from flask_appbuilder.security.sqla.models import Role
from flask_babel import get_locale, get_timezone
from flask_babel import gettext as _

from app.services import formatting
from app.views.roles import role_label


def format_day(value) -> str:
    return formatting.format_day(value)


def format_moment(value) -> str:
    return formatting.format_moment(value)


def format_named_moment(value) -> str:
    """An aware local moment (a row's own zone) with its zone named: deadlines."""
    if value is None:
        return ""
    return formatting.format_moment(value, zone=getattr(value, "tzinfo", None), named=True)


def format_number(value) -> str:
    return formatting.format_number(value)


def number_formatter(places: int | None):
    """A Numeric(…, scale) column keeps its decimals: 25,50 rather than 25,5."""
    if places is None:
        return format_number

    def format_places(value) -> str:
        return formatting.format_number(value, places=places)

    format_places.cell_type = "number"
    return format_places


# What a typed spreadsheet cell holds for the values these formatters show (typed_cell).
format_day.cell_type = "date"
format_moment.cell_type = "datetime"
format_number.cell_type = "number"


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


def format_related(value) -> str:
    """A related record by its name, several joined by commas, nothing for none (never a Python
    list or repr); FAB's roles by their translated label."""
    if value is None:
        return ""
    if isinstance(value, list | tuple | set):
        return ", ".join(_related_text(v) for v in value)
    return _related_text(value)


def _related_text(value) -> str:
    if isinstance(value, Role):
        return role_label(value.name)
    return str(value)


def format_plain(value):
    """Any other value as it is, but nothing rather than "None"; a computed moment in its own
    zone (aware) with the zone named, a computed date per locale."""
    if value is None:
        return ""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return format_named_moment(value)
    if isinstance(value, date | datetime):
        return format_moment(value) if isinstance(value, datetime) else format_day(value)
    if isinstance(value, Decimal):
        return formatting.format_number(value, places=max(0, -value.as_tuple().exponent))
    return value


def bound_formatter(formatter):
    """For exports: the same text as `formatter`, with the locale and zone read once and
    repeats cached."""
    if formatter in (format_day, format_moment, format_number):
        pure = {format_day: formatting.format_day, format_moment: formatting.format_moment,
                format_number: formatting.format_number}[formatter]
        locale, zone = get_locale(), formatting.zone_of(get_timezone())
        return lru_cache(maxsize=4096)(lambda value: pure(value, locale, zone))
    if formatter is format_bool:
        yes, no = _("Yes"), _("No")
        return lambda value: "" if value is None else (yes if value else no)
    if hasattr(formatter, "enum_class"):  # a translated label per member, not per cell
        return lru_cache(maxsize=1024)(formatter)
    return formatter


def typed_cell(formatter):
    """For xlsx: the value a typed cell holds where `formatter` would show text (a local
    wall-clock date-time, a local date, the number itself), or None for a text column."""
    kind = getattr(formatter, "cell_type", None)
    if kind is None:
        return None
    zone = formatting.zone_of(get_timezone())

    def moment(value):
        if isinstance(value, datetime):
            return formatting.to_local(value, zone).replace(tzinfo=None)
        return value

    def day(value):
        return moment(value).date() if isinstance(value, datetime) else value

    def number(value):
        return value if isinstance(value, int | float | Decimal) else formatter(value)

    return {"date": day, "datetime": moment, "number": number}[kind]


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
        elif datamodel.is_numeric(col) or datamodel.is_float(col):
            result[col] = number_formatter(getattr(datamodel.list_columns[col].type, "scale",
                                                   None))
        elif datamodel.is_relation(col):
            result[col] = format_related
        else:
            result[col] = format_plain
    return result
