"""The sessions' scheduler: a moved clock, one pass, the session closed and the centre told
(dashboard notice, e-mail over a real SMTP server, in the recipient's language); a second pass
changes nothing and sends nothing."""
import socket
from datetime import date, datetime, timedelta

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select

from app.extensions import mail
from app.jobs import run_sessions_pass, start_scheduler
from app.models.mail import OutboxEmail
from app.models.sessions import ExamSession, SessionNotice
from app.models.sessions import SessionStatus as S
from app.services import clock
from app.services.sessions.scheduler import advance_sessions
from tests.factories import CentreFactory, ExamSessionFactory, RegistrationFactory, UserFactory

SESSION_DAY = date(2031, 6, 17)  # a Tuesday: registrations close Sunday 15 June 00:00, Paris
DEADLINE = datetime(2031, 6, 14, 22, 0)  # that midnight in UTC (CEST)


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
        return "250 OK"


@pytest.fixture()
def smtp(app):
    """A real SMTP server on a free port, the application's mail sent to it."""
    inbox = Inbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    state = app.extensions["mail"]
    app.extensions["mail"] = mail.init_mail(
        {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": controller.port,
         "MAIL_DEFAULT_SENDER": "no-reply@examdesk.local"}, testing=False)
    app.config["MAIL_SERVER"] = "127.0.0.1"
    try:
        yield inbox
    finally:
        app.extensions["mail"] = state
        app.config["MAIL_SERVER"] = None
        controller.stop()


@pytest.fixture()
def centre(db_session):
    return CentreFactory(manager_email="direction.planif@centre.example", language="fr")


@pytest.fixture()
def open_session(db_session, centre):
    item = ExamSessionFactory(centre=centre, start_date=SESSION_DAY, capacity=20)
    RegistrationFactory.create_batch(8, session=item)
    return item


def _emails(db_session) -> int:
    return db_session.scalar(select(func.count(OutboxEmail.id))) or 0


def test_a_pass_after_the_deadline_closes_the_session_and_tells_the_centre_once(
        db_session, open_session, centre, smtp, login_as):
    manager = UserFactory(centres=[centre], role="CentreManager", email=centre.manager_email,
                          language="en")
    assert open_session.registration_deadline == DEADLINE
    before = advance_sessions(db_session, DEADLINE - timedelta(minutes=1))
    assert open_session.status == S.REGISTRATIONS_OPEN
    assert open_session.number not in before.closed  # (the demo sessions are long past)
    told = len(smtp.messages)

    report = advance_sessions(db_session, DEADLINE + timedelta(minutes=1))
    assert report.closed == [open_session.number]
    assert open_session.status == S.REGISTRATIONS_CLOSED
    notice = db_session.scalar(select(SessionNotice).where(
        SessionNotice.session_id == open_session.id))
    assert notice.kind.value == "registrations_closed" and notice.centre_id == centre.id
    email = db_session.scalar(select(OutboxEmail).where(
        OutboxEmail.recipient == centre.manager_email).order_by(OutboxEmail.id.desc()))
    # The manager chose English: the e-mail is in English, the deadline in Paris time
    assert email.language == "en" and email.sent_at is not None
    assert f"Session {open_session.number}: Registrations closed" == email.subject
    assert "closed at the deadline (6/15/2031 00:00" in email.body
    assert [rcpt for rcpt, _ in smtp.messages[told:]] == [[centre.manager_email]]
    assert "Registrations closed" in smtp.messages[-1][1]

    # The dashboard of the centre shows the notice, in the reader's language (French here)
    manager.language = "fr"
    db_session.flush()
    page = login_as(manager.username).get("/", headers={"Accept-Language": "fr"}).text
    assert "dashboard-session-notices" in page
    assert f"Les inscriptions à la session {open_session.number}" in page

    sent = _emails(db_session)
    again = advance_sessions(db_session, DEADLINE + timedelta(hours=3))
    assert again.closed == [] and again.notices == []
    assert _emails(db_session) == sent and len(smtp.messages) == told + 1


def test_a_held_session_reminds_the_centre_to_put_it_into_correction(db_session, open_session):
    advance_sessions(db_session, DEADLINE + timedelta(minutes=1))
    report = advance_sessions(db_session, datetime(2031, 6, 17, 21, 59))  # still the 17th
    assert report.notices == []
    report = advance_sessions(db_session, datetime(2031, 6, 17, 22, 1))  # 18th in Paris
    assert report.notices == [(open_session.number, "session_held")]
    assert open_session.status == S.REGISTRATIONS_CLOSED  # the centre puts it into correction


def test_a_planned_session_that_never_opened_closes_at_its_deadline(db_session, centre):
    item = ExamSessionFactory(centre=centre, start_date=SESSION_DAY, status=S.PLANNED)
    advance_sessions(db_session, DEADLINE)
    assert item.status == S.REGISTRATIONS_CLOSED


def test_warnings_before_the_deadline_for_under_filled_and_full_sessions(db_session, centre):
    empty = ExamSessionFactory(centre=centre, start_date=SESSION_DAY, capacity=20)
    RegistrationFactory.create_batch(4, session=empty)  # 4 < 20 / 4: under-filled
    full = ExamSessionFactory(centre=centre, start_date=SESSION_DAY, capacity=3)
    RegistrationFactory.create_batch(3, session=full)
    fine = ExamSessionFactory(centre=centre, start_date=SESSION_DAY, capacity=20)
    RegistrationFactory.create_batch(10, session=fine)
    ours = {empty.number, full.number, fine.number}
    too_early = advance_sessions(db_session, DEADLINE - timedelta(days=6))
    assert not [n for n in too_early.notices if n[0] in ours]
    report = advance_sessions(db_session, DEADLINE - timedelta(days=4))
    assert sorted(report.notices) == sorted([(empty.number, "underfilled"),
                                             (full.number, "full")])
    bodies = [e.body for e in db_session.scalars(select(OutboxEmail).where(
        OutboxEmail.kind.in_(("session_underfilled", "session_full"))))]
    assert any("4 candidat(s) inscrit(s) pour 20 places" in b for b in bodies)
    assert advance_sessions(db_session, DEADLINE - timedelta(days=3)).notices == []


def test_the_flask_command_runs_one_pass_at_the_given_moment(app, db_session, open_session):
    number = open_session.number
    result = app.test_cli_runner().invoke(args=["sessions", "advance", "--at",
                                                "2031-06-14T22:01"])
    assert result.exit_code == 0, result.output
    assert f"closed {number}" in result.output
    assert clock.now() < datetime(2031, 1, 1)  # the command let the clock run again
    item = db_session.scalar(select(ExamSession).where(ExamSession.number == number))
    assert item.status == S.REGISTRATIONS_CLOSED
    result = app.test_cli_runner().invoke(args=["sessions", "advance", "--at",
                                                "2031-06-14T23:00"])
    assert "0 session(s) closed, 0 notice(s) sent" in result.output


def test_the_job_uses_the_injectable_clock(app, db_session, open_session):
    number = open_session.number
    clock.set_now(DEADLINE + timedelta(seconds=1))
    try:
        report = run_sessions_pass()
    finally:
        clock.set_now(None)
    assert number in report.closed


def test_the_scheduler_is_off_without_an_interval(app):
    app.config["SCHEDULER_INTERVAL"] = 0
    try:
        assert start_scheduler(app) is None
    finally:
        app.config["SCHEDULER_INTERVAL"] = 300
