"""SQLite serves concurrent writers: WAL, a busy timeout, and writers that take the write lock
when their transaction begins (BEGIN IMMEDIATE); readers begin DEFERRED."""
from __future__ import annotations

import pytest
from sqlalchemy import (
    Column,
    Integer,
    MetaData,
    Table,
    create_engine,
    event,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.models import sqlite_pragmas
from tests.threads import simultaneously

metadata = MetaData()
ticket = Table("ticket", metadata, Column("id", Integer, primary_key=True),
               Column("number", Integer, nullable=False, unique=True))


@pytest.fixture()
def engine(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'writers.db'}")
    sqlite_pragmas.install(engine)
    metadata.create_all(engine)
    yield engine
    engine.dispose()


def take_next_number(engine) -> None:
    """Read the last number, then write the next one: the read-then-write of every use case."""
    with sqlite_pragmas.writing(), Session(engine) as session:
        last = session.scalar(select(func.coalesce(func.max(ticket.c.number), 0)))
        session.execute(insert(ticket).values(number=last + 1))
        session.commit()


def test_the_file_database_runs_in_wal_with_a_busy_timeout(engine):
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_ten_simultaneous_writers_three_rounds_without_an_error(engine):
    errors = []
    for _round in range(3):
        errors += simultaneously(10, lambda _number: take_next_number(engine))
    with engine.connect() as conn:
        numbers = list(conn.scalars(select(ticket.c.number).order_by(ticket.c.number)))
    assert errors == []
    assert numbers == list(range(1, 31))  # nobody read a stale last number


def test_a_deferred_reader_that_writes_after_another_commit_is_refused(engine):
    """Why writers begin IMMEDIATE: the stale reader's upgrade fails at once."""
    with engine.connect() as stale, engine.connect() as other:
        stale = stale.execution_options(sqlite_begin="DEFERRED")
        with stale.begin():
            stale.execute(select(func.count()).select_from(ticket)).scalar()
            with other.begin():
                other.execute(insert(ticket).values(number=1))
            with pytest.raises(OperationalError, match="locked"):
                stale.execute(insert(ticket).values(number=2))


def test_writers_begin_immediate_and_readers_deferred(engine):
    statements = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    take_next_number(engine)
    with Session(engine) as session:  # outside writing(): a reader
        session.execute(text("SELECT 1"))
        with sqlite_pragmas.writing(), Session(engine) as writer:
            writer.execute(text("SELECT 1"))
            with sqlite_pragmas.read_only(), Session(engine) as reader:
                reader.execute(text("SELECT 1"))
    assert [s for s in statements if s.startswith("BEGIN")] == [
        "BEGIN IMMEDIATE", "BEGIN DEFERRED", "BEGIN IMMEDIATE", "BEGIN DEFERRED"]


def test_a_get_request_reads_deferred_and_a_post_writes_immediate():
    """And a reader's open transaction never blocks a writer of the same process."""
    seen = []

    def inner(environ, start_response):
        seen.append(sqlite_pragmas._WRITER.get())

        def streamed():  # runs after the application returned, as a streamed zip does
            seen.append(sqlite_pragmas._WRITER.get())
            yield b"chunk"

        return streamed()

    wrapped = sqlite_pragmas.readers_begin_deferred(inner)
    for method in ("GET", "POST", "HEAD", "DELETE"):
        assert list(wrapped({"REQUEST_METHOD": method}, None)) == [b"chunk"]
    assert seen == [False, False, True, True, False, False, True, True]


def test_an_open_reader_does_not_block_a_writer_of_the_same_thread(engine):
    """A CLI command that read (its session's transaction still open) may then write through
    another connection: only writers take the lock."""
    with Session(engine) as reader:
        reader.execute(select(func.count()).select_from(ticket)).scalar()
        take_next_number(engine)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(ticket)).scalar() == 1
