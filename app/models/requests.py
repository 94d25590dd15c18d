"""Requests about a registration or a session (docs/domain.md, Requests): history, documents, policy, orders,
and the examiner training slots and bookings."""
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
    Integer,
    Numeric,
    String,
    Text,
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
from app.models.candidates import Registration
from app.models.centres import Centre
from app.models.messaging import Conversation
from app.models.reference import Product, TestComponent
from app.models.sessions import ExamSession, SessionExaminer


class RequestKind(LabelledEnum):
    ACCOMMODATION = "accommodation"
    EXEMPTION = "exemption"
    POSTPONEMENT = "postponement"
    FRAUD = "fraud"
    APPEAL = "appeal"
    ANOMALY = "anomaly"

    @classmethod
    def _labels(cls):
        return {"accommodation": _l("Accommodation"), "exemption": _l("Exemption"),
                "postponement": _l("Postponement"), "fraud": _l("Fraud or incident"),
                "appeal": _l("Appeal"), "anomaly": _l("Session anomaly")}


class RequestStatus(LabelledEnum):
    PENDING = "pending"
    IN_PROGRESS = "in_progress"
    ACCEPTED = "accepted"
    REFUSED = "refused"

    @classmethod
    def _labels(cls):
        return {"pending": _l("Pending"), "in_progress": _l("In progress"),
                "accepted": _l("Accepted"), "refused": _l("Refused")}


class ExamRequest(CentreOwned, Versioned, Audited, Timestamped, Model):
    """One request of a centre about a registration (or a whole session, for anomalies)."""

    __tablename__ = "exam_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(16), unique=True, nullable=False)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"), nullable=False, index=True)
    kind: Mapped[RequestKind] = mapped_column(_enum(RequestKind), nullable=False, index=True)
    status: Mapped[RequestStatus] = mapped_column(_enum(RequestStatus), nullable=False,
                                                  default=RequestStatus.PENDING, index=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("exam_session.id"), nullable=False,
                                            index=True)
    registration_id: Mapped[int | None] = mapped_column(ForeignKey("registration.id"),
                                                        index=True)
    reason: Mapped[str] = mapped_column(Text, nullable=False)
    extra_time_percent: Mapped[int | None] = mapped_column(Integer)
    component_id: Mapped[int | None] = mapped_column(ForeignKey("test_component.id"))
    decision_note: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
    # Postponement: the registration in the later session (the old one is `registration`).
    new_registration_id: Mapped[int | None] = mapped_column(ForeignKey("registration.id"))
    # The messaging conversation about the request: a row of the request's centre, never an
    # address a user types (issue 12: a typed address was a stored XSS).
    conversation_id: Mapped[int | None] = mapped_column(ForeignKey("conversation.id"),
                                                        index=True)
    centre: Mapped[Centre] = relationship()
    session: Mapped[ExamSession] = relationship()
    registration: Mapped[Registration | None] = relationship(
        foreign_keys=[registration_id],
        backref=backref("requests", order_by="ExamRequest.id", viewonly=True))
    new_registration: Mapped[Registration | None] = relationship(
        foreign_keys=[new_registration_id],
        backref=backref("postponed_from", viewonly=True, uselist=False))
    component: Mapped[TestComponent | None] = relationship()
    conversation: Mapped[Conversation | None] = relationship()
    decided_by = relationship("ExamUser", foreign_keys=[decided_by_id])
    created_by = relationship("ExamUser", foreign_keys=[created_by_id])
    events: Mapped[list[RequestEvent]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="RequestEvent.id")
    documents: Mapped[list[RequestDocument]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="RequestDocument.id")

    @classmethod
    def evaluator_clause(cls, viewer):
        # An examiner sees the accommodations of the candidates they examine.
        return cls.session_id.in_(select(SessionExaminer.session_id).where(
            SessionExaminer.user_id == viewer.user_id)) & (cls.kind == RequestKind.ACCOMMODATION)

    @property
    def candidate_name(self) -> str:
        if self.registration is None:
            return "—"
        return f"{self.registration.candidate.first_name} {self.registration.candidate.last_name}"

    def __str__(self) -> str:
        return f"{self.number} - {self.kind.label}"


