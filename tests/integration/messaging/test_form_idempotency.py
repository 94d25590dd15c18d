"""Issue 12, finding 9 (doubles): the no-JavaScript message form carries an idempotency key, so
a double post (double click, resent form) stores one message; a new page gives a new key."""
import re

from sqlalchemy import func, select

from app.models.messaging import Message


def _key(html):
    return re.search(r'name="client_id" value="([0-9a-f]{32})"', html).group(1)


def _count(db, conv, body):
    return db.scalar(select(func.count(Message.id)).where(
        Message.conversation_id == conv, Message.body == body))


def test_a_double_post_of_the_message_form_stores_one_message(login_as, conversation_id,
                                                              db_session):
    conv = conversation_id()
    client = login_as("paris.manager")
    key = _key(client.get(f"/chat/conversation/{conv}").get_data(as_text=True))
    for _ in range(2):
        response = client.post(f"/chat/conversation/{conv}/send", data={
            "csrf_token": client.csrf, "client_id": key, "body": "Envoyé deux fois ?"})
        assert response.status_code == 302
    assert _count(db_session, conv, "Envoyé deux fois ?") == 1
    next_key = _key(client.get(f"/chat/conversation/{conv}").get_data(as_text=True))
    assert next_key != key
    client.post(f"/chat/conversation/{conv}/send", data={
        "csrf_token": client.csrf, "client_id": next_key, "body": "Envoyé deux fois ?"})
    assert _count(db_session, conv, "Envoyé deux fois ?") == 2
