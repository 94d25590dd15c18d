"""Tenancy, implemented once: which rows a viewer may see and which they may change.

Reading: body staff see every centre. Centre users see the rows of their active centre.
Evaluators see what a model grants them through `evaluator_clause(viewer)` (their sessions and
missions), and nothing else. A model declares its tenancy with `__tenant__` (the column holding
the centre id) or a classmethod `tenant_clause(viewer)`; a model without either is shared
reference data.

Writing: body staff may change every row (the permission matrix of app/security/roles.py says
which screens). Shared rows are written by body staff only: reference data, and the rows a
model's read scope shares with every centre (body-organised sessions). Centre users change the
rows of their active centre: the model's `write_clause(viewer)`, else its `__tenant__` column
equal to the centre; a model with its own `tenant_clause` must declare `write_clause` too, or
centre users change none of its rows. Evaluators change only what `evaluator_write_clause`
grants them (their marks, their unavailabilities and competences, their conversations).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import false, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from app.security.roles import ADMIN, BODY_ROLES, CENTRE_ROLES, EVALUATOR


@dataclass(frozen=True)
class Viewer:
    user_id: int | None
    roles: frozenset[str] = field(default_factory=frozenset)
    centre_id: int | None = None  # the active centre
    centre_ids: tuple[int, ...] = ()

    @property
    def is_body(self) -> bool:
        return bool(self.roles & BODY_ROLES)

    @property
    def is_admin(self) -> bool:
        return ADMIN in self.roles

    @property
    def is_centre_user(self) -> bool:
        return bool(self.roles & CENTRE_ROLES)

    @property
    def is_evaluator(self) -> bool:
        return EVALUATOR in self.roles


ANONYMOUS = Viewer(user_id=None)


def is_tenant_scoped(model) -> bool:
    return getattr(model, "__tenant__", None) is not None or hasattr(model, "tenant_clause")


def tenant_clause(model, viewer: Viewer) -> ColumnElement | None:
    """The SQL condition restricting `model` to what `viewer` may see; None means everything."""
    if not is_tenant_scoped(model):
        return None
    if viewer.is_body:
        return None
    clauses = []
    if viewer.is_centre_user and viewer.centre_id is not None:
        if hasattr(model, "tenant_clause"):
            clauses.append(model.tenant_clause(viewer))
        else:
            clauses.append(getattr(model, model.__tenant__) == viewer.centre_id)
    if viewer.is_evaluator and hasattr(model, "evaluator_clause"):
        clauses.append(model.evaluator_clause(viewer))
    if not clauses:
        return false()
    return clauses[0] if len(clauses) == 1 else or_(*clauses)


def scope_query(query, model, viewer: Viewer):
    clause = tenant_clause(model, viewer)
    return query if clause is None else query.filter(clause)


def scoped_counts(session, viewer: Viewer, counts: dict) -> dict[str, int]:
    """{name: (model, *conditions)} → {name: rows of `model` within the viewer's scope that
    meet the conditions}, in one statement (a scalar subquery per count): a home page shows a
    dozen counters, and a round trip each cost more than the counting."""
    columns = []
    for name, (model, *where) in counts.items():
        query = scope_query(select(func.count()).select_from(model), model, viewer)
        columns.append(query.where(*where).scalar_subquery().label(name))
    row = session.execute(select(*columns)).one()
    return {name: row._mapping[name] or 0 for name in counts}


def can_see(session, model, pk, viewer: Viewer) -> bool:
    """Whether the row `pk` of `model` exists within the viewer's scope."""
    pk_col = model.__mapper__.primary_key[0]
    query = scope_query(session.query(pk_col).filter(pk_col == pk), model, viewer)
    return session.query(query.exists()).scalar()


def write_clause(model, viewer: Viewer) -> ColumnElement | None:
    """The SQL condition restricting `model` to the rows `viewer` may change; None: every row."""
    if viewer.is_body:
        return None
    clauses = []
    if viewer.is_centre_user and viewer.centre_id is not None and is_tenant_scoped(model):
        clauses.append(_centre_write_clause(model, viewer))
    if viewer.is_evaluator and hasattr(model, "evaluator_write_clause"):
        clauses.append(model.evaluator_write_clause(viewer))
    if not clauses:
        return false()
    return clauses[0] if len(clauses) == 1 else or_(*clauses)


def _centre_write_clause(model, viewer: Viewer) -> ColumnElement:
    if hasattr(model, "write_clause"):
        return model.write_clause(viewer)
    column = getattr(model, "__tenant__", None)
    if isinstance(column, str) and not hasattr(model, "tenant_clause"):
        return getattr(model, column) == viewer.centre_id
    return false()


def can_write(session, model, pk, viewer: Viewer) -> bool:
    """Whether the row `pk` of `model` exists and lies within the viewer's write scope."""
    pk_col = model.__mapper__.primary_key[0]
    clause = write_clause(model, viewer)
    query = session.query(pk_col).filter(pk_col == pk)
    if clause is not None:
        query = query.filter(clause)
    return session.query(query.exists()).scalar()


def owning_centre_id(viewer: Viewer) -> int | None:
    """The centre a centre user's new rows belong to (set by the server, never by the form)."""
    return viewer.centre_id if viewer.is_centre_user and not viewer.is_body else None
