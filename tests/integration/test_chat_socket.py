"""The /chat Socket.IO protocol over the real Flask-SocketIO test client."""
from __future__ import annotations

from sqlalchemy import func, select

from app.models.chat import Message
from tests.integration.conftest_chat import (  # noqa: F401
    LYON_THREAD,
    chat_socket,
    conversation_id,
    events,
    fresh_user_per_request,
    user_id,
)

NS = "/chat"


def send(sock, conv, body, client_id):
    return sock.emit("send_message", {"conversation_id": conv, "body": body,
                                      "client_id": client_id}, namespace=NS, callback=True)


def test_sent_message_is_acknowledged_stored_and_delivered(chat_socket, conversation_id,
                                                           db_session):
    conv = conversation_id()
    manager, support = chat_socket("paris.manager"), chat_socket("support")
    assert manager.emit("join", {"conversation_id": conv}, namespace=NS, callback=True)["ok"]
    assert support.emit("join", {"conversation_id": conv}, namespace=NS, callback=True)["ok"]
    ack = send(manager, conv, "Bonjour <b>Support</b>", "c-1")
    assert set(ack) >= {"id", "conversation_id", "author", "body", "created_at", "client_id"}
    assert ack["body"] == "Bonjour <b>Support</b>" and ack["client_id"] == "c-1"
    assert db_session.get(Message, ack["id"]).body == "Bonjour <b>Support</b>"
    received = events(support, "message")
    assert [m["id"] for m in received] == [ack["id"]]
