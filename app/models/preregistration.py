"""Online pre-registrations and contact requests sent from the public site to a centre."""
from __future__ import annotations

from datetime import date, datetime

from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Audited, CentreOwned, Timestamped, Versioned, utcnow
from app.models.candidates import Gender, Registration
from app.models.reference import Centre, LabelledEnum, _enum
from app.models.sessions import ExamSession


class PreRegistrationStatus(LabelledEnum):
    NEW = "new"
    TRANSFERRED = "transferred"
    REFUSED = "refused"

    @classmethod
    def _labels(cls):
        return {"new": _l("To transfer"), "transferred": _l("Transferred"),
                "refused": _l("Refused")}


class PreRegistration(CentreOwned, Versioned, Audited, Timestamped, Model):
    """A person who pre-registered online for a centre's session (seed 001 part 4)."""

    __tablename__ = "pre_registration"

    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"), nullable=False, index=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("exam_session.id"), nullable=False,
                                            index=True)
    last_name: Mapped[str] = mapped_column(String(120), nullable=False)
    first_name: Mapped[str] = mapped_column(String(120), nullable=False)
    birth_date: Mapped[date] = mapped_column(Date, nullable=False)
    gender: Mapped[Gender] = mapped_column(_enum(Gender), nullable=False)
    email: Mapped[str] = mapped_column(String(200), nullable=False)
    phone: Mapped[str | None] = mapped_column(String(40))
    status: Mapped[PreRegistrationStatus] = mapped_column(
        _enum(PreRegistrationStatus), nullable=False, default=PreRegistrationStatus.NEW)
    submitted_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    registration_id: Mapped[int | None] = mapped_column(ForeignKey("registration.id"))
    centre: Mapped[Centre] = relationship()
    session: Mapped[ExamSession] = relationship()
    registration: Mapped[Registration | None] = relationship()

    def __str__(self) -> str:
        return f"{self.last_name} {self.first_name}"


class ContactRequest(CentreOwned, Versioned, Audited, Timestamped, Model):
    """A message left on the public site for a centre; it shows in the centre's to-do list."""

    __tablename__ = "contact_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"), nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    email: Mapped[str] = mapped_column(String(200), nullable=False)
    phone: Mapped[str | None] = mapped_column(String(40))
    message: Mapped[str] = mapped_column(Text, nullable=False)
    submitted_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    handled: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    centre: Mapped[Centre] = relationship()

    def __str__(self) -> str:
        return self.name
