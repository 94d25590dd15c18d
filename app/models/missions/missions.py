"""Exam missions, convocations and their service done, convocation signatures (IMAG'IN)."""
from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    Time,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Audited, CentreOwned, LabelledEnum, Timestamped, Versioned
from app.models.centres import Centre
from app.models.missions.staff import StaffMember, StaffScoped
from app.models.reference import Product, Speciality, TestComponent


def _enum(e):
    return Enum(e, native_enum=False, length=32, validate_strings=True)


class MissionType(LabelledEnum):
    MARKING = "marking"
    ORAL = "oral"
    JURY = "jury"
    SUPERVISION = "supervision"
    SCANNING = "scanning"
    HELP = "help"
    COEC = "coec"

    @classmethod
    def _labels(cls):
        return {"marking": _l("Marking of scripts"), "oral": _l("Oral examination"),
                "jury": _l("Deliberation jury"), "supervision": _l("Supervision"),
                "scanning": _l("Scanning of scripts"),
                "help": _l("Help with the running of tests"),
                "coec": _l("Marking of common assessments (COEC)")}


class Remuneration(LabelledEnum):
    WRITTEN = "written"
    ORAL = "oral"
    PRACTICAL = "practical"
    HELP = "help"
    NONE = "none"

    @classmethod
    def _labels(cls):
        return {"written": _l("Written: number of scripts"),
                "oral": _l("Oral: number of candidates"),
                "practical": _l("Practical or sports: hours per half-day"),
                "help": _l("Help: hours"), "none": _l("No remuneration")}


class ConvocationOrigin(LabelledEnum):
    MANAGER = "manager"
    CENTRE = "centre"

    @classmethod
    def _labels(cls):
        return {"manager": _l("Convoked"), "centre": _l("Convoked by the centre")}


class ExpensesStatus(LabelledEnum):
    NONE = "none"
    PROCESSING = "processing"
    PROCESSED = "processed"
    CANCELLED = "cancelled"

    @classmethod
    def _labels(cls):
        return {"none": _l("Not processed"), "processing": _l("Being processed"),
                "processed": _l("Processed by the manager"), "cancelled": _l("Cancelled")}


class Quality(Model):
    """A role in a mission, from the list kept by exam managers (Santorin ones flagged)."""

    __tablename__ = "mission_quality"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    label: Mapped[str] = mapped_column(String(120), nullable=False)
    santorin: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)

    def __str__(self) -> str:
        return self.label


def _own_missions(viewer):
    return (select(Convocation.mission_id).join(StaffMember)
            .where(StaffMember.user_id == viewer.user_id))


class Mission(CentreOwned, Versioned, Audited, Timestamped, Model):
    __tablename__ = "mission"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    exam_session: Mapped[str] = mapped_column(String(120), nullable=False)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), nullable=False)
    speciality_id: Mapped[int | None] = mapped_column(ForeignKey("speciality.id"))
    component_id: Mapped[int | None] = mapped_column(ForeignKey("test_component.id"))
    type: Mapped[MissionType] = mapped_column(_enum(MissionType), nullable=False)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"), nullable=False, index=True)
    starts_on: Mapped[date] = mapped_column(Date, nullable=False)
    ends_on: Mapped[date] = mapped_column(Date, nullable=False)
    juries: Mapped[str | None] = mapped_column(String(300))
    rooms: Mapped[str | None] = mapped_column(String(300))
    open_to_centre: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    remuneration: Mapped[Remuneration] = mapped_column(_enum(Remuneration), nullable=False,
                                                       default=Remuneration.NONE)
    default_observation: Mapped[str | None] = mapped_column(Text)
    saved_dates: Mapped[str | None] = mapped_column(Text)  # COEC: dates reused by next convocations
    product: Mapped[Product] = relationship()
    speciality: Mapped[Speciality | None] = relationship()
    component: Mapped[TestComponent | None] = relationship()
    centre: Mapped[Centre] = relationship()
    commissions: Mapped[list[Commission]] = relationship(
        back_populates="mission", cascade="all, delete-orphan", order_by="Commission.code")
    convocations: Mapped[list[Convocation]] = relationship(back_populates="mission")

    @classmethod
    def evaluator_clause(cls, viewer):
        return cls.id.in_(_own_missions(viewer))

    @property
    def staff_count(self) -> int:
        """"Nbr itv.": how many people are convoked."""
        return len(self.convocations)

    @property
    def state_inputs(self) -> tuple:
        """(start, end, convoked, attested, practical): what the mission state is computed
        from (app.services.missions.convocations.compute_mission_state)."""
        attested = sum(1 for c in self.convocations if c.service is not None)
        return (self.starts_on, self.ends_on, len(self.convocations), attested,
                self.remuneration == Remuneration.PRACTICAL)

    def __str__(self) -> str:
        return f"{self.number} - {self.exam_session}"


