"""Create, change and delete one row, each as one use-case: the viewer's write scope, the owner
centre set by the server at creation and never changed after, the version the change is based
on, the model's rules, one commit.

The screen (app/views/writes.py) and the REST API (app/api/base.py) of a model call the same
Resource. A model with rules has its own Resource subclass in its domain's services, declared
by both its view and its API (`resource = ...`); the others use `Resource(model)`.

Input fields that are not columns (a password to hash, a file to store, a choice of test
components) arrive as attributes of the row, set by the form or the API schema; the rules read
them from there.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import inspect
from sqlalchemy.orm import Session

from app.models.base import Versioned
from app.models.centres import Centre
from app.security.scope import Viewer, owning_centre_id
from app.services.errors import ValidationFailed
from app.services.live import refresh_dashboards
from app.services.locking import check_version
from app.services.writes import require_writable, transaction

Changes = Mapping[str, Any] | Callable[[Any], Any]


def owner_column(model) -> str | None:
    """The column holding the owner centre of a row (None: tenancy through another row)."""
    column = getattr(model, "__tenant__", None)
    return column if isinstance(column, str) and column != "id" else None


def _owner_relation(model, column: str) -> str | None:
    for prop in model.__mapper__.relationships:
        if any(c.key == column for c in prop.local_columns):
            return prop.key
    return None


def set_owner(db: Session, viewer: Viewer, item) -> None:
    """A centre user's new row belongs to their active centre, whatever the input said."""
    column = owner_column(type(item))
    centre_id = owning_centre_id(viewer)
    if column is None or centre_id is None:
        return
    setattr(item, column, centre_id)
    relation = _owner_relation(type(item), column)
    if relation is not None:
        setattr(item, relation, db.get(Centre, centre_id))


def _owner_now(item, column: str):
    """The owner the row would have after its pending changes (without flushing them)."""
    state = inspect(item)
    relation = _owner_relation(type(item), column)
    if relation is not None and state.attrs[relation].history.added:
        target = state.attrs[relation].history.added[0]
        return None if target is None else inspect(target).identity[0]
    return getattr(item, column)


def keep_owner(item, owner) -> None:
    """Raises ValidationFailed when a change would give the row to another centre."""
    column = owner_column(type(item))
    if column is not None and _owner_now(item, column) != owner:
        raise ValidationFailed(_l("The centre of a record is set when it is created and never "
                                  "changes."), {column: _l("cannot be changed.")})


def apply_changes(db: Session, item, changes: Changes) -> None:
    """Set the user's input on the row: a mapping of attributes, or a function (a form's or
    an API schema's own population) called with the row."""
    with db.no_autoflush:
        if callable(changes):
            changes(item)
            return
        for name, value in changes.items():
            setattr(item, name, value)


class Resource:
    """The rows of one model. Override the `before_*` rules; each may raise DomainError."""

    # The reason given to a viewer who may see a row but not change it (a shared row).
    refusal = None

    def __init__(self, model) -> None:
        self.model = model

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.model.__name__}>"

    # -- the model's rules -------------------------------------------------------------
    def before_create(self, db: Session, viewer: Viewer, item, now: datetime) -> None:
        """Complete and check a new row (its owner centre is already set)."""

    def before_update(self, db: Session, viewer: Viewer, item, now: datetime) -> None:
        """Check and complete a row the user changed."""

    def before_delete(self, db: Session, viewer: Viewer, item, now: datetime) -> None:
        """Refuse the deletion of a row that must stay."""

    def after_create(self, db: Session, viewer: Viewer, item, now: datetime) -> None:
        """Follow-ups in the same transaction once the row has its id (e-mails, history)."""

    # -- the use-cases -----------------------------------------------------------------
    def check_new(self, db: Session, viewer: Viewer, item, now: datetime) -> None:
        """Check a new row as `create` would, writing nothing (a multi-step form checks each
        step with it). Raises what `before_create` raises: ValidationFailed, DomainError."""
        savepoint = db.begin_nested()
        try:
            with db.no_autoflush:
                set_owner(db, viewer, item)
                self.before_create(db, viewer, item, now)
        finally:
            savepoint.rollback()
            if item in db:
                db.expunge(item)

    def check_changes(self, db: Session, viewer: Viewer, item, changes: Changes,
                      now: datetime) -> None:
        """Check `changes` to `item` as `update` would, writing nothing: the row is back as
        stored afterwards. Raises what `before_update` raises."""
        savepoint = db.begin_nested()
        try:
            with db.no_autoflush:
                apply_changes(db, item, changes)
                self.before_update(db, viewer, item, now)
        finally:
            savepoint.rollback()

    def create(self, db: Session, viewer: Viewer, item, now: datetime):
        """Add `item`, built from the user's input. Raises NotAllowed or NotFound (outside the
        write scope), ValidationFailed, ConstraintViolated, DomainError."""
        with transaction(db):
            set_owner(db, viewer, item)
            self.before_create(db, viewer, item, now)
            db.add(item)
            db.flush()
            require_writable(db, viewer, item, self.refusal)
            self.after_create(db, viewer, item, now)
            refresh_dashboards(item, session=db)
        return item

    def update(self, db: Session, viewer: Viewer, item, changes: Changes, now: datetime,
               version=None):
        """Change `item` as `changes` say, based on the `version` the user read (required for
        a versioned row). Raises NotFound, NotAllowed, VersionRequired, ConflictError,
        ValidationFailed, ConstraintViolated, DomainError."""
        with transaction(db):
            require_writable(db, viewer, item, self.refusal)
            if isinstance(item, Versioned):
                check_version(item, version)
            column = owner_column(type(item))
            owner = getattr(item, column) if column else None
            apply_changes(db, item, changes)
            keep_owner(item, owner)
            self.before_update(db, viewer, item, now)
            db.flush()
            require_writable(db, viewer, item, self.refusal)  # still within reach once changed
            refresh_dashboards(item, session=db)
        return item

    def delete(self, db: Session, viewer: Viewer, item, now: datetime, version=None) -> None:
        """Delete `item`; a given `version` must be the current one. Raises NotFound,
        NotAllowed, ConflictError, DomainError."""
        with transaction(db):
            require_writable(db, viewer, item, self.refusal)
            if isinstance(item, Versioned) and version is not None:
                check_version(item, version)
            self.before_delete(db, viewer, item, now)
            refresh_dashboards(item, session=db)
            db.delete(item)
