"""Exam-centre head allowances (indemnités chef de centre): rates, declarations, distribution."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from sqlalchemy import (
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Numeric,
    String,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Audited, CentreOwned, LabelledEnum, Timestamped, Versioned
from app.models.centres import Centre
from app.models.missions.staff import StaffMember


def _enum(e):
    return Enum(e, native_enum=False, length=32, validate_strings=True)


class AllowancePeriod(LabelledEnum):
    NORMAL = "normal"
    REPLACEMENT = "replacement"

    @classmethod
    def _labels(cls):
        return {"normal": _l("Normal session"), "replacement": _l("Replacement tests")}


class AllowanceStatus(LabelledEnum):
    NOT_TRANSMITTED = "not_transmitted"
    TRANSMITTED = "transmitted"

    @classmethod
    def _labels(cls):
        return {"not_transmitted": _l("Not transmitted"), "transmitted": _l("Transmitted")}


class AllowanceProcessing(LabelledEnum):
    NONE = "none"
    INITIALISED = "initialised"
    VALIDATED = "validated"
    REJECTED = "rejected"
    ACCEPTED = "accepted"

    @classmethod
    def _labels(cls):
        # The seed's words for the processing of an allowance (masculine in French: "le
        # suivi"), apart from the same English words of requests ("Validée", "Refusée").
        return {"none": "—", "initialised": lazy_pgettext("allowance", "Initialised"),
                "validated": lazy_pgettext("allowance", "Validated"),
                "rejected": lazy_pgettext("allowance", "Rejected"),
                "accepted": lazy_pgettext("allowance", "Accepted")}


class AllowanceRate(Model):
    """Reference data: the amount of one day in a candidate bracket (BTS has its own brackets)."""

    __tablename__ = "allowance_rate"

    id: Mapped[int] = mapped_column(primary_key=True)
    bracket: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    label: Mapped[str] = mapped_column(String(120), nullable=False)
    amount: Mapped[Decimal] = mapped_column(Numeric(10, 2), nullable=False)

    def __str__(self) -> str:
        return f"{self.label}: {self.amount}"


class Allowance(CentreOwned, Versioned, Audited, Timestamped, Model):
    __tablename__ = "allowance"
    __table_args__ = (UniqueConstraint("centre_id", "exam_session", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"), nullable=False, index=True)
    exam_session: Mapped[str] = mapped_column(String(120), nullable=False)
    period: Mapped[AllowancePeriod] = mapped_column(_enum(AllowancePeriod), nullable=False,
                                                    default=AllowancePeriod.NORMAL)
    first_test_date: Mapped[date | None] = mapped_column(Date)
    days_up_to_600: Mapped[Decimal] = mapped_column(Numeric(4, 1), nullable=False, default=0)
    days_over_600: Mapped[Decimal] = mapped_column(Numeric(4, 1), nullable=False, default=0)
    days_extra: Mapped[Decimal] = mapped_column(Numeric(4, 1), nullable=False, default=0)
    suggested_date: Mapped[date | None] = mapped_column(Date)
    suggested_days: Mapped[str | None] = mapped_column(String(64))
    total: Mapped[Decimal] = mapped_column(Numeric(10, 2), nullable=False, default=0)
    status: Mapped[AllowanceStatus] = mapped_column(
        _enum(AllowanceStatus), nullable=False, default=AllowanceStatus.NOT_TRANSMITTED)
    processing: Mapped[AllowanceProcessing] = mapped_column(
        _enum(AllowanceProcessing), nullable=False, default=AllowanceProcessing.NONE)
    transmitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    centre: Mapped[Centre] = relationship()
    shares: Mapped[list[AllowanceShare]] = relationship(
        back_populates="allowance", cascade="all, delete-orphan", order_by="AllowanceShare.id")

    def __str__(self) -> str:
        return f"{self.exam_session} ({self.period.label})"


class AllowanceShare(Versioned, Audited, Model):
    """One staff member's part of an allowance: a percentage of the total, or an amount."""

    __tablename__ = "allowance_share"
    __table_args__ = (UniqueConstraint("allowance_id", "staff_member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    allowance_id: Mapped[int] = mapped_column(ForeignKey("allowance.id", ondelete="CASCADE"),
                                              nullable=False, index=True)
    staff_member_id: Mapped[int] = mapped_column(ForeignKey("staff_member.id"), nullable=False)
    percentage: Mapped[Decimal | None] = mapped_column(Numeric(4, 1))
    amount: Mapped[Decimal] = mapped_column(Numeric(10, 2), nullable=False)
    allowance: Mapped[Allowance] = relationship(back_populates="shares")
    staff_member: Mapped[StaffMember] = relationship()

    @classmethod
    def tenant_clause(cls, viewer):
        return cls.allowance_id.in_(
            select(Allowance.id).where(Allowance.centre_id == viewer.centre_id))

    write_clause = tenant_clause

    def __str__(self) -> str:
        return f"{self.staff_member}: {self.amount}"
