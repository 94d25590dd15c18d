"""SQLite for concurrent writers: WAL journal, busy timeout, foreign keys, writers BEGIN IMMEDIATE.

A transaction that reads and then writes must not start as a plain (deferred) reader: when another
connection commits between its first read and its first write, SQLite refuses the upgrade with
"database is locked" at once (the busy timeout cannot help, its snapshot is stale). Writers
therefore take the write lock when their transaction begins (`BEGIN IMMEDIATE`) and wait up to
the busy timeout for it; readers begin `DEFERRED` and never block anybody in WAL mode.

Who is a writer: every transaction, unless the code running it declared itself a reader with
`read_only()` (the web layer does it for GET, HEAD and OPTIONS requests, see app/__init__.py).
A connection's execution option `sqlite_begin` ("IMMEDIATE" or "DEFERRED") overrides both.
The recipe follows SQLAlchemy's SQLite dialect documentation ("Serializable isolation /
Savepoints / Transactional DDL"): pysqlite's own BEGIN handling is switched off
(`isolation_level = None`) and SQLAlchemy's "begin" event emits the BEGIN.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar

from sqlalchemy import event
from sqlalchemy.engine import Engine

BUSY_TIMEOUT_MS = 30_000
_READ_ONLY: ContextVar[bool] = ContextVar("examdesk_sqlite_read_only", default=False)


@contextmanager
def read_only(enabled: bool = True) -> Iterator[None]:
    """Transactions begun inside this block (same thread or task) begin DEFERRED."""
    token = _READ_ONLY.set(enabled)
    try:
        yield
    finally:
        _READ_ONLY.reset(token)


def writing() -> AbstractContextManager[None]:
    """Transactions begun inside this block begin IMMEDIATE, even inside a read-only request."""
    return read_only(False)


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def readers_begin_deferred(wsgi_app):
    """Wrap a WSGI application: GET, HEAD and OPTIONS requests run `read_only()`."""

    def application(environ, start_response):
        reader = environ.get("REQUEST_METHOD", "GET") in SAFE_METHODS
        with read_only(reader):
            body = wsgi_app(environ, start_response)
        return _Body(body, reader)

    return application


class _Body:
    """A response body streamed after the application returned (zip, CSV) keeps its mode."""

    def __init__(self, body, reader: bool):
        self.body, self.reader = body, reader

    def __iter__(self):
        chunks = iter(self.body)
        while True:
            with read_only(self.reader):
                chunk = next(chunks, None)
            if chunk is None:
                return
            yield chunk

    def close(self) -> None:
        if hasattr(self.body, "close"):
            self.body.close()


def begin_mode(connection) -> str:
    mode = connection.get_execution_options().get("sqlite_begin")
    if mode in ("IMMEDIATE", "DEFERRED"):
        return mode
    return "DEFERRED" if _READ_ONLY.get() else "IMMEDIATE"


def _set_pragmas(dbapi_connection, _record, in_memory: bool) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (savepoints work)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    if not in_memory:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")  # WAL: never corrupt, fsync at checkpoints
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _begin(connection) -> None:
    connection.exec_driver_sql(f"BEGIN {begin_mode(connection)}")


def install(engine: Engine) -> None:
    """Attach the settings to a SQLite engine (idempotent; other databases are left alone)."""
    if engine.dialect.name != "sqlite" or getattr(engine, "_examdesk_sqlite", False):
        return
    in_memory = engine.url.database in (None, "", ":memory:")
    event.listen(engine, "connect",
                 lambda conn, record: _set_pragmas(conn, record, in_memory))
    event.listen(engine, "begin", _begin)
    engine._examdesk_sqlite = True
