"""Messaging screens over HTTP: inbox, conversation page, requests, tenancy (foreign -> 404)."""
from __future__ import annotations

import io

from sqlalchemy import func, select

from app.models.mail import OutboxEmail
from app.models.messaging import ChatAttachment, Conversation, ConversationStatus, Message
from tests.integration.messaging.chat_helpers import ACCOUNT_THREAD, LYON_THREAD, PARIS_THREAD

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_every_page_offers_create_a_request(login_as):
    client = login_as("paris.staff")
    page = client.get("/chat/")
    assert page.status_code == 200
    assert 'id="chat-new-link"' in page.text and "/static/vendor/socket.io.min.js" in page.text


def test_centre_inbox_lists_only_its_centre(login_as):
    page = login_as("paris.manager").get("/chat/").text
    assert PARIS_THREAD in page and LYON_THREAD.replace("'", "&#39;") not in page


def test_support_sees_all_centres_on_demand(login_as):
    client = login_as("support")
    mine = client.get("/chat/").text
    everything = client.get("/chat/?centres=all").text
    assert "Centre d&#39;examen de Lyon" in everything and "Centre d&#39;examen de Paris" in everything
    assert mine.count("data-conversation-id") <= everything.count("data-conversation-id")


def test_inbox_filters_waiting_and_closed(login_as):
    client = login_as("support")
    waiting = client.get("/chat/?filter=waiting&centres=all").text
    closed = client.get("/chat/?filter=closed&centres=all").text
    assert PARIS_THREAD in waiting and "Attestation de service fait introuvable" not in waiting
    assert "Attestation de service fait introuvable" in closed and PARIS_THREAD not in closed


def test_inbox_unread_filter_shows_only_conversations_with_unread_messages(login_as):
    client = login_as("support")
    unread = client.get("/chat/?filter=unread&centres=all").text
    assert PARIS_THREAD in unread
    assert "Facture de janvier" not in unread  # support answered last


def test_conversation_page_escapes_text_and_links_safely(login_as, conversation_id, db_session,
                                                         user_id):
    conv = conversation_id()
    db_session.add(Message(conversation_id=conv, author_id=user_id("paris.manager"),
                           body='<script>alert(1)</script> voir https://example.org/a?b=1&c=2.'))
    db_session.commit()
    page = login_as("support").get(f"/chat/conversation/{conv}").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert ('<a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer nofollow" '
            'target="_blank">') in page


def test_foreign_conversation_answers_404_on_every_route(login_as, conversation_id):
    conv = conversation_id(LYON_THREAD)
    client = login_as("paris.manager")
    assert client.get(f"/chat/conversation/{conv}").status_code == 404
    for action, data in (("send", {"body": "x"}), ("status", {"status": "closed"})):
        response = client.post(f"/chat/conversation/{conv}/{action}",
                               data={**data, "csrf_token": client.csrf})
        assert response.status_code == 404, action


def test_new_request_starts_a_conversation_for_the_users_centre(login_as, db_session):
    client = login_as("paris.staff")
    response = client.post("/chat/new", data={"title": "Question", "body": "Bonjour",
                                               "csrf_token": client.csrf})
    assert response.status_code == 302
    conversation = db_session.scalar(select(Conversation).where(Conversation.title == "Question"))
    assert conversation.centre.code == "PAR-0750001"
    assert conversation.assignee.username == "support"
    assert [m.body for m in db_session.scalars(select(Message).where(
        Message.conversation_id == conversation.id))] == ["Bonjour"]


def test_evaluator_matter_goes_to_pedagogy(login_as, db_session):
    client = login_as("paris.manager")
    client.post("/chat/new", data={"title": "Examinateur absent", "body": "Bonjour",
                                   "kind": "evaluator", "csrf_token": client.csrf})
    conversation = db_session.scalar(select(Conversation).where(
        Conversation.title == "Examinateur absent"))
    assert conversation.assignee.username == "pedagogy"


def test_new_request_without_title_is_refused_and_nothing_is_stored(login_as, db_session):
    before = db_session.scalar(select(func.count(Conversation.id)))
    client = login_as("paris.staff")
    page = client.post("/chat/new", data={"title": "", "body": "Bonjour",
                                          "csrf_token": client.csrf}, follow_redirects=True)
    assert page.status_code == 200 and 'id="chat-new-form"' in page.text
    assert db_session.scalar(select(func.count(Conversation.id))) == before


