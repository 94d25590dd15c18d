"""A record's audit history as people read it: field labels of the screen, enum labels, local
dates and times, related records by name, and "—" for empty values (never raw stored values)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import Boolean, Date, DateTime, Enum, Numeric, inspect

from app.extensions import db
from app.services import formatting

EMPTY = "—"


@dataclass
class HistoryChange:
    label: str
    before: str
    after: str


def _relation_by_column(mapper) -> dict:
    result = {}
    for rel in mapper.relationships:
        for column in rel.local_columns:
            result.setdefault(column.key, rel)
    return result


def _label(field: str, labels: dict, relation) -> str:
    if relation is not None and relation.key in labels:
        return str(labels[relation.key])
    if field in labels:
        return str(labels[field])
    return field.removesuffix("_id").replace("_", " ").capitalize()


def _text(value, column, relation) -> str:
    if value is None or value == "":
        return EMPTY
    kind = getattr(column, "type", None)
    try:
        if relation is not None:
            target = db.session.get(relation.mapper.class_, value)
            return str(target) if target is not None else f"#{value}"
        if isinstance(kind, Enum) and kind.enum_class is not None:
            member = kind.enum_class(value)
            return str(getattr(member, "label", member.value))
        if isinstance(kind, Boolean):
            return _("Yes") if value else _("No")
        if isinstance(kind, DateTime):
            return formatting.format_moment(datetime.fromisoformat(value))
        if isinstance(kind, Date):
            return formatting.format_day(date.fromisoformat(value))
        if isinstance(kind, Numeric):
            return formatting.format_number(value, places=kind.scale)
    except (ValueError, TypeError, LookupError):
        pass
    return str(value)


def present_changes(model, changes: dict | None, labels: dict) -> list[HistoryChange]:
    """The changes of one audit entry of a `model` row, ready to show."""
    mapper = inspect(model)
    relations = _relation_by_column(mapper)
    rows = []
    for field, (before, after) in (changes or {}).items():
        column = mapper.columns.get(field)
        relation = relations.get(field)
        rows.append(HistoryChange(_label(field, labels, relation),
                                  _text(before, column, relation), _text(after, column, relation)))
    return rows
