"""Certification Le Robert: certification types, stock ledger, orders, groups, assignments."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Table,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from app.models.base import (
    Audited,
    CentreOwned,
    LabelledEnum,
    Timestamped,
    Versioned,
    _enum,
    utcnow,
)
from app.models.candidates import Candidate
from app.models.centres import Centre
from app.models.reference import Product


class GroupCategory(LabelledEnum):
    CLIENT = "client"
    CLASS = "class"
    EXAM_SESSION = "exam_session"
    OTHER = "other"

    @classmethod
    def _labels(cls):
        return {"client": _l("Client"), "class": _l("Class"),
                "exam_session": _l("Exam session"), "other": _l("Other")}


class OrderStatus(LabelledEnum):
    ORDERED = "ordered"
    QUOTED = "quoted"
    PAID = "paid"
    DELIVERED = "delivered"

    @classmethod
    def _labels(cls):
        return {"ordered": _l("Ordered"), "quoted": _l("Quote sent"), "paid": _l("Paid"),
                "delivered": _l("Delivered")}


class StockMovement(LabelledEnum):
    DELIVERY = "delivery"
    ASSIGNMENT = "assignment"
    CANCELLATION = "cancellation"

    @classmethod
    def _labels(cls):
        return {"delivery": _l("Order delivered"), "assignment": _l("Assignment"),
                "cancellation": _l("Cancellation")}


class AssignmentStatus(LabelledEnum):
    PLANNED = "planned"
    PASSED = "passed"
    CANCELLED = "cancelled"

    @classmethod
    def _labels(cls):
        return {"planned": _l("Planned"), "passed": _l("Passed"), "cancelled": _l("Cancelled")}


class CertificationType(Versioned, Audited, Timestamped, Model):
    """What a centre orders and assigns, e.g. "Partenaire / centre agréé" (PART-CLR-EXAMEN)."""

    __tablename__ = "certification_type"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    reference: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    unit_price_excl_vat: Mapped[Decimal] = mapped_column(Numeric(10, 2), nullable=False)
    vat_rate: Mapped[Decimal] = mapped_column(Numeric(5, 2), nullable=False,
                                              default=Decimal("20.00"))
    # True: the centre supervises the exam itself (activation codes); False: a partner exam
    # centre such as La Poste hosts it (convocation e-mail).
    centre_supervised: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    product: Mapped[Product] = relationship()

    def __str__(self) -> str:
        return f"{self.name} ({self.reference})"


class PartnerExamCentre(Versioned, Audited, Timestamped, Model):
    """A partner's exam centre (e.g. a La Poste office) where candidates take the exam."""

    __tablename__ = "partner_exam_centre"

    id: Mapped[int] = mapped_column(primary_key=True)
    network: Mapped[str] = mapped_column(String(64), nullable=False, default="La Poste")
    name: Mapped[str] = mapped_column(String(200), nullable=False, unique=True)
    address: Mapped[str] = mapped_column(String(300), nullable=False)
    postcode: Mapped[str] = mapped_column(String(16), nullable=False)
    city: Mapped[str] = mapped_column(String(120), nullable=False)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)

    @property
    def full_address(self) -> str:
        return f"{self.name}, {self.address}, {self.postcode} {self.city}"

    def __str__(self) -> str:
        return f"{self.name} — {self.postcode} {self.city}"


class StockCounter(CentreOwned, Model):
    """One row per centre and type: locked (FOR UPDATE) while a movement is written."""

    __tablename__ = "stock_counter"
    __table_args__ = (UniqueConstraint("centre_id", "type_id"),
                      CheckConstraint("balance >= 0", name="ck_stock_counter_not_negative"))

    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"), nullable=False, index=True)
    type_id: Mapped[int] = mapped_column(ForeignKey("certification_type.id"), nullable=False)
    balance: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class StockEntry(CentreOwned, Audited, Model):
    """A movement of the stock ledger; the stock of a centre and type is the sum of these."""

    __tablename__ = "stock_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"), nullable=False, index=True)
    type_id: Mapped[int] = mapped_column(ForeignKey("certification_type.id"), nullable=False)
    movement: Mapped[StockMovement] = mapped_column(_enum(StockMovement), nullable=False)
    quantity: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("certification_order.id"))
    assignment_id: Mapped[int | None] = mapped_column(ForeignKey("certification_assignment.id"))
    note: Mapped[str | None] = mapped_column(String(200))
    centre: Mapped[Centre] = relationship()
    type: Mapped[CertificationType] = relationship()


