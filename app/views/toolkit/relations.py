"""Relation columns in lists: sorted and searched by what their cells show (a session by its
number, a candidate by name, "TEF" found in the product name shown in a session's cell)."""
from __future__ import annotations

from sqlalchemy import String, Text, asc, desc, or_
from sqlalchemy.orm import aliased

# The columns a related row's cell starts with, in the order `__str__` shows them.
SORT_KEYS = ("number", "code", "reference", "last_name", "first_name", "name", "title", "label")


def text_columns(model) -> list:
    return [c for c in model.__table__.columns
            if isinstance(c.type, (String, Text)) and not getattr(c.type, "enum_class", None)]


def cell_columns(model) -> list:
    """The text columns a cell showing a row of `model` shows (`__cell_columns__` when the
    model names them, else every text column)."""
    shown = getattr(model, "__cell_columns__", None)
    columns = text_columns(model)
    return [c for c in columns if c.key in shown] if shown else columns


def sort_keys(model) -> list[str]:
    """The columns a relation to `model` sorts by: the first two of SORT_KEYS it has."""
    names = {c.key for c in text_columns(model)}
    return [key for key in SORT_KEYS if key in names][:2]


def sortable_relations(datamodel, columns) -> list[str]:
    """The many-to-one relations of `columns` whose related rows have a sort key."""
    return [c for c in columns if "." not in c and datamodel.is_relation_many_to_one(c)
            and sort_keys(datamodel.get_related_model(c))]


def order_by_relation(query, model, relation: str, direction: str):
    """`query` ordered by the shown text of `relation` (outer join: rows without one stay),
    then by primary key so pages are stable."""
    attribute = getattr(model, relation)
    target = aliased(attribute.property.mapper.class_)
    order = asc if direction == "asc" else desc
    keys = [order(getattr(target, key)) for key in sort_keys(attribute.property.mapper.class_)]
    pk = [order(c) for c in model.__mapper__.primary_key]
    return query.outerjoin(target, attribute.of_type(target)).order_by(*keys, *pk)


def relation_text_clause(model, relation: str, pattern: str):
    """A keyword in the text of a related row: its own text columns, and those of the
    relations its cell shows (`__display_relations__`, e.g. a session's product)."""
    attribute = getattr(model, relation)
    target = attribute.property.mapper.class_
    inner = [getattr(target, c.key).ilike(pattern, escape="\\") for c in cell_columns(target)]
    for name in getattr(target, "__display_relations__", ()):
        nested = getattr(target, name)
        deeper = nested.property.mapper.class_
        clauses = [getattr(deeper, c.key).ilike(pattern, escape="\\")
                   for c in cell_columns(deeper)]
        if clauses:
            inner.append(nested.has(or_(*clauses)))
    return attribute.has(or_(*inner)) if inner else None