def test_close_and_reopen(login_as, conversation_id, db_session):
    conv = conversation_id()
    client = login_as("support")
    client.post(f"/chat/conversation/{conv}/status", data={"status": "closed",
                                                           "csrf_token": client.csrf})
    assert db_session.get(Conversation, conv).status == ConversationStatus.CLOSED
    client.post(f"/chat/conversation/{conv}/status", data={"status": "open",
                                                           "csrf_token": client.csrf})
    db_session.expire_all()
    assert db_session.get(Conversation, conv).status == ConversationStatus.OPEN


def test_support_reassigns_to_pedagogy_but_a_centre_user_cannot(login_as, conversation_id,
                                                               db_session, user_id):
    conv = conversation_id()
    centre = login_as("paris.manager")
    refused = centre.post(f"/chat/conversation/{conv}/reassign",
                          data={"assignee_id": user_id("pedagogy"), "csrf_token": centre.csrf})
    assert refused.status_code in (302, 403)
    assert db_session.get(Conversation, conv).assignee_id == user_id("support")
    support = login_as("support")
    support.post(f"/chat/conversation/{conv}/reassign",
                 data={"assignee_id": user_id("pedagogy"), "csrf_token": support.csrf})
    db_session.expire_all()
    assert db_session.get(Conversation, conv).assignee_id == user_id("pedagogy")


def test_attachment_is_stored_outside_static_and_downloadable_by_participants_only(
        app, login_as, conversation_id, db_session):
    conv = conversation_id()
    client = login_as("paris.manager")
    response = client.post(f"/chat/conversation/{conv}/send", headers={"Accept": "application/json"},
                           data={"body": "le PV", "client_id": "att-1", "csrf_token": client.csrf,
                                 "file": (io.BytesIO(PDF), "pv.pdf")},
                           content_type="multipart/form-data")
    assert response.status_code == 200, response.text
    attachment_id = response.json["attachments"][0]["id"]
    stored = db_session.get(ChatAttachment, attachment_id)
    assert stored.stored_name and "static" not in app.instance_path
    assert login_as("support").get(f"/chat/attachment/{attachment_id}").data == PDF
    assert login_as("lyon.manager").get(f"/chat/attachment/{attachment_id}").status_code == 404


def test_forbidden_attachment_type_and_size_are_refused_and_nothing_is_stored(
        login_as, conversation_id, db_session):
    conv = conversation_id()
    client = login_as("paris.manager")
    before = db_session.scalar(select(func.count(Message.id)))
    for name, data in (("virus.exe", b"MZ\x90\x00"), ("fake.pdf", b"MZ not a pdf"),
                       ("big.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024))):
        response = client.post(f"/chat/conversation/{conv}/send",
                               headers={"Accept": "application/json"},
                               data={"body": "x", "csrf_token": client.csrf,
                                     "file": (io.BytesIO(data), name)},
                               content_type="multipart/form-data")
        assert response.status_code == 400 and response.json["error"], name
    assert db_session.scalar(select(func.count(Message.id))) == before
    assert db_session.scalar(select(func.count(ChatAttachment.id))) == 0


def test_account_request_creates_the_user_and_a_set_password_email(login_as, conversation_id,
                                                                   db_session):
    from app.models.centres import ExamUser

    conv = conversation_id(ACCOUNT_THREAD)
    support = login_as("support")
    response = support.post(f"/chat/conversation/{conv}/create-account",
                            data={"csrf_token": support.csrf})
    assert response.status_code == 302
    user = db_session.scalar(select(ExamUser).where(
        ExamUser.email == "lucie.garnier@paris.examdesk.local"))
    assert user is not None and user.role_names == {"CentreStaff"}
    assert [c.code for c in user.centres] == ["PAR-0750001"]
    mail = db_session.scalar(select(OutboxEmail).where(OutboxEmail.recipient == user.email))
    assert mail.kind == "password_set" and "/password/set/" in mail.body
    thread = login_as("paris.manager").get(f"/chat/conversation/{conv}").text
    assert user.username in thread


def test_centre_manager_requests_an_account_through_a_conversation(login_as, db_session):
    client = login_as("paris.manager")
    response = client.post("/chat/account-request", data={
        "first_name": "Jean", "last_name": "Dupont", "email": "jean.dupont@example.org",
        "role": "Evaluator", "body": "Nouvel examinateur", "csrf_token": client.csrf})
    assert response.status_code == 302
    conversation = db_session.scalar(select(Conversation).where(
        Conversation.request_email == "jean.dupont@example.org"))
    assert conversation.assignee.username == "pedagogy"  # evaluator accounts: Pedagogy
    assert login_as("paris.staff").get("/chat/account-request").status_code in (302, 403)


def test_unread_json_counts_other_peoples_messages(login_as, conversation_id):
    counts = login_as("support").get("/chat/unread").json
    assert counts["conversations"].get(str(conversation_id())) == 1
    assert counts["total"] >= 1
