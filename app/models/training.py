"""Examiner training (seed 000 "Formation"): slots proposed by Pedagogy, bookings, slot requests."""
from __future__ import annotations

from datetime import date, datetime

from flask_appbuilder import Model
from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Audited, CentreOwned, Timestamped, Versioned, utcnow
from app.models.reference import Centre
from app.models.sessions import ExamSession, SessionExaminer


class TrainingSlot(Versioned, Audited, Timestamped, Model):
    """A training slot offered to every centre: when, where (or a video link), how many seats."""

    __tablename__ = "training_slot"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    starts_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)  # UTC
    duration_minutes: Mapped[int] = mapped_column(Integer, nullable=False, default=120)
    place: Mapped[str | None] = mapped_column(String(300))
    video_link: Mapped[str | None] = mapped_column(String(300))
    capacity: Mapped[int] = mapped_column(Integer, nullable=False, default=10)
    bookings: Mapped[list[TrainingBooking]] = relationship(back_populates="slot")

    @property
    def seats_left(self) -> int:
        return self.capacity - len(self.bookings)

    def __str__(self) -> str:
        return f"{self.title} — {self.starts_at:%d/%m/%Y %H:%M} UTC"


class TrainingBooking(CentreOwned, Versioned, Audited, Timestamped, Model):
    """One examiner of a centre booked on a slot; `trained_on` once the training took place."""

    __tablename__ = "training_booking"

    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"), nullable=False, index=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("training_slot.id"), nullable=False,
                                         index=True)
    examiner_id: Mapped[int] = mapped_column(ForeignKey("session_examiner.id"), unique=True,
                                             nullable=False)
    booked_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    booked_by_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
    trained_on: Mapped[date | None] = mapped_column(Date)
    reference: Mapped[str] = mapped_column(String(40), nullable=False, unique=True)
    centre: Mapped[Centre] = relationship()
    slot: Mapped[TrainingSlot] = relationship(back_populates="bookings")
    examiner: Mapped[SessionExaminer] = relationship()

    @classmethod
    def evaluator_clause(cls, viewer):
        return cls.examiner_id.in_(select(SessionExaminer.id).where(
            SessionExaminer.user_id == viewer.user_id))

    def __str__(self) -> str:
        return f"{self.examiner} — {self.slot}"


class TrainingSlotRequest(CentreOwned, Versioned, Audited, Timestamped, Model):
    """A centre asks Pedagogy for new slots; the reason is mandatory."""

    __tablename__ = "training_slot_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"), nullable=False, index=True)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("exam_session.id"))
    reason: Mapped[str] = mapped_column(Text, nullable=False)
    reference: Mapped[str] = mapped_column(String(40), nullable=False, unique=True)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
    centre: Mapped[Centre] = relationship()
    session: Mapped[ExamSession | None] = relationship()

    def __str__(self) -> str:
        return self.reference
