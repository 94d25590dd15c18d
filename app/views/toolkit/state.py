"""The state of one list request: fresh filters, order, page, columns, density, messages."""
from __future__ import annotations

import copy
from dataclasses import dataclass, field

from flask import current_app, request
from flask_babel import lazy_gettext as _l

from app.services.toolkit import listkit
from app.views.toolkit.filters import KeywordFilter
from app.views.toolkit.values import typed_filter_values

TOOL_ARGS = ("q", "_cols")
MAX_PAGE = 1_000_000  # beyond it the offset overflows what a database accepts


@dataclass
class ListState:
    filters: object
    order_column: str = ""
    order_direction: str = ""
    page: int | None = None
    page_size: int | None = None
    columns: list[str] = field(default_factory=list)
    density: str = "normal"
    keyword: str = ""
    messages: list = field(default_factory=list)


def fresh_filters(view):
    """A new Filters per request (FAB #2366): the view's shared `_filters` is never touched."""
    filters = copy.copy(view._filters)
    filters.clear_filters()
    return filters


def read_filters(view, filters, args, messages: list) -> None:
    available = {col: len(flts) for col, flts in filters.get_search_filters().items()}
    parsed = listkit.parse_filter_args(args, available)
    for column in sorted(set(parsed.refused)):
        messages.append(_l("The filter on %(column)s is not available and was ignored.",
                           column=column[:40]))
    for column, index, values in parsed.items:
        flt = filters.get_search_filters()[column][index]
        typed = typed_filter_values(view.datamodel, flt, column, values)
        if typed is None:
            messages.append(_l("The filter value for %(column)s is not valid and was ignored.",
                               column=str(view.label_columns.get(column, column))))
            continue
        # FAB applies each value of a list as a filter of its own (ANDed); a filter reading all
        # its values at once ("is one of", a range) gets them as one tuple.
        filters._add_filter(flt, tuple(typed) if getattr(flt, "takes_values", False) else typed)


def filter_values_ok(dm, flt, column, values) -> bool:
    """Whether the database can compare `column` with these values (lists, chips, exports)."""
    return typed_filter_values(dm, flt, column, values) is not None


def read_order(view, args, messages: list) -> tuple[str, str]:
    name = type(view).__name__
    column = args.get(f"_oc_{name}")
    direction = args.get(f"_od_{name}", "asc")
    if not column:
        return "", ""
    if column not in view.order_columns or direction not in ("asc", "desc"):
        messages.append(_l("This list cannot be sorted that way: the default order is used."))
        return "", ""
    return column, direction


def read_page(view, args, messages: list) -> int | None:
    raw = args.get(f"page_{type(view).__name__}")
    if raw is None:
        return None
    try:
        page = int(raw)
    except ValueError:
        page = -1
    if page < 0 or page > MAX_PAGE:
        messages.append(_l("The page number is not valid: the first page is shown."))
        return None
    return page


def read_columns(view, args, pref, messages: list) -> list[str]:
    allowed = view.allowed_list_columns()
    raw = args.get("_cols")
    source = listkit.split_columns(raw) if raw is not None else listkit.split_columns(
        pref.columns if pref is not None else None)
    kept, refused = listkit.validate_columns(source, allowed)
    if refused:
        messages.append(_l("These columns are not available and were left out: %(names)s",
                           names=", ".join(r[:40] for r in refused[:5])))
    return kept or list(allowed)


def read_state(view, args=None, pref=None) -> ListState:
    """Everything the list, its toolbar and its exports need, read once from the query string."""
    args = request.args if args is None else args
    messages: list = []
    filters = fresh_filters(view)
    read_filters(view, filters, args, messages)
    state = ListState(filters=filters, messages=messages)
    state.order_column, state.order_direction = read_order(view, args, messages)
    state.page = read_page(view, args, messages)
    size, msg = listkit.parse_page_size(args.get(f"psize_{type(view).__name__}"),
                                        current_app.config.get("LIST_MAX_PAGE_SIZE", 100))
    if msg is not None:
        messages.append(msg)
    state.page_size = size
    state.columns = read_columns(view, args, pref, messages)
    state.density = pref.density if pref is not None else "normal"
    state.keyword = (args.get("q") or "").strip()[:100]
    if state.keyword:
        filters._add_filter(KeywordFilter("id", view.datamodel), (state.keyword, state.columns))
    return state


def cached_state(view, pref_loader) -> ListState:
    """The state of the current request for `view`, computed once."""
    cache = request.environ.setdefault("examdesk.list_state", {})
    key = type(view).__name__
    if key not in cache:
        cache[key] = read_state(view, pref=pref_loader())
    return cache[key]
