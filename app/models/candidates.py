"""Candidates of a centre, their registrations to sessions (components, absences, results),
online pre-registrations and contact requests from the public site."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import (
    Audited,
    CentreOwned,
    LabelledEnum,
    Timestamped,
    Versioned,
    _enum,
    utcnow,
)
from app.models.centres import Centre
from app.models.reference import TestComponent
from app.models.sessions import ExamSession, SessionExaminer


class Gender(LabelledEnum):
    F = "F"
    H = "H"
    N = "N"

    @classmethod
    def _labels(cls):
        return {"F": _l("Female"), "H": _l("Male"), "N": _l("Non-binary")}


class RegistrationStatus(LabelledEnum):
    PRE_REGISTERED = "pre_registered"
    TO_VALIDATE = "to_validate"
    REGISTERED = "registered"
    WITHDRAWN = "withdrawn"
    COMPLETED = "completed"

    @classmethod
    def _labels(cls):
        return {"pre_registered": _l("Pre-registered online"),
                "to_validate": _l("To validate"), "registered": _l("Registered"),
                "withdrawn": _l("Withdrawn"), "completed": _l("Completed")}


def _examiner_sessions(viewer):
    return select(SessionExaminer.session_id).where(SessionExaminer.user_id == viewer.user_id)


# The candidate's fields shown beside each registration: in the registrations list, its exports
# and the registration API read this one declaration (docs/architecture.md, worked example).
REGISTRATION_CANDIDATE_FIELDS = ("birth_date",)


class Candidate(CentreOwned, Versioned, Audited, Timestamped, Model):
    """A person registered by a centre (docs/domain.md; the extra fields come from
    Le Robert's 5-step creation)."""

    __tablename__ = "candidate"
    __table_args__ = (UniqueConstraint("centre_id", "dedup_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"), nullable=False, index=True)
    civility: Mapped[str | None] = mapped_column(String(16))
    last_name: Mapped[str] = mapped_column(String(120), nullable=False)
    birth_name: Mapped[str | None] = mapped_column(String(120))
    first_name: Mapped[str] = mapped_column(String(120), nullable=False)
    birth_date: Mapped[date] = mapped_column(Date, nullable=False)
    birth_postcode: Mapped[str | None] = mapped_column(String(16))
    birth_city: Mapped[str | None] = mapped_column(String(120))
    birth_country: Mapped[str | None] = mapped_column(String(2))
    gender: Mapped[Gender] = mapped_column(_enum(Gender), nullable=False)
    mother_tongue: Mapped[str | None] = mapped_column(String(16))
    nationality: Mapped[str | None] = mapped_column(String(16))
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    address: Mapped[str | None] = mapped_column(String(300))
    id_number: Mapped[str | None] = mapped_column(String(64))
    motivation: Mapped[str | None] = mapped_column(String(200))
    education_level: Mapped[str | None] = mapped_column(String(120))
    socio_professional_category: Mapped[str | None] = mapped_column(String(120))
    french_mother_tongue: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    employed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    funding: Mapped[str | None] = mapped_column(String(64))
    photo: Mapped[str | None] = mapped_column(String(300))
    signature: Mapped[str | None] = mapped_column(String(300))
    login: Mapped[str | None] = mapped_column(String(200), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(256))
    # last name|first name|birth date, normalised: the same person is never created twice
    dedup_key: Mapped[str] = mapped_column(String(300), nullable=False)
    centre: Mapped[Centre] = relationship()
    registrations: Mapped[list[Registration]] = relationship(back_populates="candidate")

    __audit_exclude__ = ("version", "password_hash")

    @classmethod
    def evaluator_clause(cls, viewer):
        return cls.id.in_(select(Registration.candidate_id).where(
            Registration.session_id.in_(_examiner_sessions(viewer))))

    def __str__(self) -> str:
        return f"{self.last_name} {self.first_name} ({self.birth_date:%d/%m/%Y})"


class Registration(CentreOwned, Versioned, Audited, Timestamped, Model):
    """A candidate registered to a session: components, status, access code, results."""

    __tablename__ = "registration"
    __table_args__ = (UniqueConstraint("session_id", "candidate_id"),)
    __display_relations__ = ("candidate",)  # its cells show the candidate (list search)

    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"), nullable=False, index=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("exam_session.id"), nullable=False,
                                            index=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id"), nullable=False,
                                              index=True)
    number: Mapped[str] = mapped_column(String(16), unique=True, nullable=False)
    registered_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    status: Mapped[RegistrationStatus] = mapped_column(
        _enum(RegistrationStatus), nullable=False, default=RegistrationStatus.REGISTERED)
    access_code: Mapped[str] = mapped_column(String(11), unique=True, nullable=False)
    photo: Mapped[str | None] = mapped_column(String(300))
    signature: Mapped[str | None] = mapped_column(String(300))
    notes: Mapped[str | None] = mapped_column(Text)
    centre: Mapped[Centre] = relationship()
    session: Mapped[ExamSession] = relationship()
    candidate: Mapped[Candidate] = relationship(back_populates="registrations")
    components: Mapped[list[RegistrationComponent]] = relationship(
        back_populates="registration", cascade="all, delete-orphan",
        order_by="RegistrationComponent.id")

    @classmethod
    def evaluator_clause(cls, viewer):
        return cls.session_id.in_(_examiner_sessions(viewer))

    @classmethod
    def evaluator_write_clause(cls, viewer):
        # The session's evaluator records oral marks, the photo and the signature.
        return cls.evaluator_clause(viewer)

    @property
    def component_codes(self) -> str:
        return ", ".join(rc.component.code for rc in self.components)

    @property
    def absences(self) -> str:
        return ", ".join(rc.component.code for rc in self.components if rc.absent) or "—"

    # The requests (app/models/requests.py, backref `requests`): T/D/Rep codes, extra time.
    @property
    def request_codes(self) -> list:
        return list(getattr(self, "requests", []))

    def __str__(self) -> str:
        return f"{self.number} - {self.candidate.last_name} {self.candidate.first_name}"


