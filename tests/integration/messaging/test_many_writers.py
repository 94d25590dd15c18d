"""Issue 17, item 6: many writers on SQLite. One real server process as `make run` serves it
(gunicorn, one gevent worker, SQLite; without Redis, and with Redis as the scale-out tests run
it); 50 sockets send 5 messages each, all at once, into one conversation: every message is
acknowledged (no "busy" refusal), stored exactly once and delivered live once to a listening
participant, and the offline participant still gets the notification e-mail that now follows
the acknowledgement. (With Redis, before the process write lock, the writers waited for their
acknowledgement until they timed out: a greenlet waiting in SQLite's busy handler froze the
greenlet holding the write lock.)"""
from __future__ import annotations

import sqlite3
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest
import socketio

from tests.conftest import DEMO_PASSWORD
from tests.integration.messaging.chat_helpers import PARIS_THREAD
from tests.integration.messaging.chat_processes import NS, Deployment, Redis

CLIENTS = 50
MESSAGES = 5
WRITERS = ("paris.manager", "paris.staff")  # support, the conversation's assignee, is offline


def _serve(with_redis: bool):
    folder = Path(tempfile.mkdtemp(prefix="examdesk-writers-"))
    redis = Redis(folder)
    deployment = Deployment(folder, redis)
    if with_redis:
        redis.start()
    else:
        deployment.env.pop("REDIS_URL")  # the embedded default: no Redis
    try:
        deployment.prepare()
        server = deployment.server("only")
        server.start()
        yield server, folder / "scale.db"
    finally:
        deployment.stop()
        redis.stop()


@pytest.fixture(scope="module")
def embedded_server():
    yield from _serve(with_redis=False)


@pytest.fixture(scope="module")
def redis_server():
    yield from _serve(with_redis=True)


def _query(database: Path, sql: str, *args):
    with sqlite3.connect(database) as conn:
        return conn.execute(sql, args).fetchone()


def _connect(url: str, token: str, conversation: int, on_message=None) -> socketio.Client:
    client = socketio.Client(reconnection=False)
    if on_message is not None:
        client.on("message", on_message, namespace=NS)
    client.connect(url, auth={"token": token}, namespaces=[NS], transports=["websocket"],
                   wait_timeout=60)
    assert client.call("join", {"conversation_id": conversation}, namespace=NS,
                       timeout=60).get("ok")
    return client


def _mails_to_support(database: Path, conversation: int) -> int:
    return _query(database, "SELECT count(*) FROM outbox_email WHERE recipient = ? AND kind = ?",
                  "support@examdesk.local", "chat_message")[0]


@pytest.mark.parametrize("served", ["embedded_server", "redis_server"])
def test_fifty_sockets_writing_at_once_are_all_stored_once_and_delivered(served, request):
    server, database = request.getfixturevalue(served)
    conversation = _query(database, "SELECT id FROM conversation WHERE title = ?",
                          PARIS_THREAD)[0]
    tokens = {u: server.token(u, DEMO_PASSWORD) for u in WRITERS}
    mails_before = _mails_to_support(database, conversation)
    prefix = f"writers-{uuid.uuid4().hex[:8]}-"
    live = Counter()
    listener = _connect(server.url, tokens["paris.staff"], conversation,
                        lambda m: live.update([m["id"]]) if (m.get("client_id") or "")
                        .startswith(prefix) else None)
    writers = [_connect(server.url, tokens[WRITERS[n % 2]], conversation)
               for n in range(CLIENTS)]
    acks: list[dict] = []
    start = threading.Barrier(CLIENTS)

    def write(n: int, client: socketio.Client) -> None:
        start.wait()
        for i in range(MESSAGES):
            acks.append(client.call("send_message", {
                "conversation_id": conversation, "body": f"message {i} de {n}",
                "client_id": f"{prefix}{n}-{i}"}, namespace=NS, timeout=120))

    threads = [threading.Thread(target=write, args=(n, c)) for n, c in enumerate(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    refused = [a for a in acks if "id" not in a]
    assert refused == [] and len(acks) == CLIENTS * MESSAGES
    ids = {a["id"] for a in acks}
    assert len(ids) == CLIENTS * MESSAGES
    stored, distinct = _query(database, "SELECT count(*), count(DISTINCT client_id) FROM "
                              "chat_message WHERE client_id LIKE ?", prefix + "%")
    assert (stored, distinct) == (CLIENTS * MESSAGES, CLIENTS * MESSAGES)
    _until(lambda: set(live) >= ids)
    assert set(live) == ids and max(live.values()) == 1  # every one live, none twice
    # The e-mail to the offline assignee follows the acknowledgements (once: throttled).
    _until(lambda: _mails_to_support(database, conversation) > mails_before)
    assert _mails_to_support(database, conversation) == mails_before + 1
    for client in (listener, *writers):
        client.disconnect()


def _until(condition, seconds: float = 60) -> None:
    """Wait for what is on its way (live events, the follow-up); the assertions come after."""
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.1)


def test_a_resent_message_is_acknowledged_with_the_stored_one(embedded_server):
    server, database = embedded_server
    conversation = _query(database, "SELECT id FROM conversation WHERE title = ?",
                          PARIS_THREAD)[0]
    client = _connect(server.url, server.token("paris.manager", DEMO_PASSWORD), conversation)
    client_id = f"resent-{uuid.uuid4().hex}"
    payload = {"conversation_id": conversation, "body": "une seule fois", "client_id": client_id}
    first = client.call("send_message", payload, namespace=NS, timeout=60)
    again = client.call("send_message", payload, namespace=NS, timeout=60)
    client.disconnect()
    assert "id" in first and again["id"] == first["id"]
    assert _query(database, "SELECT count(*) FROM chat_message WHERE client_id = ?",
                  client_id)[0] == 1


def test_a_logged_out_token_socket_is_refused_on_its_next_event(embedded_server):
    """The socket's identity is remembered, not trusted: the session version is checked at
    every event (a log-out elsewhere bumps it)."""
    server, database = embedded_server
    conversation = _query(database, "SELECT id FROM conversation WHERE title = ?",
                          PARIS_THREAD)[0]
    client = _connect(server.url, server.token("paris.staff", DEMO_PASSWORD), conversation)
    with sqlite3.connect(database) as conn:  # what a log-out or password change does
        conn.execute("UPDATE ab_user SET session_version = session_version + 1 "
                     "WHERE username = 'paris.staff'")
    ack = client.call("send_message", {"conversation_id": conversation, "body": "après",
                                       "client_id": uuid.uuid4().hex}, namespace=NS, timeout=60)
    client.disconnect()
    assert ack.get("code") == "unauthorized"
