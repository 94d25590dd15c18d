"""Reference data managed by body staff: products, test components, centres, price lists, agreements."""
from __future__ import annotations

import enum
from datetime import date, datetime
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
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Audited, CentreOwned, Timestamped, Versioned


class LabelledEnum(str, enum.Enum):
    """An enum whose members carry a translatable label (shown instead of the raw value)."""

    @property
    def label(self):
        return self._labels().get(self.value, self.value)

    @classmethod
    def _labels(cls) -> dict:
        return {}

    @classmethod
    def choices(cls):
        return [(m.value, m.label) for m in cls]

    def __str__(self) -> str:
        return str(self.label)


class ProductRange(LabelledEnum):
    TEF = "TEF"
    DFP = "DFP"
    CIMA = "CIMA"
    CLR = "CLR"
    OTHER = "OTHER"

    @classmethod
    def _labels(cls):
        return {"TEF": "TEF", "DFP": "DFP", "CIMA": "CIMA", "CLR": "Certification Le Robert",
                "OTHER": _l("Other")}


class CentreType(LabelledEnum):
    PUBLIC = "public"
    PRIVATE = "private"

    @classmethod
    def _labels(cls):
        return {"public": _l("Public"), "private": _l("Private")}


class PublicVisibility(LabelledEnum):
    HIDDEN = "hidden"
    WITH_SESSIONS = "with_sessions"
    WITHOUT_SESSIONS = "without_sessions"

    @classmethod
    def _labels(cls):
        return {"hidden": _l("Hidden"), "with_sessions": _l("Shown with its sessions"),
                "without_sessions": _l("Shown without its sessions")}


class AgreementKind(LabelledEnum):
    AGREEMENT = "agreement"
    CONTRACT = "contract"

    @classmethod
    def _labels(cls):
        return {"agreement": _l("Agreement"), "contract": _l("Contract")}


class AgreementStatus(LabelledEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"
    EXPIRED = "expired"

    @classmethod
    def _labels(cls):
        return {"draft": _l("Draft"), "submitted": _l("Submitted"), "approved": _l("Approved"),
                "rejected": _l("Rejected"), "expired": _l("Expired")}


def _enum(e):
    # Stored by member name (FAB's EnumField works with names); shown by translated label.
    return Enum(e, native_enum=False, length=32, validate_strings=True)


class Product(Versioned, Audited, Timestamped, Model):
    __tablename__ = "product"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    range: Mapped[ProductRange] = mapped_column(_enum(ProductRange), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    modular: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    components: Mapped[list[TestComponent]] = relationship(
        back_populates="product", cascade="all, delete-orphan", order_by="TestComponent.position"
    )

    def __str__(self) -> str:
        return f"{self.code} - {self.name}"


class TestComponent(Versioned, Audited, Model):
    """An épreuve of a product (CE, CO, EE, EO…)."""

    __tablename__ = "test_component"
    __table_args__ = (UniqueConstraint("product_id", "code"),)
    __test__ = False  # not a pytest class

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"),
                                            nullable=False, index=True)
    code: Mapped[str] = mapped_column(String(16), nullable=False)
    label: Mapped[str] = mapped_column(String(200), nullable=False)
    position: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    product: Mapped[Product] = relationship(back_populates="components")

    def __str__(self) -> str:
        return f"{self.code} - {self.label}"


class Centre(Versioned, Audited, Timestamped, Model):
    __tablename__ = "centre"
    __tenant__ = "id"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    type: Mapped[CentreType] = mapped_column(_enum(CentreType), nullable=False,
                                             default=CentreType.PRIVATE)
    timezone: Mapped[str] = mapped_column(String(64), nullable=False, default="Europe/Paris")
    language: Mapped[str] = mapped_column(String(8), nullable=False, default="fr")
    address: Mapped[str | None] = mapped_column(String(300))
    postcode: Mapped[str | None] = mapped_column(String(16))
    city: Mapped[str | None] = mapped_column(String(120))
    country: Mapped[str] = mapped_column(String(2), nullable=False, default="FR")
    billing_address: Mapped[str | None] = mapped_column(String(300))
    billing_postcode: Mapped[str | None] = mapped_column(String(16))
    billing_city: Mapped[str | None] = mapped_column(String(120))
    billing_country: Mapped[str | None] = mapped_column(String(2))
    manager_role: Mapped[str | None] = mapped_column(String(120))
    manager_last_name: Mapped[str | None] = mapped_column(String(120))
    manager_first_name: Mapped[str | None] = mapped_column(String(120))
    manager_email: Mapped[str | None] = mapped_column(String(200))
    manager_phone: Mapped[str | None] = mapped_column(String(40))
    support_contact_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
    public_visibility: Mapped[PublicVisibility] = mapped_column(
        _enum(PublicVisibility), nullable=False, default=PublicVisibility.HIDDEN)
    is_exam_centre: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    support_contact = relationship("ExamUser", foreign_keys=[support_contact_id])

    def __str__(self) -> str:
        return f"{self.code} - {self.name}"


class PriceList(CentreOwned, Versioned, Audited, Timestamped, Model):
    """A centre's price for a product: one price, or one per test component (modular)."""

    __tablename__ = "price_list"
    __table_args__ = (UniqueConstraint("centre_id", "product_id", "component_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"), nullable=False, index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), nullable=False)
    component_id: Mapped[int | None] = mapped_column(ForeignKey("test_component.id"))
    amount_excl_vat: Mapped[Decimal] = mapped_column(Numeric(10, 2), nullable=False)
    vat_rate: Mapped[Decimal] = mapped_column(Numeric(5, 2), nullable=False, default=Decimal("20.00"))
    centre: Mapped[Centre] = relationship()
    product: Mapped[Product] = relationship()
    component: Mapped[TestComponent | None] = relationship()

    def __str__(self) -> str:
        part = f" / {self.component.code}" if self.component else ""
        return f"{self.product.code}{part}: {self.amount_excl_vat}"


class Agreement(CentreOwned, Versioned, Audited, Timestamped, Model):
    """A centre's agreement (demande d'agrément) or contract, with its document and validity."""

    __tablename__ = "agreement"

    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"), nullable=False, index=True)
    kind: Mapped[AgreementKind] = mapped_column(_enum(AgreementKind), nullable=False,
                                                default=AgreementKind.AGREEMENT)
    reference: Mapped[str] = mapped_column(String(64), nullable=False)
    status: Mapped[AgreementStatus] = mapped_column(_enum(AgreementStatus), nullable=False,
                                                    default=AgreementStatus.DRAFT)
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    document: Mapped[str | None] = mapped_column(String(300))
    renewal_requested_at: Mapped[datetime | None] = mapped_column(DateTime)
    notes: Mapped[str | None] = mapped_column(Text)
    centre: Mapped[Centre] = relationship()

    def __str__(self) -> str:
        return self.reference
