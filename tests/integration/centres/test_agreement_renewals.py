"""The renewal reminder (issue 14 item 5): AGREEMENT_RENEWAL_NOTICE_DAYS before an approved
agreement ends, the scheduler's pass tells the centre once (dashboard line, e-mail in the
manager's language); the test moves the clock."""
from datetime import date, datetime

from sqlalchemy import func, select

from app.jobs import run_sessions_pass
from app.models.centres import Agreement, AgreementKind, AgreementStatus, Centre, ExamUser
from app.models.mail import OutboxEmail
from app.services import clock


def _approved(db_session, until=date(2031, 9, 30), reference="AGR-REN-1"):
    paris = db_session.scalar(select(Centre).where(Centre.code == "PAR-0750001"))
    row = Agreement(centre_id=paris.id, centre=paris, kind=AgreementKind.AGREEMENT,
                    reference=reference, status=AgreementStatus.APPROVED,
                    valid_from=date(2028, 10, 1), valid_until=until)
    db_session.add(row)
    db_session.commit()
    return row.id


def _pass_at(moment: datetime):
    clock.set_now(moment)
    try:
        return run_sessions_pass()
    finally:
        clock.set_now(None)


def _mails(db_session, reference):
    return db_session.scalars(select(OutboxEmail).where(
        OutboxEmail.kind == "agreement_renewal", OutboxEmail.subject.contains(reference))).all()


def test_the_centre_is_told_once_sixty_days_before_the_end(app, db_session, login_as):
    row_id = _approved(db_session)
    assert "AGR-REN-1" not in _pass_at(datetime(2031, 7, 31, 8)).renewals  # 61 days before
    assert _mails(db_session, "AGR-REN-1") == []
    assert "AGR-REN-1" in _pass_at(datetime(2031, 8, 1, 8)).renewals  # 60 days before
    row = db_session.get(Agreement, row_id)
    assert row.renewal_reminded_at == datetime(2031, 8, 1, 8)
    [mail] = _mails(db_session, "AGR-REN-1")
    assert mail.recipient == row.centre.manager_email
    assert mail.subject.startswith("Renouvellement de votre")
    assert "prend fin le 30/09/2031" in mail.body
    assert "AGR-REN-1" not in _pass_at(datetime(2031, 8, 2, 8)).renewals  # idempotent
    assert len(_mails(db_session, "AGR-REN-1")) == 1
    dashboard = login_as("paris.manager").get("/").get_data(as_text=True)
    lines = dashboard.split('id="dashboard-agreement-renewals"')[1].split("</ul>")[0]
    assert "AGR-REN-1" in lines and "prend fin le 30/09/2031" in lines
    assert "AGR-REN-1" not in login_as("lyon.manager").get("/").get_data(as_text=True)


def test_the_notice_period_is_configured(app, db_session):
    _approved(db_session, reference="AGR-REN-2")
    app.config["AGREEMENT_RENEWAL_NOTICE_DAYS"] = 90
    try:
        assert "AGR-REN-2" in _pass_at(datetime(2031, 7, 2, 8)).renewals  # 90 days before
    finally:
        app.config["AGREEMENT_RENEWAL_NOTICE_DAYS"] = 60


def test_a_renewal_already_requested_or_an_ended_agreement_is_not_reminded(app, db_session):
    requested = db_session.get(Agreement, _approved(db_session, reference="AGR-REN-3"))
    requested.renewal_requested_at = datetime(2031, 6, 1)
    _approved(db_session, until=date(2031, 7, 1), reference="AGR-REN-4")
    db_session.commit()
    told = _pass_at(datetime(2031, 8, 15, 8)).renewals
    assert "AGR-REN-3" not in told and "AGR-REN-4" not in told
    assert db_session.scalar(select(func.count(OutboxEmail.id)).where(
        OutboxEmail.kind == "agreement_renewal", OutboxEmail.subject.contains("AGR-REN-3"))) == 0


def test_the_reminder_is_written_in_the_manager_s_language(app, db_session):
    row = db_session.get(Agreement, _approved(db_session, reference="AGR-REN-5"))
    row.centre.language = "en"
    manager = db_session.scalar(select(ExamUser).where(
        ExamUser.email == row.centre.manager_email))
    previous = manager.language if manager else None
    if manager:
        manager.language = "en"
    db_session.commit()
    try:
        _pass_at(datetime(2031, 8, 1, 8))
        [mail] = _mails(db_session, "AGR-REN-5")
        assert mail.subject.startswith("Renewal of your")
        assert "ends on 9/30/2031: request its renewal." in mail.body
    finally:
        centre = db_session.scalar(select(Centre).where(Centre.code == "PAR-0750001"))
        centre.language = "fr"
        if manager:
            db_session.get(ExamUser, manager.id).language = previous
        db_session.commit()
