"""REST resources `conversation` and `message`: list, read, send, mark read, same tenancy."""
from __future__ import annotations

from sqlalchemy import func, select

from app.models.messaging import Message, ReadReceipt
from tests.integration.messaging.chat_helpers import LYON_THREAD, PARIS_THREAD


def _headers(api_token, username):
    return {"Authorization": f"Bearer {api_token(username)}"}


def test_centre_lists_only_its_conversations(client, api_token, conversation_id):
    listing = client.get("/api/v1/conversation/?q=(page_size:100)",
                         headers=_headers(api_token, "lyon.manager"))
    assert listing.status_code == 200
    assert conversation_id(LYON_THREAD) in listing.json["ids"]
    assert conversation_id(PARIS_THREAD) not in listing.json["ids"]


def test_foreign_conversation_and_message_answer_404(client, api_token, conversation_id,
                                                     db_session):
    headers = _headers(api_token, "lyon.manager")
    paris = conversation_id(PARIS_THREAD)
    message_id = db_session.scalar(select(Message.id).where(Message.conversation_id == paris))
    assert client.get(f"/api/v1/conversation/{paris}", headers=headers).status_code == 404
    assert client.get(f"/api/v1/message/{message_id}", headers=headers).status_code == 404
    sent = client.post("/api/v1/message/", headers=headers,
                       json={"conversation_id": paris, "body": "intrus", "client_id": "a"})
    assert sent.status_code == 404
    read = client.post("/api/v1/message/read", headers=headers,
                       json={"conversation_id": paris, "last_read_id": message_id})
    assert read.status_code == 404


def test_send_is_idempotent_by_client_id(client, api_token, conversation_id, db_session):
    headers = _headers(api_token, "paris.manager")
    conv = conversation_id(PARIS_THREAD)
    payload = {"conversation_id": conv, "body": "via l'API", "client_id": "api-1"}
    first = client.post("/api/v1/message/", headers=headers, json=payload)
    again = client.post("/api/v1/message/", headers=headers, json=payload)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json["id"] == again.json["id"]
    assert db_session.scalar(select(func.count(Message.id)).where(
        Message.client_id == "api-1")) == 1


def test_messages_after_an_id_through_the_list_filter(client, api_token, conversation_id,
                                                      db_session):
    headers = _headers(api_token, "support")
    conv = conversation_id(PARIS_THREAD)
    ids = list(db_session.scalars(select(Message.id).where(
        Message.conversation_id == conv).order_by(Message.id)))
    q = (f"(filters:!((col:conversation,opr:rel_o_m,value:{conv}),(col:id,opr:gt,value:{ids[0]})),"
         "order_column:id,order_direction:asc)")
    listing = client.get(f"/api/v1/message/?q={q}", headers=headers)
    assert listing.status_code == 200, listing.text
    assert listing.json["ids"] == ids[1:]


def test_mark_read_through_the_api(client, api_token, conversation_id, user_id, db_session):
    headers = _headers(api_token, "support")
    conv = conversation_id(PARIS_THREAD)
    newest = db_session.scalar(select(func.max(Message.id)).where(Message.conversation_id == conv))
    response = client.post("/api/v1/message/read", headers=headers,
                           json={"conversation_id": conv, "last_read_id": newest})
    assert response.status_code == 200 and response.json["last_read_id"] == newest
    receipt = db_session.scalar(select(ReadReceipt).where(
        ReadReceipt.conversation_id == conv, ReadReceipt.user_id == user_id("support")))
    assert receipt.last_read_id == newest


def test_start_a_conversation_and_bad_input_is_refused(client, api_token):
    headers = _headers(api_token, "paris.staff")
    created = client.post("/api/v1/conversation/", headers=headers,
                          json={"title": "Depuis notre outil", "body": "Bonjour"})
    assert created.status_code == 201 and created.json["id"]
    refused = client.post("/api/v1/conversation/", headers=headers, json={"title": "", "body": ""})
    # The API's one error mapper: invalid input is a 422 naming each field (it was a 400).
    assert refused.status_code == 422 and refused.json["message"]
    assert set(refused.json["errors"]) == {"title", "body"}


def test_evaluator_sees_only_conversations_they_take_part_in(client, api_token, db_session,
                                                             user_id):
    from app.models.messaging import Conversation

    listing = client.get("/api/v1/conversation/?q=(page_size:100)",
                         headers=_headers(api_token, "paris.evaluator"))
    own = set(db_session.scalars(select(Conversation.id).where(
        Conversation.created_by_id == user_id("paris.evaluator"))))
    assert own and set(listing.json["ids"]) == own
