"""The scheduler's pass over the sessions: registrations closed at their deadline, the centre
told once the session has taken place, warnings before the deadline (under-filled or full).

`advance_sessions(db, now)` is one use-case, run by `flask sessions advance`, by the job of
app/jobs.py (a loop of the web process under `make run`, RQ when REDIS_URL is set) and by the
tests with a moved clock. Each thing told is a `SessionNotice`, unique per session and kind: a
second pass finds it and neither moves nor sends anything again.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.centres import ExamUser
from app.models.sessions import ExamSession, NoticeKind, SessionNotice
from app.models.sessions import SessionStatus as S
from app.services.formatting import format_moment
from app.services.live import refresh_dashboards
from app.services.mail import queue_mail, recipient_language
from app.services.sessions.deadlines import RULE_ZONE
from app.services.sessions.workflow import active_registrations
from app.services.writes import transaction

WARN_BEFORE = timedelta(days=5)  # warnings start five days before the registration deadline
UNDERFILLED_SHARE = 0.25  # fewer registered than a quarter of the places: under-filled
CLOSING = (S.PLANNED, S.REGISTRATIONS_OPEN)


@dataclass
class PassReport:
    """What one pass did: session numbers closed, notices given."""

    closed: list[str] = field(default_factory=list)
    notices: list[tuple[str, str]] = field(default_factory=list)
    renewals: list[str] = field(default_factory=list)  # agreements told to renew (centres)

    def __str__(self) -> str:
        return (f"{len(self.closed)} session(s) closed, {len(self.notices)} notice(s) sent")


def check_filling(registered: int, capacity: int) -> NoticeKind | None:
    """FULL when every place is taken, UNDERFILLED below a quarter of the places, else None."""
    if capacity and registered >= capacity:
        return NoticeKind.FULL
    if registered < capacity * UNDERFILLED_SHARE:
        return NoticeKind.UNDERFILLED
    return None


def advance_sessions(db: Session, now: datetime) -> PassReport:
    """One pass of the scheduler at `now` (naive UTC); commits once. Idempotent."""
    report = PassReport()
    with transaction(db):
        _close_at_deadline(db, now, report)
        _held_sessions(db, now, report)
        _warn_before_deadline(db, now, report)
    return report


def _close_at_deadline(db: Session, now: datetime, report: PassReport) -> None:
    # A planned session that never opened cannot open after its deadline (workflow._check_open):
    # it closes too, so that absences and the correction can follow.
    rows = db.scalars(select(ExamSession).where(
        ExamSession.status.in_(CLOSING), ExamSession.registration_deadline.is_not(None),
        ExamSession.registration_deadline <= now).order_by(ExamSession.number))
    for item in rows:
        item.status = S.REGISTRATIONS_CLOSED
        report.closed.append(item.number)
        refresh_dashboards(item, session=db)
        _tell(db, item, NoticeKind.REGISTRATIONS_CLOSED, now, report)


def _held_sessions(db: Session, now: datetime, report: PassReport) -> None:
    today = now.replace(tzinfo=UTC).astimezone(RULE_ZONE).date()
    rows = db.scalars(select(ExamSession).where(
        ExamSession.status == S.REGISTRATIONS_CLOSED, ExamSession.end_date < today,
        ExamSession.centre_id.is_not(None)).order_by(ExamSession.number))
    for item in rows:
        _tell(db, item, NoticeKind.SESSION_HELD, now, report)


def _warn_before_deadline(db: Session, now: datetime, report: PassReport) -> None:
    rows = db.scalars(select(ExamSession).where(
        ExamSession.status == S.REGISTRATIONS_OPEN, ExamSession.centre_id.is_not(None),
        ExamSession.registration_deadline > now,
        ExamSession.registration_deadline <= now + WARN_BEFORE).order_by(ExamSession.number))
    for item in rows:
        kind = check_filling(active_registrations(db, item), item.capacity)
        if kind is not None:
            _tell(db, item, kind, now, report)


def _tell(db: Session, item: ExamSession, kind: NoticeKind, now: datetime,
          report: PassReport) -> None:
    """The dashboard notice and the e-mail to the centre's manager, once per session and kind."""
    if item.centre_id is None:
        return
    exists = db.scalar(select(SessionNotice.id).where(SessionNotice.session_id == item.id,
                                                      SessionNotice.kind == kind))
    if exists is not None:
        return
    db.add(SessionNotice(centre_id=item.centre_id, session_id=item.id, kind=kind,
                         created_at=now))
    report.notices.append((item.number, kind.value))
    refresh_dashboards(item.centre_id, session=db)
    centre = item.centre
    if not centre or not centre.manager_email:
        return
    manager = db.scalar(select(ExamUser).where(ExamUser.email == centre.manager_email))
    registered = active_registrations(db, item)

    def render():
        subject = _l("Session %(session)s: %(what)s", session=item.number, what=kind.label)
        return subject, notice_sentence(item, kind, registered)

    queue_mail(db, to=centre.manager_email, language=recipient_language(manager, centre),
               kind=f"session_{kind.value}", render=render)


def notice_sentence(item: ExamSession, kind: NoticeKind, registered: int | None = None) -> str:
    """The sentence of a notice, in the current language (dashboard and e-mail)."""
    zone = item.centre.timezone if item.centre else "Europe/Paris"
    params = {"session": str(item), "registered": registered or 0,
              "capacity": item.capacity,
              "deadline": format_moment(item.registration_deadline, zone=zone, named=True)
              if item.registration_deadline else "",
              }
    text = {
        NoticeKind.REGISTRATIONS_CLOSED: _l(
            "Registrations to the session %(session)s closed at the deadline (%(deadline)s)."),
        NoticeKind.SESSION_HELD: _l(
            "The session %(session)s has taken place: declare the absences, then put it into "
            "correction."),
        NoticeKind.UNDERFILLED: _l(
            "The session %(session)s has %(registered)s registered candidate(s) for "
            "%(capacity)s places; registrations close on %(deadline)s."),
        NoticeKind.FULL: _l(
            "The session %(session)s is full (%(capacity)s places); registrations close on "
            "%(deadline)s."),
    }[kind]
    return str(text) % {k: str(v) for k, v in params.items()}
