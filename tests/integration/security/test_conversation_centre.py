"""Issue 12, finding 3: the centre of a new conversation is chosen by the server from the
viewer's scope; an evaluator or a centre user naming another centre is refused on the form and
the API, and an evaluator has a conversation screen of their own, addressed to Pedagogy."""
from sqlalchemy import func, select

from app.models.centres import Centre
from app.models.messaging import Conversation, ConversationKind
from tests.integration.requests.requests_clients import user


def _centre_id(db, code):
    return db.scalar(select(Centre.id).where(Centre.code == code))


def _count(db, title):
    return db.scalar(select(func.count(Conversation.id)).where(Conversation.title == title))


def _bearer(api_token, username):
    return {"Authorization": f"Bearer {api_token(username)}"}


def test_evaluator_cannot_write_into_another_centres_messaging_by_the_form(login_as,
                                                                          db_session):
    lyon = _centre_id(db_session, "LYO-0690001")
    for username in ("paris.evaluator", "paris.staff"):
        client = user(login_as, username)
        client.post("/chat/new", data={"csrf_token": client.csrf, "centre_id": lyon,
                                       "title": "Intrusion à Lyon", "body": "Bonjour"})
    assert _count(db_session, "Intrusion à Lyon") == 0


def test_evaluator_cannot_write_into_another_centres_messaging_by_the_api(app, db_session,
                                                                         api_token):
    lyon = _centre_id(db_session, "LYO-0690001")
    client = app.test_client()
    for username in ("paris.evaluator", "paris.manager"):
        response = client.post("/api/v1/conversation/", headers=_bearer(api_token, username),
                               json={"title": "Intrusion à Lyon", "body": "Bonjour",
                                     "centre_id": lyon})
        assert response.status_code in (403, 404, 422), response.text
    assert _count(db_session, "Intrusion à Lyon") == 0


def test_evaluator_has_a_conversation_screen_of_their_own(login_as, db_session):
    client = user(login_as, "paris.evaluator")
    page = client.get("/chat/new").get_data(as_text=True)
    assert 'id="chat-new-form"' in page and 'name="centre_id"' not in page
    assert 'id="chat-kind"' not in page  # addressed to Pedagogy, not chosen
    response = client.post("/chat/new", data={
        "csrf_token": client.csrf, "kind": "general", "title": "Indisponibilité d'Inès",
        "body": "Je ne pourrai pas venir le 12."})
    assert response.status_code == 302
    conversation = db_session.scalar(select(Conversation).where(
        Conversation.title == "Indisponibilité d'Inès"))
    assert conversation.centre_id == _centre_id(db_session, "PAR-0750001")
    assert conversation.kind == ConversationKind.EVALUATOR
    assert conversation.assignee.username == "pedagogy"
    assert client.get(f"/chat/conversation/{conversation.id}").status_code == 200
    assert "Indisponibilité d&#39;Inès" in client.get("/chat/").get_data(as_text=True)


def test_body_staff_still_choose_the_centre(login_as, db_session):
    lyon = _centre_id(db_session, "LYO-0690001")
    client = user(login_as, "support")
    client.post("/chat/new", data={"csrf_token": client.csrf, "centre_id": lyon,
                                   "title": "Question du support", "body": "Bonjour"})
    conversation = db_session.scalar(select(Conversation).where(
        Conversation.title == "Question du support"))
    assert conversation.centre_id == lyon
