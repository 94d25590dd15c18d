"""The messaging search on screen and through the REST API (same service, same tenancy), and
the support inbox's deadline column."""
from __future__ import annotations

import html
from datetime import date, timedelta

from sqlalchemy import select

from app.models.centres import Centre
from app.models.messaging import Message
from tests.factories import ExamSessionFactory
from tests.integration.messaging.chat_helpers import LYON_THREAD, PARIS_THREAD


def _headers(api_token, username):
    return {"Authorization": f"Bearer {api_token(username)}"}


def _message(db_session, conversation, word):
    return db_session.scalar(select(Message).where(Message.conversation_id == conversation,
                                                   Message.body.contains(word)))


def test_support_finds_a_message_and_opens_the_conversation_at_it(
        login_as, db_session, conversation_id):
    support = login_as("support")
    message = _message(db_session, conversation_id(PARIS_THREAD), "surveillant")
    page = support.get("/chat/search?q=SURVEILL")
    assert page.status_code == 200
    assert "second <mark>surveillant</mark> ?" in page.text
    link = f"/chat/conversation/{message.conversation_id}?message={message.id}#message-{message.id}"
    assert f'href="{link}"' in page.text
    opened = support.get(link.split("#")[0])
    assert f'chat-hit" id="message-{message.id}"' in opened.text
    assert opened.text.count("chat-hit") == 1


def test_a_centre_never_finds_another_centres_messages(login_as, conversation_id, db_session):
    lyon = login_as("lyon.manager")
    page = lyon.get("/chat/search?q=surveillant")
    assert page.status_code == 200
    assert "Aucun message trouvé pour « surveillant »." in html.unescape(page.text)
    assert PARIS_THREAD not in html.unescape(page.text)
    own = lyon.get("/chat/search?q=codes acces")
    assert LYON_THREAD in html.unescape(own.text) and "<mark>accès</mark>" in own.text


def test_a_search_that_cannot_run_says_why_in_french_and_keeps_the_text(login_as):
    centre = login_as("paris.staff")
    short = centre.get("/chat/search?q=h%C3%B4")
    assert short.status_code == 422
    assert "Saisissez au moins 3 lettres ou chiffres." in short.text
    assert 'value="hô"' in short.text and 'aria-invalid="true"' in short.text
    empty = centre.get("/chat/search?q=+")
    assert empty.status_code == 422 and "Saisissez un mot à rechercher." in empty.text


def test_a_script_in_a_message_is_shown_as_text_in_the_results(
        client, login_as, api_token, conversation_id):
    sent = client.post("/api/v1/message/", headers=_headers(api_token, "paris.manager"),
                       json={"conversation_id": conversation_id(PARIS_THREAD),
                             "body": "<script>alert('pamplemousse')</script>",
                             "client_id": "xss-search"})
    assert sent.status_code == 201
    page = login_as("support").get("/chat/search?q=pamplemousse")
    assert "&lt;script&gt;alert(&#39;<mark>pamplemousse</mark>&#39;)&lt;/script&gt;" in page.text
    assert "<script>alert(" not in page.text


def test_the_api_searches_with_the_same_rules(client, api_token, conversation_id, db_session):
    message = _message(db_session, conversation_id(PARIS_THREAD), "surveillant")
    found = client.get("/api/v1/message/search?text=surveillant",
                       headers=_headers(api_token, "support"))
    assert found.status_code == 200, found.text
    hit = next(h for h in found.json["result"] if h["message_id"] == message.id)
    assert hit["conversation_title"] == PARIS_THREAD
    assert "second <mark>surveillant</mark> ?" in hit["excerpt_html"]
    foreign = client.get("/api/v1/message/search?text=surveillant",
                         headers=_headers(api_token, "lyon.manager"))
    assert foreign.status_code == 200 and foreign.json["count"] == 0
    refused = client.get("/api/v1/message/search?text=ab", headers=_headers(api_token, "support"))
    assert refused.status_code == 422 and list(refused.json["errors"]) == ["text"]
    assert refused.json["message"] == "Saisissez au moins 3 lettres ou chiffres."
    spaced = client.get("/api/v1/message/search?text=second%20surveill",
                        headers=_headers(api_token, "support"))
    assert message.id in [h["message_id"] for h in spaced.json["result"]]
    assert client.get("/api/v1/message/search?text=surveillant").status_code == 401


def test_the_inbox_shows_the_nearest_deadline_first_with_its_colour(login_as, db_session):
    paris = db_session.scalar(select(Centre).where(Centre.code == "PAR-0750001"))
    exam = ExamSessionFactory(centre=paris, start_date=date.today() + timedelta(days=4))
    manager = login_as("paris.manager")
    created = manager.post("/chat/new", data={
        "csrf_token": manager.csrf, "title": "Candidat en fauteuil roulant", "body": "Bonjour",
        "linked_type": "session", "linked_id": exam.id, "kind": "general"})
    assert created.status_code == 302
    page = login_as("support").get("/chat/")
    first_row = page.text.split('<tr data-conversation-id="')[1]
    assert "Candidat en fauteuil roulant" in first_row.split("</tr>")[0]
    assert 'data-band="red"' in first_row.split(">")[0]
    assert "Clôture des inscriptions dans" in first_row.split("</tr>")[0]
    assert "Rouge : dans moins de 2 jours" in page.text
