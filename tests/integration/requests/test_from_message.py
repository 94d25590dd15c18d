"""Message → request: a request opened from a chat message is prefilled (text, candidate),
linked to the conversation, checked for tenancy (screen and API), and its decision is posted
back into the conversation, live on the socket."""
from __future__ import annotations

import re
from datetime import timedelta
from html import escape

from sqlalchemy import select

from app.extensions import socketio
from app.models.base import utcnow
from app.models.centres import ExamUser
from app.models.messaging import Conversation, Message
from app.models.requests import ExamRequest, RequestKind, RequestStatus
from app.security.context import viewer_for
from app.services.messaging import chat
from app.services.requests.states import OPEN
from tests.integration.messaging.chat_helpers import LYON_THREAD, PARIS_THREAD, events
from tests.integration.requests.requests_clients import user
from tests.integration.sessions.sessions_helpers import registrations_of

ASK = "Bonjour, la candidate a besoin d'un tiers-temps (certificat médical joint)."


def _free_registration(db):
    """A registration of the open Paris session with no accommodation being processed."""
    for registration in registrations_of(db, "7000101"):
        busy = db.scalar(select(ExamRequest.id).where(
            ExamRequest.registration_id == registration.id,
            ExamRequest.kind == RequestKind.ACCOMMODATION, ExamRequest.status.in_(OPEN)))
        if not busy and registration.status.value != "withdrawn":
            return registration
    raise AssertionError("no free registration in 7000101")


def _linked_conversation(db, registration, body=ASK):
    """A Paris manager's conversation about `registration`, with its first message."""
    manager = db.scalar(select(ExamUser).where(ExamUser.username == "paris.manager"))
    conversation = chat.start_conversation(
        db, viewer_for(manager, None), manager, title="Tiers-temps", body=body, now=utcnow(),
        linked_type="registration", linked_id=registration.id)
    db.commit()
    message = db.scalar(select(Message).where(Message.conversation_id == conversation.id))
    return conversation, message


def _message_of(db, title):
    return db.scalar(select(Message).join(Message.conversation).where(
        Conversation.title == title).order_by(Message.id))


def test_form_from_a_message_is_prefilled_and_links_back(login_as, db_session):
    registration = _free_registration(db_session)
    conversation, message = _linked_conversation(db_session, registration)
    manager = user(login_as, "paris.manager")
    form = manager.get(f"/examrequestview/file?message={message.id}").get_data(as_text=True)
    assert "tiers-temps (certificat médical joint).</textarea>" in form
    assert f'name="reg" value="{registration.id}"' in form
    assert f'href="/chat/conversation/{conversation.id}"' in form
    posted = manager.post(f"/examrequestview/file?message={message.id}", data={
        "csrf_token": manager.csrf, "reg": registration.id, "kind": "accommodation",
        "reason": ASK, "extra_time_percent": "33"})
    assert posted.status_code == 302, posted.get_data(as_text=True)
    item = db_session.scalar(select(ExamRequest).where(
        ExamRequest.conversation_id == conversation.id))
    assert item.kind == RequestKind.ACCOMMODATION and item.reason == ASK
    assert item.registration_id == registration.id
    page = manager.get(posted.headers["Location"]).get_data(as_text=True)
    assert f'id="request-conversation" href="/chat/conversation/{conversation.id}"' in page


def test_conversation_page_offers_turning_a_message_into_a_request(login_as, db_session):
    message = _message_of(db_session, PARIS_THREAD)
    page = user(login_as, "paris.manager").get(f"/chat/conversation/{message.conversation_id}")
    assert f'href="/examrequestview/file?message={message.id}"' in page.get_data(as_text=True)
    assert "Créer une demande à partir de ce message" in page.get_data(as_text=True)


def test_a_mistake_keeps_the_prefilled_values_and_says_what_is_wrong(login_as, db_session):
    registration = _free_registration(db_session)
    _, message = _linked_conversation(db_session, registration)
    manager = user(login_as, "paris.manager")
    before = db_session.scalar(select(ExamRequest.id).order_by(ExamRequest.id.desc()))
    page = manager.post(f"/examrequestview/file?message={message.id}", data={
        "csrf_token": manager.csrf, "reg": registration.id, "kind": "accommodation",
        "reason": ASK + " Merci.", "extra_time_percent": ""}).get_data(as_text=True)
    assert "un aménagement accorde un temps supplémentaire entre 1 et 100 %" in page
    assert escape(ASK + " Merci.").replace("&#x27;", "&#39;") + "</textarea>" in page
    assert db_session.scalar(select(ExamRequest.id).order_by(ExamRequest.id.desc())) == before


def test_unlinked_conversation_asks_for_the_candidate_and_keeps_the_text(login_as,
                                                                         db_session):
    message = _message_of(db_session, PARIS_THREAD)
    manager = user(login_as, "paris.manager")
    form = manager.get(f"/examrequestview/file?message={message.id}").get_data(as_text=True)
    assert '<select class="form-control" id="reg" name="reg">' in form
    assert "R7000101" in form and "R7000201" not in form  # the centre's registrations only
    page = manager.post(f"/examrequestview/file?message={message.id}", data={
        "csrf_token": manager.csrf, "kind": "accommodation", "reason": "Texte gardé",
        "extra_time_percent": "33"}).get_data(as_text=True)
    assert "Choisissez l&#39;inscription concernée par la demande." in page
    assert "Texte gardé</textarea>" in page


