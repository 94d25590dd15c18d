"""What the filter bar shows: the applied filters as removable chips, and for the filter
widgets (app/static/examdesk/list_filters.js) which filter of a column is "is one of" (a
multi-select of its values) and which is a date range (two date inputs)."""
from __future__ import annotations

from urllib.parse import urlencode

from flask_babel import gettext as _

from app.services.parsing import read_integer
from app.services.toolkit.listkit import FILTER_ARG, split_values
from app.views.toolkit.filters import FilterDateRange, FilterInValues
from app.views.toolkit.state import filter_values_ok


def _enum_labels(datamodel, column) -> dict[str, str]:
    enum_class = getattr(datamodel.list_columns[column].type, "enum_class", None)
    if enum_class is None:
        return {}
    labels = {}
    for member in enum_class:
        label = str(getattr(member, "label", member))
        labels[member.name] = labels[str(member.value)] = label
    return labels


def _shown_values(view, column, flt, values) -> str:
    dm = view.datamodel
    if isinstance(flt, FilterDateRange):
        ends = list(values) if len(values) == 2 else (values[0] or "").split("..", 1) + [""]
        start, end = (ends[0] or "").strip(), (ends[1] or "").strip()
        if start and end:
            return _("from %(start)s to %(end)s", start=start, end=end)
        return _("from %(start)s", start=start) if start else _("until %(end)s", end=end)
    values = split_values(values) if isinstance(flt, FilterInValues) else list(values)
    if dm.is_enum(column):
        labels = _enum_labels(dm, column)
        values = [labels.get(v, v) for v in values]
    elif dm.is_relation_many_to_one(column):
        related = dm.get_related_model(column)
        keys = [read_integer(v) for v in values]
        rows = [dm.session.get(related, key) for key in keys if key is not None]
        values = [str(r) for r in rows if r is not None]
    return ", ".join(str(v) for v in values)


def filter_chips(view, args) -> list[dict]:
    """One chip per applied filter argument (and the keyword): label, text, the URL without it."""
    searchable = view._filters.get_search_filters()
    chips = []
    for key in args:
        match = FILTER_ARG.match(key)
        if not match:
            continue
        index, column = int(match.group(1)), match.group(2)
        flts = searchable.get(column) or []
        if index >= len(flts):
            continue
        values = args.getlist(key)
        if not filter_values_ok(view.datamodel, flts[index], column, values):
            continue  # refused, with a message, by the list: not applied
        chips.append({"label": str(view.label_columns.get(column, column)),
                      "operator": str(flts[index].name),
                      "shown": _shown_values(view, column, flts[index], values),
                      "remove": _without(args, key)})
    keyword = (args.get("q") or "").strip()
    if keyword:
        chips.append({"label": _("Keyword"), "operator": "", "shown": keyword[:100],
                      "remove": _without(args, "q")})
    return chips


def _without(args, key) -> str:
    return urlencode([(k, v) for k in args if k != key and not k.startswith("page_")
                      for v in args.getlist(k)])


def filter_widgets(view) -> dict:
    """{column: {"in": index, "choices": [[value, label]], "between": index}} for the JS."""
    spec: dict = {}
    for column, flts in view._filters.get_search_filters().items():
        for index, flt in enumerate(flts):
            if isinstance(flt, FilterInValues):
                labels = _enum_labels(view.datamodel, column)
                enum_class = view.datamodel.list_columns[column].type.enum_class
                spec.setdefault(column, {})["in"] = index
                spec[column]["choices"] = [[m.name, labels[m.name]] for m in enum_class]
            elif isinstance(flt, FilterDateRange):
                spec.setdefault(column, {})["between"] = index
    return spec