def _child_tenant(cls, viewer):
    return cls.request_id.in_(select(ExamRequest.id).where(
        ExamRequest.centre_id == viewer.centre_id))


class RequestEvent(Audited, Model):
    """The history of a request: who did what, when, and the status it moved to."""

    __tablename__ = "exam_request_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("exam_request.id", ondelete="CASCADE"),
                                            nullable=False, index=True)
    at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
    action: Mapped[str] = mapped_column(String(40), nullable=False)
    status: Mapped[RequestStatus] = mapped_column(_enum(RequestStatus), nullable=False)
    note: Mapped[str | None] = mapped_column(Text)
    request: Mapped[ExamRequest] = relationship(back_populates="events")
    user = relationship("ExamUser")

    tenant_clause = classmethod(_child_tenant)


class RequestDocument(Audited, Model):
    """A supporting document, stored outside the web root under a random name."""

    __tablename__ = "exam_request_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("exam_request.id", ondelete="CASCADE"),
                                            nullable=False, index=True)
    document: Mapped[str] = mapped_column(String(300), nullable=False)
    uploaded_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
    request: Mapped[ExamRequest] = relationship(back_populates="documents")

    tenant_clause = classmethod(_child_tenant)

    @property
    def filename(self) -> str:
        return self.document.split("_sep_")[-1]


class PostponementPolicy(Versioned, Audited, Model):
    """Per product: how many postponements a candidate may get, until how many days before."""

    __tablename__ = "postponement_policy"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), unique=True,
                                            nullable=False)
    max_postponements: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    min_days_before: Mapped[int] = mapped_column(Integer, nullable=False, default=2)
    centre_may_reregister: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    product: Mapped[Product] = relationship()

    def __str__(self) -> str:
        return str(self.product.code if self.product else self.product_id)


class PurchaseOrderStatus(LabelledEnum):
    UNSIGNED = "unsigned"
    SIGNED = "signed"

    @classmethod
    def _labels(cls):
        return {"unsigned": _l("Unsigned quote"), "signed": _l("Signed quote")}


class PurchaseOrder(CentreOwned, Versioned, Audited, Timestamped, Model):
    """The purchase order (bon de commande) of a centre's session; read-only once signed."""

    __tablename__ = "purchase_order"

    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"), nullable=False, index=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("exam_session.id"), unique=True,
                                            nullable=False)
    status: Mapped[PurchaseOrderStatus] = mapped_column(
        _enum(PurchaseOrderStatus), nullable=False, default=PurchaseOrderStatus.UNSIGNED)
    signer_name: Mapped[str | None] = mapped_column(String(200))
    signed_at: Mapped[datetime | None] = mapped_column(DateTime)
    signed_by_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
    total_excl_vat: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    total_vat: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    document: Mapped[str | None] = mapped_column(String(300))
    session: Mapped[ExamSession] = relationship()
    centre: Mapped[Centre] = relationship()
    signed_by = relationship("ExamUser", foreign_keys=[signed_by_id])

    @property
    def filename(self) -> str:
        return f"{self.session.number}_bon_commande.pdf"


ONE_THIRD = 33


def accepted_requests(registration: Registration, kind: RequestKind) -> list[ExamRequest]:
    return [r for r in getattr(registration, "requests", [])
            if r.kind == kind and r.status == RequestStatus.ACCEPTED]


def extra_time_percent(registration: Registration) -> int:
    """The extra time granted to the candidate (the largest accepted accommodation), in %."""
    return max((r.extra_time_percent or 0
                for r in accepted_requests(registration, RequestKind.ACCOMMODATION)), default=0)


def extra_time_label(percent: int) -> str:
    """"1/3T" for the usual tiers-temps (⅓T on the TEF portal), "T+NN%" otherwise, "" without extra time."""
    if not percent:
        return ""
    return "1/3T" if percent == ONE_THIRD else f"T+{percent}%"


def extra_time_of(registration: Registration) -> str:
    """The candidate's extra time as the attendance sheet shows it ("1/3T", "" without)."""
    return extra_time_label(extra_time_percent(registration))


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
