"""Search across conversations: tenancy, accents, prefixes, attachment names, escaped
highlights, and the index kept in step with the messages (SQLite FTS5 / PostgreSQL)."""
from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from app.models.centres import ExamUser
from app.models.messaging import ChatAttachment, Conversation, ConversationKind, Message
from app.security.context import viewer_for
from app.services.messaging import chat
from app.services.messaging.highlight import SearchRefused, excerpt, fold, highlight, parse_terms
from app.services.messaging.search import search_messages, serialize_hit

T0 = datetime(2026, 3, 2, 9, 0)


# -- the pure core ---------------------------------------------------------------------------
def test_fold_removes_accents_case_and_ligatures():
    assert fold("Hôpital") == "hopital"
    assert fold("CŒUR Élève") == "coeur eleve"


@pytest.mark.parametrize("typed, message", [
    ("", "Type a word to search for."),
    ("   ", "Type a word to search for."),
    ("?!", "Type a word to search for."),
    ("ab", "Type at least 3 letters or digits."),
    ("l' a b", "Type at least 3 letters or digits."),
    ("x" * 201, "The search is too long (200 characters at most)."),
    (None, "Type a word to search for."),
])
def test_a_search_that_cannot_run_says_why(typed, message):
    with pytest.raises(SearchRefused) as refused:
        parse_terms(typed)
    assert str(refused.value) == message and list(refused.value.errors) == ["q"]


def test_terms_keep_the_typed_words_and_their_folded_form():
    terms = parse_terms("  l'Hôpital  Cœur hôpital ")
    assert terms.typed == ("hôpital", "cœur")  # one-letter words left out, duplicates once
    assert terms.folded == ("hopital", "coeur")


def test_highlight_escapes_everything_but_the_marks():
    marked = highlight('<script>alert("hôpital")</script> & Hôpital', ("hopital",))
    assert str(marked) == ('&lt;script&gt;alert(&#34;<mark>hôpital</mark>&#34;)'
                           '&lt;/script&gt; &amp; <mark>Hôpital</mark>')


def test_excerpt_is_cut_around_the_first_hit():
    text = "début " * 60 + "le mot Hôpital est ici " + "fin " * 80
    cut = str(excerpt(text, ("hopital",)))
    assert cut.startswith("…") and cut.endswith("…") and "<mark>Hôpital</mark>" in cut
    assert len(cut) < 300


# -- against the database --------------------------------------------------------------------
@pytest.fixture()
def people(db_session):
    def _get(username):
        user = db_session.scalar(select(ExamUser).where(ExamUser.username == username))
        return user, viewer_for(user)

    return _get


@pytest.fixture()
def write(db_session, people):
    """write(username, body, kind=...) -> a new conversation of the user's centre holding it."""

    def _write(username, body, kind=ConversationKind.GENERAL):
        user, viewer = people(username)
        conversation = chat.start_conversation(db_session, viewer, user, title=f"Fil {username}",
                                               body=body, now=T0, kind=kind)
        return db_session.scalar(select(Message).where(Message.conversation_id == conversation.id))

    return _write


def found(db_session, people, username, typed):
    _user, viewer = people(username)
    return {hit.message.id for hit in search_messages(db_session, viewer, typed).hits}


def test_each_user_finds_only_the_conversations_they_may_see(db_session, people, write):
    paris = write("paris.manager", "Le zéphyrin de Paris")
    lyon = write("lyon.manager", "Le zéphyrin de Lyon")
    evaluator = write("paris.evaluator", "Mon zéphyrin d'examinatrice", ConversationKind.EVALUATOR)
    assert found(db_session, people, "support", "zephyrin") == {paris.id, lyon.id, evaluator.id}
    assert found(db_session, people, "paris.manager", "zephyrin") == {paris.id, evaluator.id}
    assert found(db_session, people, "lyon.staff", "zéphyrin") == {lyon.id}
    assert found(db_session, people, "paris.evaluator", "zephyrin") == {evaluator.id}
    assert found(db_session, people, "lyon.evaluator", "zephyrin") == set()


