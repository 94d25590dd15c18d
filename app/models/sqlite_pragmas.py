"""SQLite for concurrent writers: WAL journal, busy timeout, foreign keys, writers BEGIN IMMEDIATE.

A transaction that reads and then writes must not start as a plain (deferred) reader: when another
connection commits between its first read and its first write, SQLite refuses the upgrade with
"database is locked" at once (the busy timeout cannot help, its snapshot is stale). Writers
therefore take the write lock when their transaction begins (`BEGIN IMMEDIATE`) and wait up to
the busy timeout for it; readers begin `DEFERRED` and never block anybody in WAL mode.

Who is a writer: code running inside `writing()` — the web layer wraps every request whose
method is not GET, HEAD or OPTIONS (app/__init__.py), the background jobs wrap their writes
(app/jobs.py). Everything else reads (a reader that holds its transaction open never blocks a
writer of the same process). A connection's execution option `sqlite_begin` ("IMMEDIATE" or
"DEFERRED") overrides both.

Inside one process, writers also take a process-wide write lock before their `BEGIN IMMEDIATE`
(released when the transaction ends). Under gevent every greenlet shares one OS thread, and
SQLite's busy handler sleeps that thread: a greenlet waiting there for the write lock would
freeze the greenlet that holds it (it cannot run to its COMMIT) until the busy timeout expired
and the write was refused. Queued on the process lock instead, waiting writers yield to the
holder; writers of other processes still wait in the busy timeout. The recipe follows SQLAlchemy's SQLite dialect documentation
("Serializable isolation / Savepoints / Transactional DDL"): pysqlite's own BEGIN handling is
switched off (`isolation_level = None`) and SQLAlchemy's "begin" event emits the BEGIN.
"""
from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

BUSY_TIMEOUT_MS = 30_000
_WRITER: ContextVar[bool] = ContextVar("examdesk_sqlite_writer", default=False)


@contextmanager
def writing(enabled: bool = True) -> Iterator[None]:
    """Transactions begun inside this block (same thread or task) begin IMMEDIATE."""
    token = _WRITER.set(enabled)
    try:
        yield
    finally:
        _WRITER.reset(token)


def read_only() -> AbstractContextManager[None]:
    """Transactions begun inside this block begin DEFERRED, even inside a writing request."""
    return writing(False)


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def readers_begin_deferred(wsgi_app):
    """Wrap a WSGI application: requests other than GET, HEAD and OPTIONS run `writing()`."""

    def application(environ, start_response):
        writer = environ.get("REQUEST_METHOD", "GET") not in SAFE_METHODS
        with writing(writer):
            body = wsgi_app(environ, start_response)
        return _Body(body, writer)

    return application


class _Body:
    """A response body streamed after the application returned (zip, CSV) keeps its mode."""

    def __init__(self, body, writer: bool):
        self.body, self.writer = body, writer

    def __iter__(self):
        chunks = iter(self.body)
        while True:
            with writing(self.writer):
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
    return "IMMEDIATE" if _WRITER.get() else "DEFERRED"


def _set_pragmas(dbapi_connection, _record, in_memory: bool) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (savepoints work)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    if not in_memory:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")  # WAL: never corrupt, fsync at checkpoints
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


_HOLDS = "examdesk_write_lock"


def _begin(connection, lock) -> None:
    mode = begin_mode(connection)
    if mode == "IMMEDIATE" and lock is not None:
        if not lock.acquire(timeout=BUSY_TIMEOUT_MS / 1000):
            raise OperationalError("BEGIN IMMEDIATE", None,
                                   sqlite3.OperationalError("database is locked"))
        connection.info[_HOLDS] = True
    try:
        connection.exec_driver_sql(f"BEGIN {mode}")
    except BaseException:
        _release(connection.info, lock)
        raise


def _release(info: dict, lock) -> None:
    """The transaction of this connection ended (commit, rollback, connection returned or
    closed): hand the process write lock to the next writer."""
    if info.pop(_HOLDS, False):
        lock.release()


def install(engine: Engine) -> None:
    """Attach the settings to a SQLite engine (idempotent; other databases are left alone)."""
    if engine.dialect.name != "sqlite" or getattr(engine, "_examdesk_sqlite", False):
        return
    in_memory = engine.url.database in (None, "", ":memory:")
    event.listen(engine, "connect",
                 lambda conn, record: _set_pragmas(conn, record, in_memory))
    # Created here, in the process that serves (after gevent patched `threading`).
    # A plain lock, released by whoever ends the transaction (a greenlet killed mid-transaction
    # must not keep it); a second writing connection of the same greenlet waits as SQLite would.
    lock = None if in_memory else threading.Lock()
    event.listen(engine, "begin", lambda conn: _begin(conn, lock))
    if lock is not None:
        for name in ("commit", "rollback"):
            event.listen(engine, name, lambda conn: _release(conn.info, lock))
        for name in ("checkin", "close", "invalidate"):  # a transaction that never ended
            event.listen(engine.pool, name, lambda dbapi_conn, record, *_: _release(
                record.info if record is not None else {}, lock))
    engine._examdesk_sqlite = True
