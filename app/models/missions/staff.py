"""Staff members (intervenants), their teachings, unavailabilities and competences (IMAG'IN)."""
from __future__ import annotations

from datetime import date, datetime

from flask_appbuilder import Model
from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
    func,
    or_,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Audited, Timestamped, Versioned, utcnow
from app.models.centres import Centre
from app.models.reference import TestComponent


class StaffMember(Versioned, Audited, Timestamped, Model):
    """A person who may be convoked for exam missions, attached to one or two centres."""

    __tablename__ = "staff_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    identifier: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    last_name: Mapped[str] = mapped_column(String(120), nullable=False)
    first_name: Mapped[str] = mapped_column(String(120), nullable=False)
    birth_date: Mapped[date | None] = mapped_column(Date)
    post_discipline: Mapped[str | None] = mapped_column(String(120))
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"), nullable=False, index=True)
    secondary_centre_id: Mapped[int | None] = mapped_column(ForeignKey("centre.id"), index=True)
    professional_email: Mapped[str | None] = mapped_column(String(200))
    personal_email: Mapped[str | None] = mapped_column(String(200))
    professional_phone: Mapped[str | None] = mapped_column(String(40))
    personal_phone: Mapped[str | None] = mapped_column(String(40))
    address: Mapped[str | None] = mapped_column(String(300))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"), unique=True)
    last_convocation_date: Mapped[date | None] = mapped_column(Date)
    centre: Mapped[Centre] = relationship(foreign_keys=[centre_id])
    secondary_centre: Mapped[Centre | None] = relationship(foreign_keys=[secondary_centre_id])
    user = relationship("ExamUser")
    teachings: Mapped[list[Teaching]] = relationship(back_populates="staff_member",
                                                     cascade="all, delete-orphan")

    @classmethod
    def tenant_clause(cls, viewer):
        # coalesce: a NULL secondary centre must give false, not unknown (negations stay right)
        return or_(cls.centre_id == viewer.centre_id,
                   func.coalesce(cls.secondary_centre_id, 0) == viewer.centre_id)

    @classmethod
    def evaluator_clause(cls, viewer):
        return func.coalesce(cls.user_id, 0) == viewer.user_id

    @property
    def full_name(self) -> str:
        return f"{self.last_name.upper()} {self.first_name}"

    def __str__(self) -> str:
        return f"{self.last_name.upper()} {self.first_name} ({self.identifier})"


def _staff_in_scope(viewer):
    return select(StaffMember.id).where(StaffMember.tenant_clause(viewer))


def _own_staff(viewer):
    return select(StaffMember.id).where(StaffMember.evaluator_clause(viewer))


class StaffScoped:
    """Tenancy through the staff member: centre users see their staff's rows, a person their own."""

    @classmethod
    def tenant_clause(cls, viewer):
        return cls.staff_member_id.in_(_staff_in_scope(viewer))

    @classmethod
    def evaluator_clause(cls, viewer):
        return cls.staff_member_id.in_(_own_staff(viewer))

    # Centres declare for their staff, a person for themself; the services add who may undo.
    write_clause = tenant_clause
    evaluator_write_clause = evaluator_clause


class Teaching(StaffScoped, Model):
    """A teaching imported from the school information system: read-only in the application."""

    __tablename__ = "teaching"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_member_id: Mapped[int] = mapped_column(
        ForeignKey("staff_member.id", ondelete="CASCADE"), nullable=False, index=True)
    establishment: Mapped[str] = mapped_column(String(200), nullable=False)
    training_module: Mapped[str | None] = mapped_column(String(200))
    module_type: Mapped[str | None] = mapped_column(String(120))
    subject: Mapped[str] = mapped_column(String(120), nullable=False)
    modality: Mapped[str | None] = mapped_column(String(120))
    staff_member: Mapped[StaffMember] = relationship(back_populates="teachings")

    def __str__(self) -> str:
        return f"{self.subject} ({self.establishment})"


class TeachingCorrespondence(Model):
    """Reference table: a taught subject makes its teachers competent (SYS) for a test-option."""

    __tablename__ = "teaching_correspondence"
    __table_args__ = (UniqueConstraint("subject", "component_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(String(120), nullable=False)
    component_id: Mapped[int] = mapped_column(ForeignKey("test_component.id"), nullable=False)
    component: Mapped[TestComponent] = relationship()


class Unavailability(StaffScoped, Versioned, Audited, Model):
    __tablename__ = "unavailability"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_member_id: Mapped[int] = mapped_column(
        ForeignKey("staff_member.id", ondelete="CASCADE"), nullable=False, index=True)
    starts_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    ends_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    reason: Mapped[str] = mapped_column(String(300), nullable=False)
    author_centre_id: Mapped[int | None] = mapped_column(ForeignKey("centre.id"))
    author_user_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    staff_member: Mapped[StaffMember] = relationship()
    author_centre: Mapped[Centre | None] = relationship()
    author_user = relationship("ExamUser")

    def __str__(self) -> str:
        return f"{self.staff_member}: {self.starts_at:%d/%m/%Y %H:%M} - {self.ends_at:%d/%m/%Y %H:%M}"


class Competence(StaffScoped, Versioned, Audited, Model):
    """Staff member × test-option, with every author's (C) competent / (I) not competent mark.

    `authors` is a list of {"code", "kind", "competent"} kept by app.services.missions.competences.
    """

    __tablename__ = "competence"
    __table_args__ = (UniqueConstraint("staff_member_id", "component_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_member_id: Mapped[int] = mapped_column(
        ForeignKey("staff_member.id", ondelete="CASCADE"), nullable=False, index=True)
    component_id: Mapped[int] = mapped_column(ForeignKey("test_component.id"), nullable=False)
    authors: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    staff_member: Mapped[StaffMember] = relationship()
    component: Mapped[TestComponent] = relationship()

    @property
    def authors_display(self) -> str:
        return " ".join(f"{a['code']} ({'C' if a['competent'] else 'I'})" for a in self.authors)

    @property
    def exam(self):
        """The exam (product) of the test-option, the first column of the seed's list."""
        return self.component.product if self.component else None

    @property
    def speciality(self):
        """The speciality of the épreuve-option (the seed's second column)."""
        return self.component.speciality if self.component else None

    @property
    def row(self) -> Competence:
        """The row itself, for the list's per-row cells (authors struck through, + and ×)."""
        return self

    def __str__(self) -> str:
        return f"{self.staff_member} - {self.component}"


class CompetenceEntryLock(Model):
    """A centre declared "J'ai terminé la saisie des compétences": its entry is locked."""

    __tablename__ = "competence_entry_lock"
    __tenant__ = "centre_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"), unique=True, nullable=False)
    locked: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    changed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    note: Mapped[str | None] = mapped_column(Text)
    centre: Mapped[Centre] = relationship()

    def __str__(self) -> str:
        return str(self.centre)
