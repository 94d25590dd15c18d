"""The /chat Socket.IO protocol over the real Flask-SocketIO test client."""
from __future__ import annotations

from sqlalchemy import func, select

from app.models.messaging import Message
from tests.integration.messaging.chat_helpers import events

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


def test_message_is_stored_even_when_nobody_else_is_connected(chat_socket, conversation_id,
                                                             db_session):
    conv = conversation_id()
    manager = chat_socket("paris.manager")
    ack = send(manager, conv, "Personne n'est là ?", "alone-1")
    stored = db_session.get(Message, ack["id"])
    assert stored is not None and stored.body == "Personne n'est là ?"


def test_retry_with_the_same_client_id_creates_no_second_message(chat_socket, conversation_id,
                                                                 db_session):
    conv = conversation_id()
    manager = chat_socket("paris.manager")
    first = send(manager, conv, "Une fois", "retry-1")
    again = send(manager, conv, "Une fois", "retry-1")
    assert again["id"] == first["id"]
    count = db_session.scalar(select(func.count(Message.id)).where(
        Message.conversation_id == conv, Message.client_id == "retry-1"))
    assert count == 1


def test_resync_after_a_disconnect_loses_nothing_and_duplicates_nothing(chat_socket,
                                                                      conversation_id):
    conv = conversation_id()
    manager, support = chat_socket("paris.manager"), chat_socket("support")
    for sock in (manager, support):
        sock.emit("join", {"conversation_id": conv}, namespace=NS, callback=True)
    seen = [send(manager, conv, f"avant {i}", f"before-{i}")["id"] for i in range(3)]
    seen_by_support = [m["id"] for m in events(support, "message")]
    assert seen_by_support == seen
    support.disconnect(NS)
    sent_while_away = [send(manager, conv, f"pendant {i}", f"during-{i}")["id"]
                       for i in range(5)]
    support.connect(NS)
    support.emit("join", {"conversation_id": conv}, namespace=NS, callback=True)
    resync = support.emit("sync", {"conversation_id": conv, "after_id": seen_by_support[-1]},
                          namespace=NS, callback=True)
    got = seen_by_support + [m["id"] for m in resync]
    assert got == seen + sent_while_away
    assert len(got) == len(set(got))


def test_non_participant_is_refused_on_every_event(chat_socket, conversation_id, db_session):
    conv = conversation_id()
    manager, intruder = chat_socket("paris.manager"), chat_socket("lyon.manager")
    manager.emit("join", {"conversation_id": conv}, namespace=NS, callback=True)
    before = db_session.scalar(select(func.count(Message.id)))
    payloads = {
        "join": {"conversation_id": conv},
        "send_message": {"conversation_id": conv, "body": "intrus", "client_id": "x"},
        "typing": {"conversation_id": conv},
        "read": {"conversation_id": conv, "last_read_id": 10 ** 6},
        "sync": {"conversation_id": conv, "after_id": 0},
    }
    for event, payload in payloads.items():
        ack = intruder.emit(event, payload, namespace=NS, callback=True)
        assert isinstance(ack, dict) and ack.get("code") == "not_found", event
    assert db_session.scalar(select(func.count(Message.id))) == before
    assert manager.get_received(NS) == []
    assert [e for e in intruder.get_received(NS) if e["name"] != "unread_changed"] == []


def test_unknown_conversation_and_bad_payloads_are_refused(chat_socket):
    manager = chat_socket("paris.manager")
    for payload in ({"conversation_id": 10 ** 9}, {"conversation_id": "abc"}, "nope", None):
        ack = manager.emit("sync", payload, namespace=NS, callback=True)
        assert ack["code"] == "not_found"


def test_empty_or_oversized_message_is_refused_and_nothing_is_stored(chat_socket,
                                                                   conversation_id,
                                                                   db_session):
    conv = conversation_id()
    manager = chat_socket("paris.manager")
    before = db_session.scalar(select(func.count(Message.id)))
    empty = send(manager, conv, "   ", "e-1")
    huge = send(manager, conv, "x" * 5001, "e-2")
    assert empty["code"] == "invalid" and "Message" in empty["error"]
    assert huge["code"] == "invalid" and "5000" in huge["error"]
    assert db_session.scalar(select(func.count(Message.id))) == before


