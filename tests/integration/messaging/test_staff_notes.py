"""Staff notes ("Note interne"): written and read by body staff only, on every path — the page,
the socket (live, join, resync), the REST API, unread counts, receipts, attachments, e-mails."""
from __future__ import annotations

import io

from sqlalchemy import func, select

from app.models.mail import OutboxEmail
from app.models.messaging import Conversation, Message
from tests.integration.messaging.chat_helpers import events

NS = "/chat"
NOTE = "Note : centre déjà relancé deux fois, ne pas promettre de salle"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EVALUATOR_THREAD = "Disponibilités d'examinatrice en avril"


def _headers(api_token, username):
    return {"Authorization": f"Bearer {api_token(username)}", "Accept-Language": "fr"}


def _join(sock, conv):
    ack = sock.emit("join", {"conversation_id": conv}, namespace=NS, callback=True)
    assert ack["ok"], ack
    return ack


def _note(sock, conv, client_id="note-1", body=NOTE):
    return sock.emit("send_message", {"conversation_id": conv, "body": body,
                                      "client_id": client_id, "internal": True},
                     namespace=NS, callback=True)


def test_note_reaches_staff_live_and_never_a_centre_socket(chat_socket, conversation_id,
                                                          db_session):
    conv = conversation_id()
    manager, support, admin = (chat_socket("paris.manager"), chat_socket("support"),
                               chat_socket("admin"))
    for sock in (manager, support, admin):
        _join(sock, conv)
    events(manager, "message")
    note = _note(support, conv)
    assert note["internal"] is True and db_session.get(Message, note["id"]).internal
    assert [m["id"] for m in events(admin, "message")] == [note["id"]]
    assert events(manager, "message") == []
    # Nor in the resync or the whole history a centre socket asks for after a reconnection.
    manager.disconnect(NS)
    manager.connect(NS)
    _join(manager, conv)
    history = manager.emit("sync", {"conversation_id": conv, "after_id": 0}, namespace=NS,
                           callback=True)
    assert history and note["id"] not in [m["id"] for m in history]
    assert NOTE not in str(history) and events(manager, "message") == []
    staff_history = support.emit("sync", {"conversation_id": conv, "after_id": 0},
                                 namespace=NS, callback=True)
    assert note["id"] in [m["id"] for m in staff_history]


def test_centre_socket_cannot_write_a_note(chat_socket, conversation_id, db_session):
    conv = conversation_id()
    manager = chat_socket("paris.manager")
    before = db_session.scalar(select(func.count(Message.id)))
    ack = _note(manager, conv, "centre-note")
    assert ack["code"] == "forbidden"
    assert "note interne" in ack["error"]
    assert db_session.scalar(select(func.count(Message.id))) == before


def test_a_note_neither_answers_nor_reopens_the_conversation(chat_socket, conversation_id,
                                                             db_session):
    conv = conversation_id()
    conversation = db_session.get(Conversation, conv)
    waiting, last = conversation.awaiting_since, conversation.last_message_at
    _note(chat_socket("support"), conv)
    db_session.expire_all()
    conversation = db_session.get(Conversation, conv)
    assert conversation.awaiting_since == waiting and conversation.last_message_at == last


def test_conversation_page_shows_the_note_to_staff_only(login_as, chat_socket,
                                                        conversation_id):
    conv = conversation_id()
    _note(chat_socket("support"), conv)
    staff_page = login_as("support").get(f"/chat/conversation/{conv}").text
    assert NOTE in staff_page and "Visible uniquement par l'équipe" in staff_page
    assert 'id="chat-internal"' in staff_page  # the composer's toggle
    centre_page = login_as("paris.manager").get(f"/chat/conversation/{conv}").text
    assert "Faut-il un second surveillant ?" in centre_page  # the thread is there…
    assert NOTE not in centre_page and 'id="chat-internal"' not in centre_page  # …not the note


def test_note_does_not_count_as_unread_for_the_centre(login_as, chat_socket, conversation_id):
    conv = conversation_id()
    manager = login_as("paris.manager")
    before = manager.get("/chat/unread").json["conversations"].get(str(conv), 0)
    _note(chat_socket("support"), conv)
    assert manager.get("/chat/unread").json["conversations"].get(str(conv), 0) == before
    admin_after = login_as("admin").get("/chat/unread").json["conversations"]
    assert admin_after.get(str(conv), 0) >= 1  # staff still see it as unread


def test_centre_reading_after_a_note_is_clamped_to_what_it_may_read(chat_socket,
                                                                   conversation_id,
                                                                   db_session):
    conv = conversation_id()
    visible = db_session.scalar(select(func.max(Message.id)).where(
        Message.conversation_id == conv))
    note = _note(chat_socket("support"), conv)
    receipt = chat_socket("paris.manager").emit(
        "read", {"conversation_id": conv, "last_read_id": note["id"]}, namespace=NS,
        callback=True)
    assert receipt["last_read_id"] == visible


