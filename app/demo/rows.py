"""The demo loaders' one way to be idempotent: find a row by its natural key, else create it."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session


def get_or_create(session: Session, model, lookup: dict, values: dict):
    row = session.scalar(select(model).filter_by(**lookup))
    if row is None:
        row = model(**lookup, **values)
        session.add(row)
        session.flush()
    return row
