"""Canned replies: Support manages them in French and English (rules checked on save), the
composer gets them filled for the conversation ({centre}, {session}, {candidate}) in the
user's language first; centres have none and cannot manage them."""
from __future__ import annotations

from sqlalchemy import select

from app.models.candidates import Registration
from app.models.messaging import CannedReply, Conversation


def test_the_composer_gets_the_replies_filled_for_the_conversation(login_as, conversation_id,
                                                                   db_session):
    conv = db_session.get(Conversation, conversation_id())
    registration = db_session.scalar(select(Registration).where(
        Registration.centre_id == conv.centre_id).order_by(Registration.id))
    conv.linked_type, conv.linked_id = "registration", registration.id
    db_session.flush()
    replies = login_as("support").get(f"/chat/conversation/{conv.id}/canned").get_json()
    assert [r["language"] for r in replies][:2] == ["fr", "fr"]  # the user's language first
    welcome = next(r for r in replies if r["shortcut"] == "bienvenue")
    assert welcome["body"].startswith(f"Bonjour {conv.centre.name}, merci")
    accommodation = next(r for r in replies if r["shortcut"] == "amenagement")
    candidate = registration.candidate
    assert f"{candidate.first_name} {candidate.last_name}" in accommodation["body"]
    assert str(registration.session) in accommodation["body"]
    assert "{" not in accommodation["body"]


def test_a_variable_without_value_stays_for_the_user_to_fill(login_as, conversation_id):
    replies = login_as("support").get(f"/chat/conversation/{conversation_id()}/canned").get_json()
    accommodation = next(r for r in replies if r["shortcut"] == "amenagement")
    assert "{candidate}" in accommodation["body"] and "{session}" in accommodation["body"]


def test_centres_have_no_canned_replies_and_cannot_manage_them(login_as, conversation_id):
    manager = login_as("paris.manager")
    answer = manager.get(f"/chat/conversation/{conversation_id()}/canned")
    assert answer.status_code != 200 or answer.get_json() == []
    assert manager.get("/cannedreplyview/list/").status_code != 200
    page = manager.get(f"/chat/conversation/{conversation_id()}").text
    assert "data-canned-url" not in page


def test_support_adds_a_reply_and_a_bad_shortcut_or_variable_is_refused(login_as, db_session):
    support = login_as("support")
    bad = support.post("/cannedreplyview/add", data={
        "csrf_token": support.csrf, "shortcut": "Avec espace", "language": "fr",
        "title": "Essai", "body": "Bonjour {prenom}"})
    assert bad.status_code == 422  # the form comes back with its errors
    assert "lettres minuscules" in bad.text and "Variables inconnues : prenom" in bad.text
    assert db_session.scalar(select(CannedReply).where(CannedReply.title == "Essai")) is None
    good = support.post("/cannedreplyview/add", data={
        "csrf_token": support.csrf, "shortcut": "relance", "language": "en",
        "title": "Reminder", "body": "Dear {centre}, a reminder."})
    assert good.status_code == 302
    row = db_session.scalar(select(CannedReply).where(CannedReply.shortcut == "relance"))
    assert row is not None and row.language == "en"
