"""A record's audit history as people read it: field labels of the screen, enum labels, local
dates and times, related records by name, and "—" for empty values (never raw stored values)."""
from __future__ import annotations

import re
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


def _generated(key: str, label) -> bool:
    """Whether `label` is the English name FAB makes up for a column the screen does not label
    (BaseView._prettify_column: "request_first_name" → "Request First Name")."""
    return isinstance(label, str) and label == re.sub("[._]", " ", key).title()


def _label(field: str, labels: dict, relation) -> str | None:
    """The screen's label of `field` (or of its relation), or None for a column the screen does
    not show and does not label: an internal column, left out of the history as people read it
    (never a raw field name, never an English name in a French page)."""
    for key in ((relation.key,) if relation is not None else ()) + (field,):
        label = labels.get(key)
        if label is not None and not _generated(key, label):
            return str(label)
    return None


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
        label = _label(field, labels, relation)
        if label is None:
            continue
        rows.append(HistoryChange(label, _text(before, column, relation),
                                  _text(after, column, relation)))
    return rows
