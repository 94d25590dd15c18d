"""`make serve`'s set-up with real processes: two gunicorn/gevent processes behind HAProxy with
sticky cookies and Redis. Twenty open chat sockets (long-polling and WebSocket, spread over both
processes) hold no request thread: every page still answers, and a message crosses processes."""
from __future__ import annotations

import queue
import tempfile
import time
from pathlib import Path

import pytest
import socketio
from sqlalchemy import create_engine, select

from app.models.messaging import Conversation
from tests.conftest import DEMO_PASSWORD
from tests.integration.messaging.chat_processes import NS
from tests.integration.messaging.conftest_chat import PARIS_THREAD
from tests.integration.serving.production import Production

SOCKETS = 20


@pytest.fixture(scope="module")
def production():
    server = Production(Path(tempfile.mkdtemp(prefix="examdesk-serve-")), processes=2)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def paris_thread(production) -> int:
    engine = create_engine(production.deployment.env["DATABASE_URL"])
    with engine.connect() as conn:
        conv = conn.scalar(select(Conversation.id).where(Conversation.title == PARIS_THREAD))
    engine.dispose()
    return conv


def _socket(url: str, token: str, transports: list[str], inbox: queue.Queue):
    client = socketio.Client(reconnection=False)
    client.on("message", lambda m: inbox.put((client, m)), namespace=NS)
    client.connect(url, auth={"token": token}, namespaces=[NS], transports=transports,
                   wait_timeout=30)
    return client


def _node(client) -> str | None:
    """The process HAProxy pinned a polling client to (its sticky cookie)."""
    return client.eio.http.cookies.get("EXAMDESK_NODE") if client.eio.http else None


@pytest.fixture()
def open_sockets(production, paris_thread):
    token = production.token("paris.manager", DEMO_PASSWORD)
    inbox: queue.Queue = queue.Queue()
    clients = [_socket(production.url, token, ["polling"] if n < SOCKETS // 2 else ["polling", "websocket"],
                       inbox) for n in range(SOCKETS)]
    for client in clients:
        ack = client.call("join", {"conversation_id": paris_thread}, namespace=NS, timeout=30)
        assert ack.get("ok"), ack
    yield clients, inbox
    for client in clients:
        client.disconnect()


def test_pages_answer_while_twenty_sockets_are_open(production, open_sockets):
    clients, _ = open_sockets
    transports = {c.transport() for c in clients}
    assert transports == {"polling", "websocket"}
    polling_nodes = {_node(c) for c in clients if c.transport() == "polling"}
    assert polling_nodes == {"web1", "web2"}  # the polling clients live on both processes
    browser = production.browser("paris.manager", DEMO_PASSWORD)
    for path, text in (("/", "ExamDesk"), ("/registrationview/list/", "Inscriptions"),
                       ("/examsessionview/list/", "Sessions"), ("/chat/", PARIS_THREAD[:20])):
        for _ in range(3):  # both processes, round-robin for cookie-less clients
            page = browser.get(production.url + path, timeout=30)
            assert page.status_code == 200, (path, page.status_code)
            assert text in page.text, path
    for client in clients:  # and every socket still answers
        assert "total" in client.call("unread", {}, namespace=NS, timeout=30)


def test_polling_message_reaches_a_polling_client_on_the_other_process(open_sockets,
                                                                      paris_thread):
    clients, inbox = open_sockets
    polling = [c for c in clients if c.transport() == "polling"]
    sender = next(c for c in polling if _node(c) == "web1")
    receiver = next(c for c in polling if _node(c) == "web2")
    ack = sender.call("send_message", {"conversation_id": paris_thread, "body": "via web1",
                                       "client_id": "serve-cross-1"}, namespace=NS, timeout=30)
    assert "id" in ack, ack
    got: dict = {}
    deadline = time.monotonic() + 30
    while len(got) < SOCKETS and time.monotonic() < deadline:
        try:
            client, message = inbox.get(timeout=1)
        except queue.Empty:
            continue
        if message["id"] == ack["id"]:
            got[client] = got.get(client, 0) + 1
    assert receiver in got
    assert len(got) == SOCKETS and set(got.values()) == {1}  # every socket, once
