"""One use-case, one transaction: commit once at the end, roll back on any error, and turn what
the database refuses into domain errors; every write checks the viewer's write scope first.

Screens, the REST API, socket events and the CLI never commit: they call a use-case (a function
decorated with `use_case`, a Resource of app/services/resources.py, or `act_on_row`) and show
its domain errors (app/views/writes.py, app/api/base.py, app/chat/events.py).
"""
from __future__ import annotations

import functools
import inspect as pyinspect
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import inspect
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, scoped_session
from sqlalchemy.orm.exc import StaleDataError

from app.security.scope import Viewer, can_see, can_write, write_clause
from app.services.errors import (
    ConflictError,
    ConstraintViolated,
    NotAllowed,
    NotFound,
    StatementFailed,
)
from app.services.locking import CONFLICT_MESSAGE

_DEPTH = "examdesk.use_case_depth"
NOT_YOURS = _l("You may not change this record.")
STATEMENT_FAILED = _l("The server could not answer this request. Reload the page and try "
                      "again.")
UNIQUE = (re.compile(r"UNIQUE constraint failed: (?P<cols>[\w., ]+)"),
          re.compile(r"Key \((?P<cols>[\w, ]+)\)=\(.*\) already exists"))
NOT_NULL = (re.compile(r"NOT NULL constraint failed: [\w]+\.(?P<cols>\w+)"),
            re.compile(r'null value in column "(?P<cols>\w+)"'))


def _columns(patterns, text: str) -> list[str] | None:
    for pattern in patterns:
        match = pattern.search(text)
        if match:
            return [c.strip().split(".")[-1] for c in match.group("cols").split(",")]
    return None


def constraint_error(exc: IntegrityError) -> ConstraintViolated:
    """What the database refused, as a message on the fields it names."""
    text = str(exc.orig)
    columns = _columns(UNIQUE, text)
    if columns:
        return ConstraintViolated(_l("Another record already has these values:"),
                                  {c: _l("is already used by another record.") for c in columns})
    columns = _columns(NOT_NULL, text)
    if columns:
        return ConstraintViolated(_l("Some required values are missing:"),
                                  {c: _l("is required.") for c in columns})
    return ConstraintViolated(_l("This change was refused: it refers to a record that does not "
                                 "exist any more, or breaks a rule of the database."), {})


def _translated(exc: BaseException) -> BaseException:
    if isinstance(exc, IntegrityError):
        return constraint_error(exc)
    if isinstance(exc, StaleDataError):
        return ConflictError(CONFLICT_MESSAGE)
    return exc


@contextmanager
def transaction(db: Session) -> Iterator[Session]:
    """The use-case's transaction: committed when the outermost use-case ends, rolled back when
    any error leaves it. A use-case called by another one joins the caller's transaction."""
    depth = db.info.get(_DEPTH, 0)
    db.info[_DEPTH] = depth + 1
    try:
        yield db
        if depth == 0:
            db.commit()
    except BaseException as exc:
        if depth == 0:
            db.rollback()
        translated = _translated(exc)
        if translated is exc:
            raise
        raise translated from exc
    finally:
        db.info[_DEPTH] = depth


@contextmanager
def reading(db: Session) -> Iterator[Session]:
    """Statements run outside a use-case (a socket event's reads): a database error rolls the
    session back, since PostgreSQL refuses every later statement of a failed transaction, and
    becomes StatementFailed. A use-case inside has already rolled back its own work."""
    try:
        yield db
    except SQLAlchemyError as exc:
        db.rollback()
        raise StatementFailed(STATEMENT_FAILED) from exc


def in_use_case(db: Session) -> bool:
    return db.info.get(_DEPTH, 0) > 0


def _session_of(arguments: dict) -> Session:
    for value in arguments.values():
        if isinstance(value, Session | scoped_session):
            return value
    raise TypeError("a use-case takes the database session as an argument")


def use_case(func: Callable | None = None, *, writes: str | None = None, refusal=None):
    """Run the decorated service function as one use-case (see `transaction`).

    `writes` names the argument holding the row the use-case changes: the argument `viewer`
    must be allowed to change it (`require_writable`, refused with `refusal` when given)
    before anything runs."""
    def decorate(fn: Callable) -> Callable:
        signature = pyinspect.signature(fn)

        @functools.wraps(fn)
        def run(*args, **kwargs):
            arguments = signature.bind(*args, **kwargs).arguments
            db = _session_of(arguments)
            with transaction(db):
                if writes is not None:
                    require_writable(db, arguments["viewer"], arguments[writes], refusal)
                return fn(*args, **kwargs)

        return run

    return decorate(func) if func is not None else decorate


def require_writable(db: Session, viewer: Viewer, row: Any, refusal=None) -> None:
    """Raises NotFound when `row` lies outside what the viewer may see, NotAllowed when they
    may see it but not change it. The row is read as flushed: before a change, as stored;
    flush a new or changed row first to check where the change puts it."""
    model = type(row)
    if write_clause(model, viewer) is None:
        return
    identity = inspect(row).identity
    if identity is None:
        raise NotFound(_l("This record does not exist or is not within your reach."))
    with db.no_autoflush:  # the row as stored, not as a pending change would make it
        if can_write(db, model, identity[0], viewer):
            return
        if can_see(db, model, identity[0], viewer):
            raise NotAllowed(refusal or NOT_YOURS)
    raise NotFound(_l("This record does not exist or is not within your reach."))


@use_case(writes="row")
def act_on_row(db: Session, viewer: Viewer, row: Any, operation: Callable[[Any], Any]):
    """`operation(row)`, a domain rule changing `row`, as one use-case on a row the viewer may
    change: what each row of a multi-row action and each row button runs."""
    return operation(row)


def abandon(db: Session) -> None:
    """Throw away what a failed request left in its transaction, so that its error page can
    still read (the user's menu) from the database."""
    db.rollback()
