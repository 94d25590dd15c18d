"""Examiner training rules: proposing slots, booking within capacity, .ics, marking trained."""
from __future__ import annotations

import secrets
from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.documents.calendar import Event, calendar_text
from app.models.requests import TrainingBooking, TrainingSlot, TrainingSlotRequest
from app.models.sessions import SessionExaminer
from app.security.scope import Viewer, scope_query
from app.services.errors import DomainError
from app.services.formatting import format_moment
from app.services.mail import Attachment, queue_mail, recipient_language
from app.services.urls import clean_web_address


def check_slot(slot: TrainingSlot, now: datetime) -> None:
    """Raises DomainError for a slot in the past, without place nor link, or without seats,
    ValidationFailed for a video link that is not an http(s) address."""
    slot.video_link = clean_web_address(slot.video_link, "video_link")
    if slot.starts_at is None or slot.starts_at <= now:
        raise DomainError(_l("A training slot must start in the future."))
    if not (slot.place or "").strip() and not (slot.video_link or "").strip():
        raise DomainError(_l("Give the place or the video link of the training."))
    if not slot.capacity or slot.capacity < 1:
        raise DomainError(_l("A training slot has at least one seat."))


def examiners_in_need(db: Session, viewer: Viewer, session_id: int | None = None):
    """The viewer's examiners who need training and are not booked yet."""
    query = scope_query(db.query(SessionExaminer), SessionExaminer, viewer).filter(
        SessionExaminer.needs_training.is_(True),
        ~SessionExaminer.id.in_(select(TrainingBooking.examiner_id)))
    if session_id is not None:
        query = query.filter(SessionExaminer.session_id == session_id)
    return query.order_by(SessionExaminer.last_name, SessionExaminer.first_name).all()


def book(db: Session, slot: TrainingSlot, examiner: SessionExaminer, now: datetime,
         actor_id: int | None) -> TrainingBooking:
    """Book one examiner on a slot and e-mail them the booking with an .ics.

    Raises DomainError: no training needed, already booked, slot past or full.
    """
    if not examiner.needs_training:
        raise DomainError(_l("%(name)s does not need training."), name=str(examiner))
    if db.scalar(select(TrainingBooking.id).where(TrainingBooking.examiner_id == examiner.id)):
        raise DomainError(_l("%(name)s is already booked on a training slot."),
                          name=str(examiner))
    if slot.starts_at <= now:
        raise DomainError(_l("This training slot has already started."))
    taken = db.scalar(select(func.count(TrainingBooking.id)).where(
        TrainingBooking.slot_id == slot.id)) or 0
    if taken >= slot.capacity:
        raise DomainError(_l("This training slot is full (%(capacity)s seats)."),
                          capacity=slot.capacity)
    booking = TrainingBooking(slot=slot, examiner=examiner, centre_id=examiner.centre_id,
                              booked_at=now, booked_by_id=actor_id,
                              reference=new_reference("FOR"))
    db.add(booking)
    db.flush()
    _mail_booking(db, booking)
    return booking


def ics_for(booking: TrainingBooking) -> str:
    """The booking as an iCalendar event (RFC 5545, UTC times)."""
    slot = booking.slot
    end = slot.starts_at + timedelta(minutes=slot.duration_minutes)
    event = Event(booking.reference, slot.starts_at, end, slot.title,
                  slot.place or slot.video_link or "", utc=True)
    return calendar_text([event], booking.booked_at, product="Training")


def _mail_booking(db: Session, booking: TrainingBooking) -> None:
    examiner, slot = booking.examiner, booking.slot

    def render():
        subject = _l("Examiner training: %(title)s", title=slot.title)
        body = _l("You are booked on the training \"%(title)s\" on %(when)s (%(where)s). "
                  "The calendar invitation (.ics) is attached.", title=slot.title,
                  when=format_moment(slot.starts_at, zone=examiner.centre.timezone, named=True),
                  where=slot.place or slot.video_link)
        return subject, body

    invitation = Attachment("formation.ics", "text/calendar; method=PUBLISH; charset=utf-8",
                            ics_for(booking).encode("utf-8"))
    queue_mail(db, to=examiner.email, language=recipient_language(examiner.user, examiner.centre),
               kind="training_booking", render=render, attachments=[invitation],
               reference=f"training-{booking.reference}")


def mark_trained(booking: TrainingBooking, on: date) -> TrainingBooking:
    """The examiner took the training on `on`: they no longer need it. Raises DomainError."""
    if on < booking.slot.starts_at.date():
        raise DomainError(_l("The training date cannot be before the slot."))
    booking.trained_on = on
    booking.examiner.needs_training = False
    return booking


def new_reference(prefix: str) -> str:
    return f"{prefix}-{secrets.token_hex(6).upper()}"


def request_slots(db: Session, centre_id: int, reason: str, actor_id: int | None,
                  session_id: int | None = None) -> TrainingSlotRequest:
    """Ask Pedagogy for new slots; raises DomainError without a reason."""
    if not (reason or "").strip():
        raise DomainError(_l("Say why new training slots are needed."))
    item = TrainingSlotRequest(centre_id=centre_id, session_id=session_id, reason=reason.strip(),
                               requested_by_id=actor_id,
                               reference=new_reference("CRE"))
    db.add(item)
    db.flush()
    return item
