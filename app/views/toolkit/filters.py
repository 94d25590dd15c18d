"""Filters every list gets on top of FAB's: value lists ("status in …"), date ranges, keyword."""
from __future__ import annotations

from datetime import datetime, time, timedelta

from flask_appbuilder.models.filters import BaseFilter
from flask_babel import lazy_gettext as _l
from sqlalchemy import String, Text, or_
from sqlalchemy.orm import RelationshipProperty

from app.services.formatting import to_utc
from app.services.toolkit.listkit import parse_range, split_values
from app.views.toolkit.relations import relation_text_clause


class FilterInValues(BaseFilter):
    """The column's value is one of the given values (repeated or comma-separated)."""

    name = _l("Is one of")
    arg_name = "in_values"
    takes_values = True  # all the values at once (app/views/toolkit/state.py: read_filters)

    def apply(self, query, value):
        column = getattr(self.model, self.column_name)
        values = split_values(value if isinstance(value, (list, tuple)) else [value])
        enum_class = getattr(column.type, "enum_class", None)
        if enum_class is not None:
            values = [m for m in (_enum_member(enum_class, v) for v in values) if m is not None]
        return query.filter(column.in_(values))


def _enum_member(enum_class, raw):
    if raw in enum_class.__members__:
        return enum_class.__members__[raw]
    for member in enum_class:
        if raw in (member.value, str(member)):
            return member
    return None


class FilterDateRange(BaseFilter):
    """The date lies between two dates, both included; either end may be left open."""

    name = _l("Between (from..to)")
    arg_name = "between"
    takes_values = True

    def apply(self, query, value):
        ends = parse_range(value if isinstance(value, (list, tuple)) else [value])
        if ends is None:
            return query
        column = getattr(self.model, self.column_name)
        start, end = ends
        if self.datamodel.is_datetime(self.column_name):
            # Days of the viewer's zone, as the stored UTC moments they span.
            start = to_utc(datetime.combine(start, time.min)) if start else None
            end = to_utc(datetime.combine(end, time.min) + timedelta(days=1)) if end else None
            if end is not None:
                query = query.filter(column < end)
        elif end is not None:
            query = query.filter(column <= end)
        if start is not None:
            query = query.filter(column >= start)
        return query


class KeywordFilter(BaseFilter):
    """`?q=`: a word searched in every shown text column and the names of shown relations."""

    name = _l("Keyword")
    arg_name = None

    def apply(self, query, value):
        word, columns = value
        pattern = f"%{_escape_like(word)}%"
        clauses = []
        for name in columns:
            clause = _text_clause(self.model, name, pattern)
            if clause is not None:
                clauses.append(clause)
        if not clauses:
            return query
        return query.filter(or_(*clauses))


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _text_clause(model, name: str, pattern: str):
    prop = model.__mapper__.attrs.get(name)
    if prop is None:
        return None
    if isinstance(prop, RelationshipProperty):
        return None if prop.uselist else relation_text_clause(model, name, pattern)
    column = getattr(model, name)
    col_type = getattr(prop, "columns", [None])[0]
    if col_type is not None and isinstance(col_type.type, (String, Text)) and not getattr(
            col_type.type, "enum_class", None):
        return column.ilike(pattern, escape="\\")
    return None


def extra_search_filters(datamodel, search_columns) -> dict[str, list]:
    """{column: [filters]} to add to FAB's: value lists on enums, ranges on dates."""
    extra: dict[str, list] = {}
    for col in search_columns or []:
        if datamodel.is_enum(col):
            extra[col] = [FilterInValues(col, datamodel)]
        elif datamodel.is_date(col) or datamodel.is_datetime(col):
            extra[col] = [FilterDateRange(col, datamodel)]
    return extra
