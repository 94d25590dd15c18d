"""Waiting time that matters: the linked session's next deadline (Paris time), its colour band
and label, and the support inbox ordered by it before the waiting time."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from app.models.centres import Centre, ExamUser
from app.models.messaging import ConversationStatus
from app.models.requests import ExamRequest, RequestKind
from app.models.sessions import ExamSession, SessionStatus
from app.security.context import viewer_for
from app.services.messaging import chat
from app.services.messaging.inbox import inbox
from app.services.messaging.urgency import band, describe, next_deadline
from app.services.sessions.deadlines import candidate_deadline, centre_deadline
from tests.factories import ExamSessionFactory

NOW = datetime(2026, 3, 2, 9, 0)  # a Monday, 10:00 in Paris


def _session(start: date, status=SessionStatus.REGISTRATIONS_OPEN, centre_id=1, days=1):
    return ExamSession(start_date=start, end_date=start + timedelta(days=days - 1),
                       status=status, centre_id=centre_id,
                       registration_deadline=candidate_deadline(start),
                       centre_deadline=centre_deadline(start))


# -- the pure core ---------------------------------------------------------------------------
def test_registrations_close_two_days_before_at_midnight_paris():
    deadline = next_deadline(_session(date(2026, 3, 5)), NOW)  # a Thursday session
    assert (deadline.kind, deadline.moment) == ("registration", datetime(2026, 3, 2, 23, 0))
    assert band(deadline, NOW) == "red"


def test_the_exam_day_is_next_once_registrations_closed_and_counts_in_summer_time():
    exam = _session(date(2026, 3, 31), SessionStatus.REGISTRATIONS_CLOSED)
    deadline = next_deadline(exam, datetime(2026, 3, 27, 12, 0))
    # 00:00 in Paris on 31 March is 22:00 UTC the day before (summer time since 29 March).
    assert (deadline.kind, deadline.moment) == ("exam_day", datetime(2026, 3, 30, 22, 0))
    assert band(deadline, datetime(2026, 3, 27, 12, 0)) == "orange"


def test_a_session_under_way_is_the_most_urgent_and_a_finished_one_has_no_deadline():
    exam = _session(date(2026, 3, 2), SessionStatus.REGISTRATIONS_CLOSED, days=2)
    assert next_deadline(exam, NOW).kind == "in_progress" and band(next_deadline(exam, NOW),
                                                                    NOW) == "red"
    assert next_deadline(exam, datetime(2026, 3, 3, 23, 0)) is None  # 00:00 Paris on the 4th


def test_a_body_session_shows_the_centres_deadline_first():
    exam = _session(date(2026, 3, 20), centre_id=None)  # centres register 14 days before
    deadline = next_deadline(exam, NOW)
    assert deadline.kind == "centre_registration" and band(deadline, NOW) == "orange"


@pytest.mark.parametrize("status", [SessionStatus.CANCELLED, SessionStatus.IN_CORRECTION,
                                    SessionStatus.RESULTS_PUBLISHED])
def test_a_cancelled_or_corrected_session_has_no_deadline(status):
    assert next_deadline(_session(date(2026, 3, 5), status), NOW) is None


def test_labels_say_what_closes_and_when(examdesk_app):
    with examdesk_app.test_request_context(), force_locale("fr"):
        assert describe(next_deadline(_session(date(2026, 3, 5)), NOW), NOW) == \
            "Clôture des inscriptions dans 14 h"
        assert describe(next_deadline(_session(date(2026, 3, 6)), NOW), NOW) == \
            "Clôture des inscriptions dans 1 jour"
        assert describe(next_deadline(_session(date(2026, 3, 10)), NOW), NOW) == \
            "Clôture des inscriptions dans 5 jours"
        closed = _session(date(2026, 3, 9), SessionStatus.REGISTRATIONS_CLOSED)
        assert describe(next_deadline(closed, NOW), NOW) == "Début de la session dans 6 jours"
    with examdesk_app.test_request_context(), force_locale("en"):
        assert describe(next_deadline(_session(date(2026, 3, 10)), NOW), NOW) == \
            "Registrations close in 5 days"
        assert band(None, NOW) is None and describe(None, NOW) == ""


# -- the inbox -------------------------------------------------------------------------------
@pytest.fixture()
def support(db_session):
    user = db_session.scalar(select(ExamUser).where(ExamUser.username == "support"))
    return viewer_for(user)


@pytest.fixture()
def start(db_session):
    """start(title, minutes_ago, **link) -> a new open Paris conversation waiting since then."""
    manager = db_session.scalar(select(ExamUser).where(ExamUser.username == "paris.manager"))

    def _start(title, minutes_ago, **link):
        return chat.start_conversation(db_session, viewer_for(manager), manager, title=title,
                                       body="Bonjour", now=NOW - timedelta(minutes=minutes_ago),
                                       **link)

    return _start


@pytest.fixture()
def paris(db_session):
    return db_session.scalar(select(Centre).where(Centre.code == "PAR-0750001"))


def test_inbox_puts_the_nearest_deadline_first_then_the_waiting_time(
        db_session, support, start, paris):
    far = ExamSessionFactory(centre=paris, start_date=date(2026, 3, 14))
    soon = ExamSessionFactory(centre=paris, start_date=date(2026, 3, 10))
    urgent = ExamSessionFactory(centre=paris, start_date=date(2026, 3, 5))
    waiting_longest = start("Sans session", 9000)
    a = start("Session lointaine", 7000, linked_type="session", linked_id=far.id)
    c = start("Session proche", 10, linked_type="session", linked_id=soon.id)
    b = start("Demande urgente", 5)
    db_session.add(ExamRequest(number="DEM-TEST-1", centre_id=paris.id, session_id=urgent.id,
                               kind=RequestKind.ACCOMMODATION, reason="Tiers temps",
                               conversation_id=b.id))
    db_session.flush()
    rows = inbox(db_session, support, NOW, all_centres=True)
    order = [r.conversation.id for r in rows]
    assert order[:3] == [b.id, c.id, a.id]
    assert order.index(waiting_longest.id) > 2
    by_id = {r.conversation.id: r for r in rows}
    assert (by_id[b.id].band, by_id[c.id].band, by_id[a.id].band) == ("red", "orange", None)
    assert by_id[b.id].deadline.session.id == urgent.id
    assert by_id[waiting_longest.id].deadline is None
    # The limit keeps the nearest deadline, however long the others have waited.
    assert [r.conversation.id for r in inbox(db_session, support, NOW, all_centres=True,
                                             limit=1)] == [b.id]


def test_a_closed_conversation_or_a_foreign_session_gives_no_deadline(
        db_session, support, start, paris):
    lyon = db_session.scalar(select(Centre).where(Centre.code == "LYO-0690001"))
    foreign = ExamSessionFactory(centre=lyon, start_date=date(2026, 3, 5))
    own = ExamSessionFactory(centre=paris, start_date=date(2026, 3, 5))
    odd = start("Lien étranger", 5, linked_type="session", linked_id=foreign.id)
    closed = start("Close", 5, linked_type="session", linked_id=own.id)
    chat.set_status(db_session, support, closed.id, ConversationStatus.CLOSED, NOW)
    rows = {r.conversation.id: r for r in inbox(db_session, support, NOW, all_centres=True)}
    assert rows[odd.id].deadline is None and rows[closed.id].deadline is None
