"""Chat service rules: store, retry, resync, receipts, unread, waiting time, throttle, files."""
from __future__ import annotations

import os
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from app.models.centres import ExamUser
from app.models.mail import OutboxEmail
from app.models.messaging import ChatNotification, Conversation, ConversationStatus
from app.security.context import viewer_for
from app.services.errors import NotAllowed, ValidationFailed
from app.services.messaging import attachments as chat_files
from app.services.messaging import chat
from app.services.messaging import notify as chat_notify
from app.services.messaging.inbox import format_waiting, inbox, waiting_minutes
from app.views.messaging.text import linkify

T0 = datetime(2026, 3, 2, 9, 0)


@pytest.fixture()
def people(db_session):
    def _get(username):
        user = db_session.scalar(select(ExamUser).where(ExamUser.username == username))
        return user, viewer_for(user)

    return _get


@pytest.fixture()
def fresh(db_session, people):
    """A new Paris conversation started by the manager at T0."""
    user, viewer = people("paris.manager")
    return chat.start_conversation(db_session, viewer, user, title="Salle", body="Bonjour",
                                   now=T0)


def test_first_message_is_stored_with_the_conversation_and_waits_for_an_answer(fresh):
    assert fresh.assignee.username == "support"
    assert fresh.awaiting_since == T0 and fresh.status == ConversationStatus.OPEN


def test_body_answer_ends_the_wait_and_centre_message_starts_it(db_session, fresh, people):
    support, sv = people("support")
    chat.post_message(db_session, sv, support, fresh.id, "Réponse", None, T0 + timedelta(hours=1))
    assert fresh.awaiting_since is None
    manager, mv = people("paris.manager")
    chat.post_message(db_session, mv, manager, fresh.id, "Merci", None, T0 + timedelta(hours=2))
    assert waiting_minutes(fresh, T0 + timedelta(hours=2, minutes=35)) == 35


def test_same_client_id_returns_the_stored_message(db_session, fresh, people):
    manager, mv = people("paris.manager")
    first, created = chat.post_message(db_session, mv, manager, fresh.id, "A", "k1", T0)
    again, created_again = chat.post_message(db_session, mv, manager, fresh.id, "A", "k1", T0)
    assert created and not created_again and again.id == first.id


def test_messages_after_returns_the_rest_in_order(db_session, fresh, people):
    manager, mv = people("paris.manager")
    ids = [chat.post_message(db_session, mv, manager, fresh.id, f"m{i}", None, T0)[0].id
           for i in range(4)]
    assert [m.id for m in chat.messages_after(db_session, mv, fresh.id, ids[1])] == ids[2:]


def test_other_centre_cannot_reach_the_conversation(db_session, fresh, people):
    lyon, lv = people("lyon.manager")
    with pytest.raises(chat.ConversationNotFound):
        chat.post_message(db_session, lv, lyon, fresh.id, "intrus", None, T0)
    with pytest.raises(chat.ConversationNotFound):
        chat.messages_after(db_session, lv, fresh.id, 0)


def test_unread_counts_follow_read_receipts(db_session, fresh, people):
    support, sv = people("support")
    manager, mv = people("paris.manager")
    newest, _ = chat.post_message(db_session, mv, manager, fresh.id, "Encore", None, T0)
    assert chat.unread_counts(db_session, sv)[fresh.id] == 2
    receipt = chat.mark_read(db_session, sv, support, fresh.id, newest.id, T0)
    assert receipt.last_read_id == newest.id and receipt.read_at == T0
    assert fresh.id not in chat.unread_counts(db_session, sv)
    older = chat.mark_read(db_session, sv, support, fresh.id, 1, T0 + timedelta(minutes=1))
    assert older.last_read_id == newest.id  # never moves backwards


def test_inbox_waiting_filter_and_waiting_time(db_session, fresh, people):
    _, sv = people("support")
    rows = inbox(db_session, sv, T0 + timedelta(minutes=90), flt="waiting")
    row = next(r for r in rows if r.conversation.id == fresh.id)
    assert row.waiting_minutes == 90 and row.unread == 1
    assert format_waiting(90) in ("1 h 30",)


def test_closing_stops_the_wait_and_a_new_message_reopens(db_session, fresh, people):
    manager, mv = people("paris.manager")
    chat.set_status(db_session, mv, fresh.id, ConversationStatus.CLOSED, T0)
    assert fresh.status == ConversationStatus.CLOSED and fresh.awaiting_since is None
    chat.post_message(db_session, mv, manager, fresh.id, "Rouverte", None, T0)
    assert fresh.status == ConversationStatus.OPEN


def test_only_staff_reassign_and_only_to_staff(db_session, fresh, people):
    pedagogy, _ = people("pedagogy")
    _, mv = people("paris.manager")
    _, sv = people("support")
    with pytest.raises(NotAllowed):
        chat.reassign(db_session, mv, fresh.id, pedagogy.id)
    with pytest.raises(NotAllowed):
        chat.reassign(db_session, sv, fresh.id, people("lyon.manager")[0].id)
    assert chat.reassign(db_session, sv, fresh.id, pedagogy.id).assignee_id == pedagogy.id


@pytest.mark.parametrize("body", ["", "   ", "x" * (chat.MAX_BODY + 1)])
def test_empty_or_oversized_message_is_refused(db_session, fresh, people, body):
    manager, mv = people("paris.manager")
    with pytest.raises(ValidationFailed):
        chat.post_message(db_session, mv, manager, fresh.id, body, None, T0)


def test_throttle_allows_one_mail_per_quarter_hour():
    assert chat_notify.may_notify(None, T0)
    assert not chat_notify.may_notify(T0, T0 + timedelta(minutes=14, seconds=59))
    assert chat_notify.may_notify(T0, T0 + timedelta(minutes=15))


