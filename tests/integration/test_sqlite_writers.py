"""Simultaneous writers on the embedded SQLite set-up all succeed: "new conversation" posts
(before writers began IMMEDIATE, 24 of 30 answered 500 with "database is locked"), and chat
messages and read receipts sent over the socket at the same instant (before their events began
IMMEDIATE, an event read the conversation first and its write lost the race: "retry" refusals)."""
from __future__ import annotations

from functools import partial

from sqlalchemy import event, func, select

from app.extensions import socketio
from app.models.messaging import Conversation, Message
from tests.conftest import csrf_token, do_login
from tests.integration.messaging.chat_helpers import PARIS_THREAD
from tests.threads import simultaneously

WRITERS, ROUNDS = 10, 3


def _logged_in(app, username):
    client = app.test_client()
    assert do_login(client, username).status_code == 302
    client.csrf = csrf_token(client, "/chat/new")
    return client


def test_ten_simultaneous_new_conversations_three_rounds_all_stored(private_database):
    app, engine = private_database
    clients = [_logged_in(app, "paris.staff") for _ in range(WRITERS)]
    answers, errors = [], []

    def post(round_number: int, number: int) -> None:
        client = clients[number]
        answers.append(client.post("/chat/new", data={
            "csrf_token": client.csrf, "kind": "general",
            "title": f"Salle d'examen {round_number}-{number}",
            "body": "Bonjour, pouvez-vous confirmer la salle ?"}).status_code)

    for round_number in range(ROUNDS):
        errors += simultaneously(WRITERS, partial(post, round_number))
    assert errors == []
    assert answers == [302] * WRITERS * ROUNDS
    with engine.connect() as conn:
        stored = conn.scalar(select(func.count(Conversation.id)).where(
            Conversation.title.like("Salle d'examen %")))
    assert stored == WRITERS * ROUNDS


def _socket(app, username):
    http = app.test_client()
    assert do_login(http, username).status_code == 302
    sock = socketio.test_client(app, namespace="/chat", flask_test_client=http)
    assert sock.is_connected("/chat")
    return sock


def test_ten_senders_at_once_three_rounds_every_message_stored_none_refused(private_database):
    app, engine = private_database
    with engine.connect() as conn:
        thread = conn.scalar(select(Conversation.id).where(Conversation.title == PARIS_THREAD))
    sockets = [_socket(app, "paris.manager" if n % 2 else "paris.staff") for n in range(WRITERS)]
    acks = []

    def send(round_number: int, number: int) -> None:
        sock = sockets[number]
        ack = sock.emit("send_message", {
            "conversation_id": thread, "client_id": f"writers-{round_number}-{number}",
            "body": f"Salle d'examen {round_number}-{number}"}, namespace="/chat", callback=True)
        acks.append(ack)
        read = sock.emit("read", {"conversation_id": thread, "last_read_id": ack.get("id")},
                         namespace="/chat", callback=True)
        acks.append(read)

    errors = []
    for round_number in range(ROUNDS):
        errors += simultaneously(WRITERS, partial(send, round_number))
    for sock in sockets:
        sock.disconnect("/chat")
    assert errors == []
    assert [ack for ack in acks if "error" in ack] == []
    with engine.connect() as conn:
        stored = conn.scalar(select(func.count(Message.id)).where(
            Message.conversation_id == thread, Message.client_id.like("writers-%")))
    assert stored == WRITERS * ROUNDS


def test_a_chat_event_that_writes_takes_the_write_lock_when_it_begins(private_database):
    app, engine = private_database
    with engine.connect() as conn:
        thread = conn.scalar(select(Conversation.id).where(Conversation.title == PARIS_THREAD))
    sock = _socket(app, "paris.staff")
    begun = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if statement.startswith("BEGIN"):
            begun.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        ack = sock.emit("send_message", {"conversation_id": thread, "client_id": "lock-1",
                                         "body": "Bonjour"}, namespace="/chat", callback=True)
        sent = list(begun)
        begun.clear()
        sock.emit("read", {"conversation_id": thread, "last_read_id": ack["id"]},
                  namespace="/chat", callback=True)
        read = list(begun)
    finally:
        event.remove(engine, "before_cursor_execute", record)
        sock.disconnect("/chat")
    assert "id" in ack
    assert sent and set(sent) == {"BEGIN IMMEDIATE"}
    assert read and set(read) == {"BEGIN IMMEDIATE"}
