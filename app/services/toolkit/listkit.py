"""Pure rules of the list toolkit: column choice, page size, filter and date parsing."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l

from app.services import parsing

FILTER_ARG = re.compile(r"^_flt_(\d+)_(.+)$")


def validate_columns(requested, allowed) -> tuple[list[str], list[str]]:
    """(kept columns in the requested order without duplicates, refused names)."""
    allowed_set = set(allowed)
    kept, refused = [], []
    for name in requested:
        name = (name or "").strip()
        if not name:
            continue
        if name in allowed_set and name not in kept:
            kept.append(name)
        elif name not in allowed_set:
            refused.append(name)
    return kept, refused


def split_columns(raw: str | None) -> list[str]:
    return [c for c in (raw or "").split(",") if c.strip()]


def parse_page_size(raw: str | None, maximum: int) -> tuple[int | None, object | None]:
    """(page size or None for the default, message when the value was refused)."""
    if raw is None or raw == "":
        return None, None
    try:
        size = int(raw)
    except (TypeError, ValueError):
        return None, _l("The page size %(value)s is not a number: the default is used.",
                        value=str(raw)[:20])
    if size < 1:
        return None, _l("The page size must be at least 1: the default is used.")
    if size > maximum:
        return maximum, _l("At most %(max)d rows per page: the page size was capped.",
                           max=maximum)
    return size, None


def parse_date(raw: str) -> date | None:
    """A filter's date in the user's language or ISO (app/services/parsing.py); None when
    unreadable."""
    try:
        moment = parsing.parse_datetime(raw)
    except parsing.ParseError:
        return None
    return moment.date() if moment else None


def parse_range(values) -> tuple[date | None, date | None] | None:
    """A date range from ["from", "to"] or ["from..to"]; either end may be empty; None if bad."""
    parts = list(values)
    if len(parts) == 1:
        parts = (parts[0] or "").split("..") if ".." in (parts[0] or "") else [parts[0], ""]
    if len(parts) != 2:
        return None
    ends = []
    for part in parts:
        if not (part or "").strip():
            ends.append(None)
            continue
        parsed = parse_date(part)
        if parsed is None:
            return None
        ends.append(parsed)
    if ends[0] and ends[1] and ends[0] > ends[1]:
        return None
    return ends[0], ends[1]


def split_values(values) -> list[str]:
    """Multi-value input: repeated arguments and/or comma-separated values, blanks dropped."""
    result = []
    for value in values:
        result += [v.strip() for v in str(value).split(",") if v.strip()]
    return result


@dataclass
class FilterRequest:
    """Filters read from the query string: (column, filter index, values) and refusals."""

    items: list[tuple[str, int, list[str]]] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def parse_filter_args(args, available: dict[str, int]) -> FilterRequest:
    """Read `_flt_<index>_<column>` arguments; `available` maps column -> number of filters."""
    result = FilterRequest()
    for key in sorted(args.keys()):
        match = FILTER_ARG.match(key)
        if not match:
            continue
        index, column = int(match.group(1)), match.group(2)
        if column not in available or index >= available[column]:
            result.refused.append(column)
            continue
        result.items.append((column, index, args.getlist(key)))
    return result
