"""Examiner training: slots, bookings within capacity, the .ics invitation, trained examiners."""
from datetime import date, datetime, timedelta

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from app.models.mail import OutboxEmail
from app.models.requests import TrainingSlot
from app.models.sessions import ExamSession, SessionExaminer
from app.services.errors import DomainError
from app.services.requests import training as svc

NOW = datetime(2031, 3, 1, 9, 0)


@pytest.fixture()
def slot(db_session):
    row = TrainingSlot(title="Formation TEF", starts_at=NOW + timedelta(days=10),
                       place="Paris", capacity=1, duration_minutes=90)
    db_session.add(row)
    db_session.flush()
    return row


@pytest.fixture()
def examiner(db_session):
    session = db_session.scalar(select(ExamSession).where(ExamSession.number == "7000101"))

    def make(email, needs=True):
        row = SessionExaminer(centre_id=session.centre_id, session=session, last_name="TEST",
                              first_name="Exa", email=email, needs_training=needs)
        db_session.add(row)
        db_session.flush()
        return row
    return make


def test_a_slot_needs_a_future_date_and_a_place_or_a_link():
    with pytest.raises(DomainError):
        svc.check_slot(TrainingSlot(title="t", starts_at=NOW - timedelta(hours=1),
                                    place="Paris", capacity=3), NOW)
    with pytest.raises(DomainError):
        svc.check_slot(TrainingSlot(title="t", starts_at=NOW + timedelta(days=1),
                                    capacity=3), NOW)
    svc.check_slot(TrainingSlot(title="t", starts_at=NOW + timedelta(days=1),
                                video_link="https://visio.example/x", capacity=3), NOW)


def test_booking_mails_the_examiner_an_ics(db_session, slot, examiner):
    booked = svc.book(db_session, slot, examiner("a@exa.example"), NOW, None)
    mail = db_session.scalar(select(OutboxEmail).where(OutboxEmail.recipient == "a@exa.example"))
    # Issue 15: the .ics is an attachment of the e-mail, no longer pasted into its body.
    assert "BEGIN:VEVENT" not in mail.body
    [invitation] = mail.attachments
    assert invitation.filename.endswith(".ics")
    assert invitation.content_type.startswith("text/calendar")
    ics = invitation.data.decode("utf-8")
    assert "BEGIN:VEVENT" in ics and "DTSTART:20310311T090000Z" in ics
    assert booked.reference in svc.ics_for(booked)


def test_a_full_slot_refuses_the_booking(db_session, slot, examiner):
    svc.book(db_session, slot, examiner("a@exa.example"), NOW, None)
    with pytest.raises(DomainError) as refused:
        svc.book(db_session, slot, examiner("b@exa.example"), NOW, None)
    with force_locale("en"):
        assert "full" in str(refused.value)


def test_an_examiner_without_need_or_already_booked_is_refused(db_session, slot, examiner):
    with pytest.raises(DomainError):
        svc.book(db_session, slot, examiner("c@exa.example", needs=False), NOW, None)
    slot.capacity = 5
    someone = examiner("d@exa.example")
    svc.book(db_session, slot, someone, NOW, None)
    with pytest.raises(DomainError):
        svc.book(db_session, slot, someone, NOW, None)


def test_a_trained_examiner_no_longer_needs_training(db_session, slot, examiner):
    booking = svc.book(db_session, slot, examiner("e@exa.example"), NOW, None)
    with pytest.raises(DomainError):
        svc.mark_trained(booking, date(2031, 3, 2))
    svc.mark_trained(booking, date(2031, 3, 11))
    assert booking.trained_on == date(2031, 3, 11) and not booking.examiner.needs_training


def test_asking_for_new_slots_needs_a_reason(db_session):
    session = db_session.scalar(select(ExamSession).where(ExamSession.number == "7000101"))
    with pytest.raises(DomainError):
        svc.request_slots(db_session, session.centre_id, "  ", None)
    item = svc.request_slots(db_session, session.centre_id, "Indisponibles", None, session.id)
    assert item.reference.startswith("CRE-")