class RegistrationComponent(Versioned, Audited, Model):
    """A chosen test component of a registration: absence and result."""

    __tablename__ = "registration_component"
    __table_args__ = (UniqueConstraint("registration_id", "component_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(
        ForeignKey("registration.id", ondelete="CASCADE"), nullable=False, index=True)
    component_id: Mapped[int] = mapped_column(ForeignKey("test_component.id"), nullable=False)
    absent: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    score: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    registration: Mapped[Registration] = relationship(back_populates="components")
    component: Mapped[TestComponent] = relationship()

    @classmethod
    def tenant_clause(cls, viewer):
        return cls.registration_id.in_(select(Registration.id).where(
            Registration.centre_id == viewer.centre_id))

    write_clause = tenant_clause

    @classmethod
    def evaluator_clause(cls, viewer):
        return cls.registration_id.in_(select(Registration.id).where(
            Registration.evaluator_clause(viewer)))

    evaluator_write_clause = evaluator_clause


class PreRegistrationStatus(LabelledEnum):
    NEW = "new"
    TRANSFERRED = "transferred"
    REFUSED = "refused"

    @classmethod
    def _labels(cls):
        return {"new": _l("To transfer"), "transferred": _l("Transferred"),
                "refused": _l("Refused")}


class PreRegistration(CentreOwned, Versioned, Audited, Timestamped, Model):
    """A person who pre-registered online for a centre's session (TEF portal)."""

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


class Attestation(CentreOwned, Audited, Model):
    """The attestation issued to a registration when its results are published: an
    unguessable verification code (printed with a QR code), revoked on a confirmed fraud."""

    __tablename__ = "attestation"

    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"), nullable=False, index=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("registration.id"), nullable=False,
                                                 unique=True)
    code: Mapped[str] = mapped_column(String(32), nullable=False, unique=True)
    issued_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_reason: Mapped[str | None] = mapped_column(String(300))
    registration: Mapped[Registration] = relationship()

    def __str__(self) -> str:
        return self.code
