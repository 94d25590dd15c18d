"""Exam sessions: status workflow, deadlines, prices per component and assigned examiners."""
from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from flask_appbuilder import Model
from flask_appbuilder.models.mixins import FileColumn
from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    Numeric,
    String,
    UniqueConstraint,
    or_,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Audited, CentreOwned, LabelledEnum, Timestamped, Versioned, _enum
from app.models.centres import Centre
from app.models.reference import Product, TestComponent


class SessionStatus(LabelledEnum):
    DRAFT = "draft"
    PLANNED = "planned"
    REGISTRATIONS_OPEN = "registrations_open"
    REGISTRATIONS_CLOSED = "registrations_closed"
    AWAITING_CORRECTION = "awaiting_correction"
    IN_CORRECTION = "in_correction"
    RESULTS_PUBLISHED = "results_published"
    ARCHIVED = "archived"
    CANCELLED = "cancelled"

    @classmethod
    def _labels(cls):
        return {
            "draft": _l("Draft"), "planned": _l("Planned"),
            "registrations_open": _l("Registrations open"),
            "registrations_closed": _l("Registrations closed"),
            "awaiting_correction": _l("Awaiting correction"),
            "in_correction": _l("In correction"),
            "results_published": _l("Results published"), "archived": _l("Archived"),
            "cancelled": _l("Cancelled"),
        }