def test_accents_and_case_are_ignored_both_ways_and_words_match_by_prefix(
        db_session, people, write):
    accented = write("paris.manager", "Convocation à l'HÔPITAL Saint-Éloi")
    plain = write("paris.manager", "rendez-vous a l'hopital saint-eloi")
    for typed in ("hopital", "Hôpital", "HOPITAL", "hôp", "saint éloi", "l'hôpital eloi"):
        assert found(db_session, people, "support", typed) >= {accented.id, plain.id}, typed
    assert accented.id not in found(db_session, people, "support", "hopital lyon")


def test_attachment_names_are_searched_and_highlighted(db_session, people, write):
    message = write("paris.manager", "Voici le document")
    db_session.add(ChatAttachment(message=message, filename="Procès-verbal_Hôpital.pdf",
                                  content_type="application/pdf", size=10,
                                  stored_name="search-test-1"))
    db_session.flush()
    _user, viewer = people("support")
    hits = [h for h in search_messages(db_session, viewer, "proces verbal").hits
            if h.message.id == message.id]
    assert len(hits) == 1
    attachment = hits[0].attachments[0]
    assert attachment.matched
    assert str(attachment.filename_html) == ("<mark>Procès</mark>-<mark>verbal</mark>"
                                            "_Hôpital.pdf")


def test_a_message_holding_a_script_is_shown_as_text_with_only_the_hits_marked(
        db_session, people, write):
    message = write("paris.manager", '<script>alert("xss")</script> <b>Hôpital</b> <mark>')
    _user, viewer = people("support")
    hit = next(h for h in search_messages(db_session, viewer, "hopital").hits
               if h.message.id == message.id)
    assert str(hit.excerpt_html) == ("&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt; "
                                     "&lt;b&gt;<mark>Hôpital</mark>&lt;/b&gt; &lt;mark&gt;")
    assert serialize_hit(hit)["excerpt_html"] == str(hit.excerpt_html)


def test_the_index_follows_edits_and_deletes(db_session, people, write):
    message = write("paris.manager", "Première version : bergamote")
    assert message.id in found(db_session, people, "support", "bergamote")
    message.body = "Seconde version : clémentine"
    db_session.flush()
    assert message.id not in found(db_session, people, "support", "bergamote")
    assert message.id in found(db_session, people, "support", "clementine")
    attachment = ChatAttachment(message=message, filename="mandarine.pdf", size=1,
                                content_type="application/pdf", stored_name="search-test-2")
    db_session.add(attachment)
    db_session.flush()
    assert message.id in found(db_session, people, "support", "mandarine")
    attachment.filename = "kumquat.pdf"
    db_session.flush()
    assert message.id not in found(db_session, people, "support", "mandarine")
    assert message.id in found(db_session, people, "support", "kumquat")
    db_session.delete(attachment)
    db_session.flush()
    assert message.id not in found(db_session, people, "support", "kumquat")
    conversation = db_session.get(Conversation, message.conversation_id)
    db_session.delete(message)
    db_session.flush()
    assert found(db_session, people, "support", "clementine") == set()
    assert conversation.id  # the conversation stays; only its message went


def test_results_come_newest_first_by_pages(db_session, people, write):
    ids = [write("paris.manager", f"Tamarin numéro {n}").id for n in range(5)]
    _user, viewer = people("support")
    first = search_messages(db_session, viewer, "tamarin", page_size=3)
    second = search_messages(db_session, viewer, "tamarin", page=1, page_size=3)
    assert [h.message.id for h in first.hits] == ids[::-1][:3] and first.has_more
    assert [h.message.id for h in second.hits] == ids[::-1][3:] and not second.has_more


def test_a_staff_note_is_found_by_staff_only(db_session, people, write):
    message = write("paris.manager", "Question sur le tiers temps")
    support, sv = people("support")
    note, _ = chat.post_message(db_session, sv, support, message.conversation_id,
                                "Note : vérifier le certificat du papayer", None, T0,
                                internal=True)
    assert note.internal
    assert note.id in found(db_session, people, "support", "papayer")
    assert found(db_session, people, "paris.manager", "papayer") == set()
    assert found(db_session, people, "paris.staff", "certificat papayer") == set()
    hit = next(h for h in search_messages(db_session, sv, "papayer").hits)
    assert serialize_hit(hit)["internal"] is True
