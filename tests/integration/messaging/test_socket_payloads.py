"""Malformed /chat payloads: every field is read as its type (ids that fit the id column, text
where text goes) and a refusal is the one error acknowledgement, in the user's language; a
database error inside an event rolls the session back, so the next event still works (on
PostgreSQL a failed statement used to poison every later one: InFailedSqlTransaction)."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from app.models.messaging import Message
from app.services.errors import StatementFailed
from app.services.writes import reading

NS = "/chat"
BEYOND_ID_COLUMN = 3_000_000_000  # fits 64 bits, not PostgreSQL's integer


def _ask(sock, event, payload):
    return sock.emit(event, payload, namespace=NS, callback=True)


@pytest.mark.parametrize("after_id", [BEYOND_ID_COLUMN, str(10 ** 23), "zz", [1], True, -1])
def test_sync_refuses_an_after_id_that_is_not_a_message_number(chat_socket, conversation_id,
                                                              after_id):
    sock = chat_socket("paris.manager")
    answer = _ask(sock, "sync", {"conversation_id": conversation_id(), "after_id": after_id})
    assert answer["code"] == "invalid"
    assert "after_id" in answer["error"] and "n'est pas un numéro de message" in answer["error"]
    unread = _ask(sock, "unread", {})
    assert isinstance(unread.get("total"), int), unread  # the session still answers


def test_sync_reads_a_missing_after_id_as_the_whole_thread(chat_socket, conversation_id,
                                                           db_session):
    conv = conversation_id()
    sock = chat_socket("paris.manager")
    stored = db_session.scalar(select(func.count(Message.id)).where(
        Message.conversation_id == conv))
    assert len(_ask(sock, "sync", {"conversation_id": conv})) == min(stored, 500)
    assert len(_ask(sock, "sync", {"conversation_id": conv, "after_id": "0"})) == min(stored,
                                                                                       500)


@pytest.mark.parametrize("last_read_id", ["zz", [1], BEYOND_ID_COLUMN, {"a": 1}])
def test_read_refuses_a_last_read_id_that_is_not_a_message_number(chat_socket, conversation_id,
                                                                  last_read_id):
    sock = chat_socket("paris.manager")
    answer = _ask(sock, "read", {"conversation_id": conversation_id(),
                                 "last_read_id": last_read_id})
    assert answer["code"] == "invalid" and "last_read_id" in answer["error"]


@pytest.mark.parametrize("client_id", [{"a": 1}, ["x"], True])
def test_a_client_id_that_is_not_text_stores_nothing(chat_socket, conversation_id, db_session,
                                                     client_id):
    conv = conversation_id()
    before = db_session.scalar(select(func.count(Message.id)))
    sock = chat_socket("paris.manager")
    answer = _ask(sock, "send_message", {"conversation_id": conv, "body": "Bonjour",
                                         "client_id": client_id})
    assert answer["code"] == "invalid" and "client_id" in answer["error"]
    assert db_session.scalar(select(func.count(Message.id))) == before


def test_a_failed_statement_is_rolled_back_and_the_session_answers_again(db_session):
    with pytest.raises(StatementFailed) as refused:
        with reading(db_session):
            db_session.execute(text("SELECT * FROM no_such_table"))
    assert "Reload" in str(refused.value) or "Rechargez" in str(refused.value)
    assert db_session.execute(text("SELECT 1")).scalar() == 1