class CertificationOrder(CentreOwned, Versioned, Audited, Timestamped, Model):
    """A centre's order of certifications; the sales service answers with a quote."""

    __tablename__ = "certification_order"

    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"), nullable=False, index=True)
    number: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    status: Mapped[OrderStatus] = mapped_column(_enum(OrderStatus), nullable=False,
                                                default=OrderStatus.ORDERED)
    ordered_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    quoted_at: Mapped[datetime | None] = mapped_column(DateTime)
    paid_at: Mapped[datetime | None] = mapped_column(DateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime)
    subtotal_excl_vat: Mapped[Decimal] = mapped_column(Numeric(12, 2), nullable=False)
    vat_amount: Mapped[Decimal] = mapped_column(Numeric(12, 2), nullable=False)
    total_incl_vat: Mapped[Decimal] = mapped_column(Numeric(12, 2), nullable=False)
    ordered_by: Mapped[str | None] = mapped_column(String(200))
    centre: Mapped[Centre] = relationship()
    lines: Mapped[list[OrderLine]] = relationship(back_populates="order",
                                                  cascade="all, delete-orphan",
                                                  order_by="OrderLine.id")

    @property
    def summary(self) -> str:
        return ", ".join(f"{line.quantity} × {line.type.reference}" for line in self.lines)

    def __str__(self) -> str:
        return self.number


class OrderLine(Audited, Model):
    """A quantity of one type in an order, priced when ordered."""

    __tablename__ = "certification_order_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(
        ForeignKey("certification_order.id", ondelete="CASCADE"), nullable=False, index=True)
    type_id: Mapped[int] = mapped_column(ForeignKey("certification_type.id"), nullable=False)
    quantity: Mapped[int] = mapped_column(Integer, nullable=False)
    unit_price_excl_vat: Mapped[Decimal] = mapped_column(Numeric(10, 2), nullable=False)
    vat_rate: Mapped[Decimal] = mapped_column(Numeric(5, 2), nullable=False)
    amount_excl_vat: Mapped[Decimal] = mapped_column(Numeric(12, 2), nullable=False)
    order: Mapped[CertificationOrder] = relationship(back_populates="lines")
    type: Mapped[CertificationType] = relationship()

    @classmethod
    def tenant_clause(cls, viewer):
        return cls.order_id.in_(select(CertificationOrder.id).where(
            CertificationOrder.centre_id == viewer.centre_id))

    write_clause = tenant_clause


group_member = Table(
    "candidate_group_member", Model.metadata,
    Column("group_id", ForeignKey("candidate_group.id", ondelete="CASCADE"), primary_key=True),
    Column("candidate_id", ForeignKey("candidate.id", ondelete="CASCADE"), primary_key=True),
)


class CandidateGroup(CentreOwned, Versioned, Audited, Timestamped, Model):
    """Candidates grouped by client, class or exam session; a candidate may be in several."""

    __tablename__ = "candidate_group"
    __table_args__ = (UniqueConstraint("centre_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"), nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    category: Mapped[GroupCategory] = mapped_column(_enum(GroupCategory), nullable=False,
                                                    default=GroupCategory.OTHER)
    centre: Mapped[Centre] = relationship()
    candidates: Mapped[list[Candidate]] = relationship(
        secondary=group_member, order_by="Candidate.last_name",
        backref=backref("groups", order_by="CandidateGroup.name"))

    @property
    def size(self) -> int:
        return len(self.candidates)

    def __str__(self) -> str:
        return self.name


class CertificationAssignment(CentreOwned, Versioned, Audited, Timestamped, Model):
    """A certification attributed to a candidate for a planned date, consuming one in stock."""

    __tablename__ = "certification_assignment"

    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"), nullable=False, index=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id"), nullable=False,
                                              index=True)
    type_id: Mapped[int] = mapped_column(ForeignKey("certification_type.id"), nullable=False)
    planned_date: Mapped[date] = mapped_column(Date, nullable=False)
    status: Mapped[AssignmentStatus] = mapped_column(_enum(AssignmentStatus), nullable=False,
                                                     default=AssignmentStatus.PLANNED)
    partner_centre_id: Mapped[int | None] = mapped_column(ForeignKey("partner_exam_centre.id"))
    exam_time: Mapped[str | None] = mapped_column(String(5))  # HH:MM, partner exam centres
    convoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    activation_code: Mapped[str | None] = mapped_column(String(19), unique=True)
    centre: Mapped[Centre] = relationship()
    candidate: Mapped[Candidate] = relationship()
    type: Mapped[CertificationType] = relationship()
    partner_centre: Mapped[PartnerExamCentre | None] = relationship()

    __audit_exclude__ = ("version", "activation_code")

    def __str__(self) -> str:
        return f"{self.candidate.last_name} {self.candidate.first_name} — {self.type.name}"