def test_api_hides_notes_from_centres_and_refuses_their_creation(client, api_token,
                                                                 conversation_id, db_session):
    conv = conversation_id()
    staff, centre = _headers(api_token, "support"), _headers(api_token, "paris.manager")
    made = client.post("/api/v1/message/", headers=staff, json={
        "conversation_id": conv, "body": NOTE, "client_id": "api-note", "internal": True})
    assert made.status_code == 201 and made.json["internal"] is True
    note_id = made.json["id"]
    q = f"(filters:!((col:conversation,opr:rel_o_m,value:{conv})),page_size:100)"
    assert note_id in client.get(f"/api/v1/message/?q={q}", headers=staff).json["ids"]
    listing = client.get(f"/api/v1/message/?q={q}", headers=centre)
    assert listing.status_code == 200 and listing.json["ids"]
    assert note_id not in listing.json["ids"] and NOTE not in listing.text
    assert client.get(f"/api/v1/message/{note_id}", headers=centre).status_code == 404
    refused = client.post("/api/v1/message/", headers=centre, json={
        "conversation_id": conv, "body": "note ?", "client_id": "c-note", "internal": True})
    assert refused.status_code == 403
    assert refused.json["message"] == "Seule l'équipe de l'organisme peut écrire une note interne."
    assert db_session.scalar(select(func.count(Message.id)).where(
        Message.client_id == "c-note")) == 0


def test_evaluator_never_sees_a_note_in_their_conversation(client, api_token, chat_socket,
                                                           conversation_id):
    conv = conversation_id(EVALUATOR_THREAD)
    pedagogy = chat_socket("pedagogy")
    _join(pedagogy, conv)
    note = _note(pedagogy, conv, "eval-note")
    assert note["internal"] is True
    q = f"(filters:!((col:conversation,opr:rel_o_m,value:{conv})),page_size:100)"
    listing = client.get(f"/api/v1/message/?q={q}",
                         headers=_headers(api_token, "paris.evaluator"))
    assert listing.json["ids"] and note["id"] not in listing.json["ids"]


def test_note_attachment_is_refused_to_the_centre(login_as, conversation_id):
    conv = conversation_id()
    support = login_as("support")
    sent = support.post(f"/chat/conversation/{conv}/send",
                        headers={"Accept": "application/json"},
                        data={"body": "PV interne", "client_id": "note-file", "internal": "1",
                              "csrf_token": support.csrf, "file": (io.BytesIO(PDF), "pv.pdf")},
                        content_type="multipart/form-data")
    assert sent.status_code == 200 and sent.json["internal"] is True
    attachment = sent.json["attachments"][0]["id"]
    assert login_as("admin").get(f"/chat/attachment/{attachment}").data == PDF
    manager = login_as("paris.manager")
    assert manager.get(f"/chat/attachment/{attachment}").status_code == 404
    assert manager.get(f"/chat/attachment/{attachment}/preview").status_code == 404


def test_centre_form_post_of_a_note_is_refused(login_as, conversation_id, db_session):
    conv = conversation_id()
    manager = login_as("paris.manager")
    refused = manager.post(f"/chat/conversation/{conv}/send",
                           headers={"Accept": "application/json"},
                           data={"body": "note ?", "client_id": "form-note", "internal": "1",
                                 "csrf_token": manager.csrf})
    assert refused.status_code == 403 and refused.json["code"] == "forbidden"
    assert db_session.scalar(select(func.count(Message.id)).where(
        Message.client_id == "form-note")) == 0


def test_offline_centre_is_never_emailed_a_note_but_offline_staff_are(chat_socket,
                                                                     conversation_id,
                                                                     db_session):
    def mails_to(username):
        return db_session.scalar(select(func.count(OutboxEmail.id)).where(
            OutboxEmail.recipient == f"{username}@examdesk.local",
            OutboxEmail.kind == "chat_message"))

    conv = conversation_id()
    _note(chat_socket("admin"), conv, "offline-note")
    assert mails_to("paris.manager") == 0 and mails_to("paris.staff") == 0
    assert mails_to("support") == 1  # the assignee, offline, is told


def test_search_never_finds_a_note_for_the_centre_or_an_evaluator(chat_socket,
                                                                  conversation_id, db_session):
    from app.models.centres import ExamUser
    from app.security.context import viewer_for
    from app.services.messaging.search import search_messages

    def found(username, word):
        person = db_session.scalar(select(ExamUser).where(ExamUser.username == username))
        return [hit.message.id for hit in search_messages(
            db_session, viewer_for(person, None), word).hits]

    note = _note(chat_socket("support"), conversation_id(), "search-note",
                 body="Zorglub : centre à surveiller")
    evaluator_note = _note(chat_socket("pedagogy"), conversation_id(EVALUATOR_THREAD),
                           "search-eval-note", body="Zorglub examinatrice")
    assert {note["id"], evaluator_note["id"]} <= set(found("support", "zorglub"))
    assert found("paris.manager", "zorglub") == []
    assert found("paris.evaluator", "zorglub") == []
    assert found("paris.manager", "surveillant")  # the centre's own messages are found
