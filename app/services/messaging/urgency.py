"""Waiting time that matters: a conversation's linked session and that session's next deadline
(centre registrations close, candidate registrations close, exam day), in Paris time, with its
colour band (red within 2 days, orange within 7) — what orders and colours the support inbox.

The linked session is the conversation's own (it is about a session, or a registration of its
centre), else the session of the newest request linked to the conversation, else none.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from flask_babel import gettext as _
from sqlalchemy import case, exists, func, select
from sqlalchemy.orm import Session, joinedload

from app.models.candidates import Registration
from app.models.messaging import Conversation, ConversationStatus
from app.models.requests import ExamRequest
from app.models.sessions import ExamSession, SessionStatus
from app.services.messaging.canned import REGISTRATION_LINKS, SESSION_LINKS
from app.services.sessions.deadlines import RULE_ZONE

RED = timedelta(days=2)
ORANGE = timedelta(days=7)
BANDS = ("red", "orange")
REGISTERING = frozenset({SessionStatus.DRAFT, SessionStatus.PLANNED,
                         SessionStatus.REGISTRATIONS_OPEN})
ACTIVE = REGISTERING | {SessionStatus.REGISTRATIONS_CLOSED}


@dataclass(frozen=True)
class Deadline:
    """The next deadline of a session: `kind` is centre_registration, registration,
    exam_day or in_progress (the exam days are under way); `moment` is naive UTC."""

    kind: str
    moment: datetime
    session: ExamSession | None = None


# -- the pure core ---------------------------------------------------------------------------
def _paris_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), RULE_ZONE).astimezone(UTC).replace(tzinfo=None)


def next_deadline(exam: ExamSession, now: datetime) -> Deadline | None:
    """The session's next deadline after `now` (naive UTC), or None (cancelled, in
    correction or later, or every deadline past). Exam days run from 00:00 Paris on the
    first day to 00:00 Paris after the last one."""
    if exam.status not in ACTIVE:
        return None
    start, end = _paris_midnight(exam.start_date), _paris_midnight(exam.end_date + timedelta(1))
    if start <= now < end:
        return Deadline("in_progress", start, exam)
    moments = [("exam_day", start)]
    if exam.status in REGISTERING:
        if exam.centre_id is None and exam.centre_deadline is not None:  # a body session
            moments.append(("centre_registration", exam.centre_deadline))
        if exam.registration_deadline is not None:
            moments.append(("registration", exam.registration_deadline))
    upcoming = sorted((moment, kind) for kind, moment in moments if moment > now)
    return Deadline(upcoming[0][1], upcoming[0][0], exam) if upcoming else None


def band(deadline: Deadline | None, now: datetime) -> str | None:
    """"red" within 2 days (and during the exam days), "orange" within 7 days, else None."""
    if deadline is None:
        return None
    left = deadline.moment - now
    return "red" if left < RED else "orange" if left < ORANGE else None


def describe(deadline: Deadline | None, now: datetime) -> str:
    """"Clôture des inscriptions dans 2 jours", in the user's language ("" for none)."""
    if deadline is None:
        return ""
    if deadline.kind == "in_progress":
        return _("Session in progress")
    what = {"centre_registration": _("Centre registrations close"),
            "registration": _("Registrations close"),
            "exam_day": _("Session starts")}[deadline.kind]
    return _("%(what)s in %(delay)s", what=what, delay=_delay(deadline.moment - now))


def _delay(left: timedelta) -> str:
    if left >= timedelta(days=2):
        return _("%(days)d days", days=left.days)
    if left >= timedelta(days=1):
        return _("1 day")
    if left >= timedelta(hours=1):
        return _("%(hours)d h", hours=left.seconds // 3600)
    return _("less than an hour")


# -- against the database --------------------------------------------------------------------
def linked_session_id():
    """SQL: the id of the conversation's linked session (NULL when none)."""
    link = func.lower(Conversation.linked_type)
    registration = select(Registration.session_id).where(
        Registration.id == Conversation.linked_id,
        Registration.centre_id == Conversation.centre_id).scalar_subquery()
    request = select(ExamRequest.session_id).where(
        ExamRequest.conversation_id == Conversation.id).order_by(
        ExamRequest.id.desc()).limit(1).scalar_subquery()
    return case((link.in_(SESSION_LINKS), Conversation.linked_id),
                (link.in_(REGISTRATION_LINKS), registration), else_=request)


def has_upcoming_session(now: datetime):
    """SQL: the conversation is open and its linked session may still have a deadline (an
    active session not over yet) — these come first in the inbox, before any limit."""
    yesterday = (now.replace(tzinfo=UTC).astimezone(RULE_ZONE).date() - timedelta(days=1))
    return (Conversation.status == ConversationStatus.OPEN) & exists(select(ExamSession.id).where(
        ExamSession.id == linked_session_id(), ExamSession.status.in_(ACTIVE),
        ExamSession.end_date >= yesterday))


def sessions_by_id(session: Session, ids) -> dict[int, ExamSession]:
    """The sessions of `ids`, their product and centre loaded (one query)."""
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    rows = session.scalars(select(ExamSession).where(ExamSession.id.in_(wanted)).options(
        joinedload(ExamSession.product), joinedload(ExamSession.centre)))
    return {row.id: row for row in rows}


def conversation_deadline(conversation: Conversation, exam: ExamSession | None,
                          now: datetime) -> Deadline | None:
    """The next deadline that matters for an open conversation (a session of its centre or
    of the body only)."""
    if exam is None or conversation.status != ConversationStatus.OPEN:
        return None
    if exam.centre_id not in (None, conversation.centre_id):
        return None
    return next_deadline(exam, now)