def test_typing_reaches_the_others_only(chat_socket, conversation_id):
    conv = conversation_id()
    manager, support = chat_socket("paris.manager"), chat_socket("support")
    for sock in (manager, support):
        sock.emit("join", {"conversation_id": conv}, namespace=NS, callback=True)
    assert manager.emit("typing", {"conversation_id": conv}, namespace=NS, callback=True)["ok"]
    typing = events(support, "typing")
    assert [t["conversation_id"] for t in typing] == [conv]
    assert events(manager, "typing") == []


def test_read_receipt_is_broadcast_and_clears_the_unread_count(chat_socket, conversation_id,
                                                              user_id):
    conv = conversation_id()
    manager, support = chat_socket("paris.manager"), chat_socket("support")
    for sock in (manager, support):
        sock.emit("join", {"conversation_id": conv}, namespace=NS, callback=True)
    ack = send(manager, conv, "Lu ?", "read-1")
    unread = support.emit("unread", {}, namespace=NS, callback=True)
    assert unread["conversations"].get(str(conv), 0) >= 1
    receipt = support.emit("read", {"conversation_id": conv, "last_read_id": ack["id"]},
                           namespace=NS, callback=True)
    assert receipt["last_read_id"] == ack["id"] and receipt["read_at"]
    seen = events(manager, "read")
    assert {"user_id": user_id("support"), "last_read_id": ack["id"]}.items() <= seen[-1].items()
    after = support.emit("unread", {}, namespace=NS, callback=True)
    assert str(conv) not in after["conversations"]


def test_read_marker_cannot_point_past_the_newest_message(chat_socket, conversation_id):
    conv = conversation_id()
    support = chat_socket("support")
    receipt = support.emit("read", {"conversation_id": conv, "last_read_id": 10 ** 9},
                           namespace=NS, callback=True)
    assert receipt["last_read_id"] < 10 ** 9


def test_foreign_origin_is_refused_and_own_origin_accepted(chat_socket):
    evil = chat_socket("paris.manager", headers={"Origin": "https://evil.example"})
    assert not evil.is_connected(NS)
    own = chat_socket("paris.manager", headers={"Origin": "http://localhost"})
    assert own.is_connected(NS)


def test_anonymous_socket_is_refused(app):
    from app.extensions import socketio

    sock = socketio.test_client(app, namespace=NS)
    assert not sock.is_connected(NS)


def test_rest_token_authenticates_a_non_browser_client(app, api_token, conversation_id):
    from app.extensions import socketio

    conv = conversation_id()
    sock = socketio.test_client(app, namespace=NS, auth={"token": api_token("paris.manager")})
    assert sock.is_connected(NS)
    ack = sock.emit("send_message", {"conversation_id": conv, "body": "depuis un script",
                                     "client_id": "tok-1"}, namespace=NS, callback=True)
    assert ack["author"]["name"] == "Claire Martin"
    bad = socketio.test_client(app, namespace=NS, auth={"token": "forged.token.value"})
    assert not bad.is_connected(NS)


def test_token_of_another_centre_is_refused_on_events(app, api_token, conversation_id):
    from app.extensions import socketio

    sock = socketio.test_client(app, namespace=NS, auth={"token": api_token("lyon.manager")})
    ack = sock.emit("join", {"conversation_id": conversation_id()}, namespace=NS, callback=True)
    assert ack["code"] == "not_found"


def test_offline_participant_is_emailed_and_connected_one_is_not(chat_socket, conversation_id,
                                                                 db_session):
    from app.models.mail import OutboxEmail

    def mails_to(username):
        return db_session.scalar(select(func.count(OutboxEmail.id)).where(
            OutboxEmail.recipient == f"{username}@examdesk.local",
            OutboxEmail.kind == "chat_message"))

    conv = conversation_id()
    manager = chat_socket("paris.manager")
    chat_socket("paris.staff")  # online, though not in the conversation page
    send(manager, conv, "Support est hors ligne", "off-1")
    assert mails_to("support") == 1
    assert mails_to("paris.staff") == 0
    send(manager, conv, "Toujours hors ligne", "off-2")
    assert mails_to("support") == 1  # at most one per quarter hour