class Commission(Model):
    __tablename__ = "mission_commission"
    __table_args__ = (UniqueConstraint("mission_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(ForeignKey("mission.id", ondelete="CASCADE"),
                                            nullable=False, index=True)
    code: Mapped[str] = mapped_column(String(32), nullable=False)
    starts_on: Mapped[date] = mapped_column(Date, nullable=False)
    ends_on: Mapped[date] = mapped_column(Date, nullable=False)
    candidates: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    mission: Mapped[Mission] = relationship(back_populates="commissions")

    @classmethod
    def tenant_clause(cls, viewer):
        return cls.mission_id.in_(select(Mission.id).where(Mission.centre_id == viewer.centre_id))

    def __str__(self) -> str:
        return f"{self.code} ({self.candidates})"


class Convocation(StaffScoped, Versioned, Audited, Timestamped, Model):
    """An assignment (affectation) of a staff member to a mission, with its dates."""

    __tablename__ = "convocation"
    __table_args__ = (UniqueConstraint("mission_id", "staff_member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(ForeignKey("mission.id"), nullable=False, index=True)
    staff_member_id: Mapped[int] = mapped_column(ForeignKey("staff_member.id"), nullable=False,
                                                 index=True)
    quality_id: Mapped[int | None] = mapped_column(ForeignKey("mission_quality.id"))
    commission_id: Mapped[int | None] = mapped_column(ForeignKey("mission_commission.id"))
    jury: Mapped[str | None] = mapped_column(String(64))
    room: Mapped[str | None] = mapped_column(String(64))
    observation: Mapped[str | None] = mapped_column(Text)
    origin: Mapped[ConvocationOrigin] = mapped_column(_enum(ConvocationOrigin), nullable=False,
                                                      default=ConvocationOrigin.MANAGER)
    created_by_centre_id: Mapped[int | None] = mapped_column(ForeignKey("centre.id"))
    expenses_status: Mapped[ExpensesStatus] = mapped_column(
        _enum(ExpensesStatus), nullable=False, default=ExpensesStatus.NONE)
    mission: Mapped[Mission] = relationship(back_populates="convocations")
    staff_member: Mapped[StaffMember] = relationship()
    quality: Mapped[Quality | None] = relationship()
    commission: Mapped[Commission | None] = relationship()
    created_by_centre: Mapped[Centre | None] = relationship()
    slots: Mapped[list[ConvocationSlot]] = relationship(
        back_populates="convocation", cascade="all, delete-orphan",
        order_by="(ConvocationSlot.day, ConvocationSlot.starts_at)")
    service: Mapped[ServiceDone | None] = relationship(back_populates="convocation",
                                                        cascade="all, delete-orphan",
                                                        uselist=False)

    @classmethod
    def tenant_clause(cls, viewer):
        return cls.mission_id.in_(select(Mission.id).where(Mission.centre_id == viewer.centre_id))

    @classmethod
    def write_clause(cls, viewer):
        # A centre manages only the convocations it made (exam managers make the others).
        return cls.created_by_centre_id == viewer.centre_id

    @property
    def dates_display(self) -> str:
        return ", ".join(f"{s.day:%d/%m/%Y} {s.starts_at:%H:%M}-{s.ends_at:%H:%M}"
                         for s in self.slots)

    def __str__(self) -> str:
        return f"{self.mission.number} - {self.staff_member.full_name}"


class ConvocationSlot(Model):
    __tablename__ = "convocation_slot"

    id: Mapped[int] = mapped_column(primary_key=True)
    convocation_id: Mapped[int] = mapped_column(
        ForeignKey("convocation.id", ondelete="CASCADE"), nullable=False, index=True)
    day: Mapped[date] = mapped_column(Date, nullable=False)
    starts_at: Mapped[time] = mapped_column(Time, nullable=False)
    ends_at: Mapped[time] = mapped_column(Time, nullable=False)
    convocation: Mapped[Convocation] = relationship(back_populates="slots")

    @property
    def start(self) -> datetime:
        return datetime.combine(self.day, self.starts_at)

    @property
    def end(self) -> datetime:
        return datetime.combine(self.day, self.ends_at)


class ServiceDone(Versioned, Audited, Model):
    """Constat de service fait of one convocation, attested by the exam centre."""

    __tablename__ = "service_done"

    id: Mapped[int] = mapped_column(primary_key=True)
    convocation_id: Mapped[int] = mapped_column(
        ForeignKey("convocation.id", ondelete="CASCADE"), unique=True, nullable=False)
    done: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    not_done_reason: Mapped[str | None] = mapped_column(String(300))
    scripts: Mapped[int | None] = mapped_column(Integer)
    candidates: Mapped[int | None] = mapped_column(Integer)
    hours: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    half_day_hours: Mapped[str | None] = mapped_column(Text)  # "JJ/MM/AAAA am pm" per line
    attested_at: Mapped[datetime | None] = mapped_column(DateTime)
    convocation: Mapped[Convocation] = relationship(back_populates="service")

    @classmethod
    def tenant_clause(cls, viewer):
        return cls.convocation_id.in_(
            select(Convocation.id).where(Convocation.tenant_clause(viewer)))

    write_clause = tenant_clause  # the exam centre attests the service of its missions

    @classmethod
    def evaluator_clause(cls, viewer):
        return cls.convocation_id.in_(
            select(Convocation.id).where(Convocation.evaluator_clause(viewer)))

    def __str__(self) -> str:
        return str(self.convocation)


class SignatureKind(LabelledEnum):
    CENTRE_HEAD = "centre_head"
    ESTABLISHMENT_HEAD = "establishment_head"

    @classmethod
    def _labels(cls):
        return {"centre_head": _l("Exam centre head"),
                "establishment_head": _l("Establishment head")}


class ConvocationSignature(CentreOwned, Versioned, Audited, Model):
    __tablename__ = "convocation_signature"
    __table_args__ = (UniqueConstraint("centre_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"), nullable=False, index=True)
    kind: Mapped[SignatureKind] = mapped_column(_enum(SignatureKind), nullable=False)
    authority: Mapped[str] = mapped_column(String(200), nullable=False)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    city: Mapped[str] = mapped_column(String(120), nullable=False)
    centre: Mapped[Centre] = relationship()

    def __str__(self) -> str:
        return f"{self.title} {self.name}"