def test_foreign_message_and_a_note_answer_404(login_as, db_session):
    paris = _message_of(db_session, PARIS_THREAD)
    lyon = user(login_as, "lyon.manager")
    assert lyon.get(f"/examrequestview/file?message={paris.id}").status_code == 404
    support_id = db_session.scalar(select(ExamUser.id).where(ExamUser.username == "support"))
    note = Message(conversation_id=paris.conversation_id, author_id=support_id,
                   body="interne", internal=True)
    db_session.add(note)
    db_session.commit()
    manager = user(login_as, "paris.manager")
    assert manager.get(f"/examrequestview/file?message={note.id}").status_code == 404


def _headers(api_token, username):
    return {"Authorization": f"Bearer {api_token(username)}", "Accept-Language": "fr"}


def test_api_files_a_request_from_a_message(client, api_token, db_session):
    registration = _free_registration(db_session)
    conversation, message = _linked_conversation(db_session, registration)
    made = client.post("/api/v1/request/", headers=_headers(api_token, "paris.manager"),
                       json={"kind": "accommodation", "message_id": message.id,
                             "extra_time_percent": 33})
    assert made.status_code == 201, made.json
    item = db_session.get(ExamRequest, made.json["id"])
    assert (item.conversation_id, item.registration_id, item.reason) == (
        conversation.id, registration.id, ASK)
    assert made.json["result"]["conversation_id"] == conversation.id


def test_api_refuses_a_conversation_of_another_centre_or_out_of_sight(client, api_token,
                                                                      db_session):
    registration = _free_registration(db_session)
    lyon_conv = db_session.scalar(select(Conversation.id).where(
        Conversation.title == LYON_THREAD))
    payload = {"kind": "accommodation", "registration_id": registration.id,
               "reason": "Tiers-temps", "extra_time_percent": 33, "conversation_id": lyon_conv}
    for username in ("paris.manager", "support"):  # out of sight / another centre's
        refused = client.post("/api/v1/request/", headers=_headers(api_token, username),
                              json=payload)
        assert refused.status_code == 422, refused.json
        assert refused.json["message"] == "Choisissez une conversation du centre de la demande."
    assert db_session.scalar(select(ExamRequest.id).where(
        ExamRequest.registration_id == registration.id,
        ExamRequest.kind == RequestKind.ACCOMMODATION, ExamRequest.status.in_(OPEN))) is None
    foreign = client.post("/api/v1/request/", headers=_headers(api_token, "lyon.manager"),
                          json={"kind": "accommodation",
                                "message_id": _message_of(db_session, PARIS_THREAD).id})
    assert foreign.status_code == 404


def test_decision_is_posted_into_the_conversation_live(app, login_as, db_session):
    registration = _free_registration(db_session)
    conversation, message = _linked_conversation(db_session, registration)
    manager = user(login_as, "paris.manager")
    manager.post(f"/examrequestview/file?message={message.id}", data={
        "csrf_token": manager.csrf, "reg": registration.id, "kind": "accommodation",
        "reason": ASK, "extra_time_percent": "33"})
    item = db_session.scalar(select(ExamRequest).where(
        ExamRequest.conversation_id == conversation.id))
    sock = socketio.test_client(app, namespace="/chat", flask_test_client=manager.client)
    assert sock.emit("join", {"conversation_id": conversation.id}, namespace="/chat",
                     callback=True)["ok"]
    events(sock, "message")
    support = user(login_as, "support")
    support.post(f"/examrequestview/decide/{item.id}",
                 data={"csrf_token": support.csrf, "decision": "accept", "note": "Salle 2"})
    db_session.expire_all()
    assert db_session.get(ExamRequest, item.id).status == RequestStatus.ACCEPTED
    posted = db_session.scalars(select(Message).where(
        Message.conversation_id == conversation.id).order_by(Message.id)).all()[-1]
    assert posted.body.startswith(f"Décision sur la demande {item.number} : Votre demande "
                                  "d'aménagement")
    assert "a été validée" in posted.body and "Note : Salle 2" in posted.body
    live = events(sock, "message")
    assert [m["id"] for m in live] == [posted.id]
    sock.disconnect("/chat")


def test_api_decision_is_posted_back_once(client, api_token, db_session):
    registration = _free_registration(db_session)
    conversation, message = _linked_conversation(db_session, registration)
    made = client.post("/api/v1/request/", headers=_headers(api_token, "paris.manager"),
                       json={"kind": "accommodation", "message_id": message.id,
                             "extra_time_percent": 33})
    pk = made.json["id"]
    centre = client.post(f"/api/v1/request/{pk}/decide",
                         headers=_headers(api_token, "paris.manager"),
                         json={"decision": "accept"})
    assert centre.status_code in (401, 403)
    refused = client.post(f"/api/v1/request/{pk}/decide", headers=_headers(api_token, "support"),
                          json={"decision": "refuse", "note": "Pas de justificatif"})
    assert refused.status_code == 200 and refused.json["result"]["status"] == "refused"
    bodies = [m.body for m in db_session.scalars(select(Message).where(
        Message.conversation_id == conversation.id).order_by(Message.id))]
    assert len(bodies) == 2 and re.search(r"a été refusée.*\nNote : Pas de justificatif",
                                           bodies[-1], re.S)


def test_decision_without_a_conversation_posts_nothing(db_session):
    item = db_session.scalar(select(ExamRequest).where(ExamRequest.conversation_id.is_(None),
                                                       ExamRequest.status.in_(OPEN)))
    from app.services.requests import workflow
    count = db_session.query(Message).count()
    workflow.decide(db_session, item, True, None, utcnow() + timedelta(seconds=1))
    assert db_session.query(Message).count() == count
