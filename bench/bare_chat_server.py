"""The baseline of the chat benchmarks: a bare python-socketio server served exactly as ExamDesk
is (gunicorn, one gevent worker per process, Redis between processes), doing the least a chat
server can do for one message: store it with one INSERT, emit it to the conversation's room,
acknowledge it. `echo` answers its data (the transport alone).

    gunicorn -k gevent -w 1 --bind 127.0.0.1:PORT bench.bare_chat_server:app
    BARE_DATABASE_URL=sqlite:///…|postgresql+psycopg://… BARE_REDIS_URL=redis://… (optional)

Events on /chat (the same names and shapes as ExamDesk's, no authentication): `join
{conversation_id}`, `send_message {conversation_id, body, client_id}` → `{id, …}` and the
`message` event to the room, `echo` → its data. Only SQLAlchemy Core and python-socketio.
"""
from __future__ import annotations

import os
import threading
from datetime import UTC, datetime

import socketio
from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    insert,
)

NS = "/chat"
metadata = MetaData()
bare_message = Table(
    "bare_message", metadata,
    Column("id", Integer, primary_key=True),
    Column("conversation_id", Integer, nullable=False, index=True),
    Column("author", String(64), nullable=False),
    Column("body", Text, nullable=False),
    Column("client_id", String(64)),
    Column("created_at", DateTime, nullable=False),
    UniqueConstraint("conversation_id", "author", "client_id"),
)


def make_engine(url: str):
    engine = create_engine(url)  # the default pool (5 + 10), as ExamDesk's
    if engine.dialect.name == "sqlite":
        @event.listens_for(engine, "connect")
        def pragmas(conn, _record):  # the same settings as ExamDesk's SQLite
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA busy_timeout=30000")
    return engine


def create_table(url: str) -> None:
    engine = make_engine(url)
    metadata.create_all(engine)
    engine.dispose()


def create_server(database_url: str, redis_url: str | None):
    engine = make_engine(database_url)  # the table exists: create_table(), by the benchmark
    # One writer at a time inside a gevent process on SQLite (a blocked writer would sleep
    # the whole process in SQLite's busy handler); PostgreSQL takes them all at once.
    lock = threading.Lock() if engine.dialect.name == "sqlite" else None
    manager = socketio.RedisManager(redis_url, channel="bare-socketio") if redis_url else None
    sio = socketio.Server(async_mode="gevent", client_manager=manager, cors_allowed_origins=[])

    @sio.on("join", namespace=NS)
    def join(sid, data):
        sio.enter_room(sid, f"conversation-{data['conversation_id']}", namespace=NS)
        return {"ok": True}

    @sio.on("echo", namespace=NS)
    def echo(sid, data):
        return data

    @sio.on("send_message", namespace=NS)
    def send_message(sid, data):
        row = {"conversation_id": int(data["conversation_id"]), "author": sid[:64],
               "body": str(data["body"]), "client_id": data.get("client_id"),
               "created_at": datetime.now(UTC).replace(tzinfo=None)}
        if lock is not None:
            lock.acquire()
        try:
            with engine.begin() as conn:
                row["id"] = conn.execute(insert(bare_message).returning(
                    bare_message.c.id), row).scalar_one()
        finally:
            if lock is not None:
                lock.release()
        payload = {**row, "created_at": row["created_at"].isoformat() + "Z"}
        sio.emit("message", payload, to=f"conversation-{row['conversation_id']}", namespace=NS)
        return payload

    return sio


def _app():
    url = os.environ.get("BARE_DATABASE_URL")
    if not url:  # imported without a database (a check, --help): no application
        return None
    return socketio.WSGIApp(create_server(url, os.environ.get("BARE_REDIS_URL")))


app = _app()