class ExamSession(Versioned, Audited, Timestamped, Model):
    """A session of a product in a centre; a body-organised session has no centre (shared)."""

    __tablename__ = "exam_session"
    __tenant__ = "centre_id"
    __display_relations__ = ("product",)  # its cells show the product name (list search)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(7), unique=True, nullable=False)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), nullable=False, index=True)
    centre_id: Mapped[int | None] = mapped_column(ForeignKey("centre.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("exam_session.id"))
    title: Mapped[str | None] = mapped_column(String(200))
    start_date: Mapped[date] = mapped_column(Date, nullable=False)
    end_date: Mapped[date] = mapped_column(Date, nullable=False)
    capacity: Mapped[int] = mapped_column(Integer, nullable=False, default=20)
    status: Mapped[SessionStatus] = mapped_column(_enum(SessionStatus), nullable=False,
                                                  default=SessionStatus.DRAFT)
    has_anomalies: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    online_visible: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    centre_deadline: Mapped[datetime | None] = mapped_column(DateTime)  # UTC
    registration_deadline: Mapped[datetime | None] = mapped_column(DateTime)  # UTC
    product: Mapped[Product] = relationship()
    centre: Mapped[Centre | None] = relationship()
    parent: Mapped[ExamSession | None] = relationship(remote_side=[id])
    prices: Mapped[list[SessionPrice]] = relationship(
        back_populates="session", cascade="all, delete-orphan")
    examiners: Mapped[list[SessionExaminer]] = relationship(
        back_populates="session", cascade="all, delete-orphan")

    @classmethod
    def tenant_clause(cls, viewer):
        # Body-organised sessions are shared: every centre sees them to register to them.
        return or_(cls.centre_id == viewer.centre_id, cls.centre_id.is_(None))

    @classmethod
    def write_clause(cls, viewer):
        # A body session is read by every centre and changed by the body only.
        return cls.centre_id == viewer.centre_id

    @classmethod
    def evaluator_clause(cls, viewer):
        return cls.id.in_(select(SessionExaminer.session_id)
                          .where(SessionExaminer.user_id == viewer.user_id))

    def _local(self, moment: datetime | None) -> datetime | None:
        # Stored in UTC; read in the centre's time zone (Paris for body sessions), formatted
        # with its zone named by app/services/formatting.py (format_moment(named=True)).
        if moment is None:
            return None
        zone = ZoneInfo(self.centre.timezone if self.centre else "Europe/Paris")
        return moment.replace(tzinfo=UTC).astimezone(zone)

    @property
    def registration_deadline_local(self) -> datetime | None:
        return self._local(self.registration_deadline)

    @property
    def centre_deadline_local(self) -> datetime | None:
        return self._local(self.centre_deadline)

    def __str__(self) -> str:
        return f"{self.number} - {self.product.name if self.product else ''} - " \
               f"{self.start_date:%d/%m/%Y}"


class SessionPrice(Versioned, Audited, Model):
    """The price of a session: one row, or one per test component for a modular product."""

    __tablename__ = "session_price"
    __table_args__ = (UniqueConstraint("session_id", "component_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("exam_session.id", ondelete="CASCADE"),
                                            nullable=False, index=True)
    component_id: Mapped[int | None] = mapped_column(ForeignKey("test_component.id"))
    amount_excl_vat: Mapped[Decimal] = mapped_column(Numeric(10, 2), nullable=False)
    vat_rate: Mapped[Decimal] = mapped_column(Numeric(5, 2), nullable=False,
                                              default=Decimal("20.00"))
    session: Mapped[ExamSession] = relationship(back_populates="prices")
    component: Mapped[TestComponent | None] = relationship()

    @classmethod
    def tenant_clause(cls, viewer):
        return cls.session_id.in_(select(ExamSession.id).where(
            ExamSession.tenant_clause(viewer)))

    @classmethod
    def write_clause(cls, viewer):
        return cls.session_id.in_(select(ExamSession.id).where(
            ExamSession.write_clause(viewer)))

    def __str__(self) -> str:
        part = self.component.code if self.component else "—"
        return f"{part}: {self.amount_excl_vat}"


class SessionExaminer(CentreOwned, Versioned, Audited, Timestamped, Model):
    """An examiner registered to a session (a user account, or a person imported by name)."""

    __tablename__ = "session_examiner"
    __table_args__ = (UniqueConstraint("session_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"), nullable=False, index=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("exam_session.id", ondelete="CASCADE"),
                                            nullable=False, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"), index=True)
    last_name: Mapped[str] = mapped_column(String(120), nullable=False)
    first_name: Mapped[str] = mapped_column(String(120), nullable=False)
    email: Mapped[str] = mapped_column(String(200), nullable=False)
    needs_training: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    session: Mapped[ExamSession] = relationship(back_populates="examiners")
    centre: Mapped[Centre] = relationship()
    user = relationship("ExamUser")

    @classmethod
    def evaluator_clause(cls, viewer):
        return cls.user_id == viewer.user_id

    def __str__(self) -> str:
        return f"{self.last_name} {self.first_name}"


class GenericDocument(Versioned, Audited, Timestamped, Model):
    """A document for every centre's sessions of a product (candidate booklet, questionnaire…),
    uploaded by body staff: type, recipient and number of copies (the CIMA "documents" tab)."""

    __tablename__ = "generic_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), nullable=False, index=True)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    doc_type: Mapped[str] = mapped_column(String(120), nullable=False)
    recipient: Mapped[str] = mapped_column(String(120), nullable=False)
    copies: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    document = mapped_column(FileColumn, nullable=False)
    product: Mapped[Product] = relationship()

    def __str__(self) -> str:
        return self.title


class NoticeKind(LabelledEnum):
    """What the scheduler (app/services/sessions/scheduler.py) tells a centre about a session."""

    REGISTRATIONS_CLOSED = "registrations_closed"
    SESSION_HELD = "session_held"
    UNDERFILLED = "underfilled"
    FULL = "full"

    @classmethod
    def _labels(cls):
        return {"registrations_closed": _l("Registrations closed"),
                "session_held": _l("Session held"),
                "underfilled": _l("Under-filled session"), "full": _l("Full session")}


class SessionNotice(CentreOwned, Model):
    """A notice the scheduler gave a centre about one of its sessions (dashboard INFORMATIONS
    and e-mail): one per session and kind, so that a second pass tells nothing twice."""

    __tablename__ = "session_notice"
    __table_args__ = (UniqueConstraint("session_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"), nullable=False, index=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("exam_session.id", ondelete="CASCADE"),
                                            nullable=False, index=True)
    kind: Mapped[NoticeKind] = mapped_column(_enum(NoticeKind), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    session: Mapped[ExamSession] = relationship()

    def __str__(self) -> str:
        return f"{self.session} — {self.kind.label}"