def test_offline_recipient_is_mailed_once_per_quarter_hour_in_their_language(
        db_session, fresh, people):
    support, _ = people("support")
    support.language = "en"
    manager, mv = people("paris.manager")

    def outbox():
        return list(db_session.scalars(select(OutboxEmail).where(
            OutboxEmail.recipient == support.email, OutboxEmail.kind == "chat_message")))

    for minutes in (0, 10, 16):
        message, _ = chat.post_message(db_session, mv, manager, fresh.id, f"t+{minutes}", None,
                                       T0 + timedelta(minutes=minutes))
        chat_notify.notify_offline(db_session, message, set(), T0 + timedelta(minutes=minutes),
                                   "http://examdesk.test")
    mails = outbox()
    assert len(mails) == 2
    assert mails[0].language == "en" and mails[0].subject.startswith("New message")
    assert f"/chat/conversation/{fresh.id}" in mails[0].body


@pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"), reason=(
    "two server processes race on PostgreSQL; SQLite writers begin with BEGIN IMMEDIATE, "
    "before their first read, so they never interleave"))
def test_two_follow_ups_racing_mail_an_offline_follower_once(db_session, people, monkeypatch):
    """Two processes follow the same burst: both read "no throttle", the other one records
    its e-mail first; this one must then send nothing, and not fail on the unique row."""
    from app.extensions import db

    support, _ = people("support")
    manager, mv = people("paris.manager")
    conversation = db_session.scalar(select(Conversation).where(
        Conversation.centre_id == mv.centre_id).order_by(Conversation.id))  # committed (demo)
    message, _ = chat.post_message(db_session, mv, manager, conversation.id, "course", None, T0)
    other = db.engines[None].engine.connect()  # another process's connection, outside the test
    table = ChatNotification.__table__
    may_notify, raced_once = chat_notify.may_notify, []

    def raced(last_sent, now):  # after this follow-up's read: the other one commits first
        if not raced_once:
            raced_once.append(now)
            other.execute(table.insert().values(conversation_id=conversation.id,
                                                user_id=support.id, sent_at=now))
            other.commit()
        return may_notify(last_sent, now)

    monkeypatch.setattr(chat_notify, "may_notify", raced)
    try:
        with db_session.begin_nested():
            sent = chat_notify.notify_offline(db_session, message, set(), T0, "http://x")
        assert support.id not in sent
    finally:
        other.execute(table.delete().where(table.c.conversation_id == conversation.id,
                                           table.c.user_id == support.id))
        other.commit()
        other.close()


def test_online_recipient_gets_no_mail(db_session, fresh, people):
    support, _ = people("support")
    manager, mv = people("paris.manager")
    message, _ = chat.post_message(db_session, mv, manager, fresh.id, "en ligne", None, T0)
    assert support.id not in chat_notify.notify_offline(db_session, message, {support.id}, T0,
                                                        "http://x")


@pytest.mark.parametrize("name,data", [("a.exe", b"MZ"), ("a.pdf", b"GIF89a"), ("a", b"%PDF"),
                                       ("a.pdf", b"")])
def test_forbidden_or_empty_upload_is_refused(name, data):
    with pytest.raises(ValidationFailed):
        chat_files.check_upload(chat_files.Upload(name, data))


def test_oversized_upload_is_refused_and_allowed_one_passes():
    with pytest.raises(ValidationFailed):
        chat_files.check_upload(chat_files.Upload("a.pdf", b"%PDF" + b"0" * 20), max_bytes=10)
    assert chat_files.check_upload(chat_files.Upload("../../x/PV.pdf", b"%PDF-1")) == (
        "PV.pdf", "application/pdf")


def test_linkify_escapes_everything_and_links_only_http():
    html = str(linkify('<img src=x onerror=alert(1)> javascript:alert(1) https://a.fr/x?y="z"'))
    assert "<img" not in html and 'href="javascript' not in html
    assert '<a href="https://a.fr/x?y=" rel=' in html


def test_conversation_needs_a_centre_for_staff(db_session, people):
    support, sv = people("support")
    with pytest.raises(NotAllowed):
        chat.start_conversation(db_session, sv, support, title="t", body="b", now=T0)
    assert db_session.scalar(select(Conversation).where(Conversation.title == "t")) is None


def test_committed_retries_a_sqlite_lock_and_propagates_other_errors(db_session):
    from sqlalchemy.exc import OperationalError

    calls = []

    def flaky():
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("UPDATE", {}, Exception("database is locked"))
        return "done"

    assert chat.committed(db_session, flaky) == "done" and len(calls) == 2

    def broken():
        raise OperationalError("UPDATE", {}, Exception("no such table"))

    with pytest.raises(OperationalError):
        chat.committed(db_session, broken)


def test_support_follows_the_conversations_of_the_centres_they_look_after(db_session, fresh,
                                                                          people):
    support, sv = people("support")
    pedagogy, pv = people("pedagogy")
    chat.reassign(db_session, sv, fresh.id, pedagogy.id)
    followed = {c.id for c in chat.followed_conversations(db_session, sv)}
    assert fresh.id in followed  # Paris's contact is Support, whoever the assignee
    assert fresh.id in {c.id for c in chat.followed_conversations(db_session, pv)}
    lyon_only = people("lyon.manager")
    other = chat.start_conversation(db_session, lyon_only[1], lyon_only[0], title="Lyon",
                                    body="b", now=T0)
    other.centre.support_contact_id = pedagogy.id
    other.assignee_id = pedagogy.id
    db_session.flush()
    assert other.id not in {c.id for c in chat.followed_conversations(db_session, sv)}
    assert other.id in {c.id for c in chat.followed_conversations(db_session, sv,
                                                                  all_centres=True)}
