"""Filter values the database can compare: each value of a list, export or API filter is read as
the column's type (a number that fits the column, a known status, yes/no, a date) before FAB puts
it in a query; a value that cannot be read refuses the filter instead of failing the query
(PostgreSQL refuses `boolean = varchar`, `numeric = varchar` and integers beyond the column)."""
from __future__ import annotations

from decimal import Decimal

from app.services import parsing
from app.services.toolkit import listkit

INVALID = object()
TRUE = {"y", "yes", "true", "1", "on", "oui", "o", "vrai"}
FALSE = {"n", "no", "false", "0", "off", "non", "faux", ""}
LIST_FILTERS = ("in", "not_in", "in_values")


def _integer(raw, column_type):
    value = parsing.read_integer(raw, column_type)
    return INVALID if value is None else value


def _checked(value, raw):
    """`raw` itself when it was read (FAB converts it, and shows it back in the search form)."""
    return INVALID if value is INVALID else raw


def _decimal(raw):
    if isinstance(raw, bool):
        return INVALID
    try:
        value = parsing.parse_decimal(raw)
    except parsing.ParseError:
        return INVALID
    if value is None or not value.is_finite() or abs(value) >= Decimal(10) ** 15:
        return INVALID
    return value


def _boolean(raw):
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in TRUE:
        return True
    return False if text in FALSE else INVALID


def _enum(column_type, raw):
    enum_class = getattr(column_type, "enum_class", None)
    text = str(raw)
    if enum_class is None:
        return text if text in (getattr(column_type, "enums", None) or ()) else INVALID
    if text in enum_class.__members__:
        return text
    by_value = {str(m.value): m.name for m in enum_class}
    return by_value.get(text, INVALID)  # the name: what the column's type binds


def _date(raw):
    if not isinstance(raw, str):
        return INVALID
    try:
        moment = parsing.parse_datetime(raw)
    except parsing.ParseError:
        return INVALID
    return INVALID if moment is None else moment


def _related_pk_type(dm, column):
    mapper = dm.list_properties[column].mapper
    return mapper.primary_key[0].type


def read_value(dm, flt, column, raw):
    """One filter value as the column's type, or INVALID."""
    if isinstance(raw, dict | list | tuple) or raw is None:
        return INVALID
    if dm.is_relation(column):
        return _checked(_integer(raw, _related_pk_type(dm, column)), raw)
    if flt.arg_name == "between":
        return raw
    if dm.is_enum(column):
        return _enum(dm.list_columns[column].type, raw)
    if dm.is_boolean(column):
        return _boolean(raw)
    if dm.is_integer(column):
        return _checked(_integer(raw, dm.list_columns[column].type), raw)
    if dm.is_float(column) or dm.is_numeric(column):
        value = _decimal(raw)
        return float(value) if value is not INVALID and dm.is_float(column) else value
    if dm.is_date(column) or dm.is_datetime(column):
        return _checked(_date(raw), raw)
    return str(raw) if isinstance(raw, str | int | float) else INVALID


def typed_filter_values(dm, flt, column, values: list):
    """The values as the column's type, or None when one of them cannot be compared with it."""
    if flt.arg_name == "between":
        return values if listkit.parse_range(values) is not None else None
    if flt.arg_name == "in_values":  # FilterInValues splits and reads them itself
        each = listkit.split_values(values)
        return values if all(read_value(dm, flt, column, v) is not INVALID for v in each) else None
    typed = [read_value(dm, flt, column, v) for v in values]
    if any(v is INVALID for v in typed):
        return None
    return typed


def typed_rest_value(dm, flt, value):
    """A REST filter's value (a scalar, or a list for `in`/`not_in`) as the column's type, or
    INVALID."""
    if flt.arg_name in LIST_FILTERS:
        value = value if isinstance(value, list) else [value]
        typed = typed_filter_values(dm, flt, flt.column_name, value)
        return INVALID if typed is None else typed
    typed = typed_filter_values(dm, flt, flt.column_name, [value])
    return INVALID if typed is None else typed[0]

