"""Reference data managed by body staff: products, their test components, price lists."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Date, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Audited, CentreOwned, LabelledEnum, Timestamped, Versioned, _enum

if TYPE_CHECKING:
    from app.models.centres import Centre


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


class Speciality(Versioned, Audited, Model):
    """A speciality (or series) of an exam, IMAG'IN's level between the exam and its
    épreuve-options ("S - SCIENTIFIQUE", "TOUTES - TOUTES SPECIALITES BCP")."""

    __tablename__ = "speciality"
    __table_args__ = (UniqueConstraint("product_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"),
                                            nullable=False, index=True)
    code: Mapped[str] = mapped_column(String(32), nullable=False)
    label: Mapped[str] = mapped_column(String(200), nullable=False)
    product: Mapped[Product] = relationship()

    def __str__(self) -> str:
        return f"{self.code} - {self.label}"


class TestComponent(Versioned, Audited, Model):
    """An épreuve of a product (CE, CO, EE, EO…); under a speciality it is IMAG'IN's
    épreuve-option, the test a competence and a mission name."""

    __tablename__ = "test_component"
    __table_args__ = (UniqueConstraint("product_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"),
                                            nullable=False, index=True)
    code: Mapped[str] = mapped_column(String(16), nullable=False)
    label: Mapped[str] = mapped_column(String(200), nullable=False)
    position: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    speciality_id: Mapped[int | None] = mapped_column(ForeignKey("speciality.id"), index=True)
    product: Mapped[Product] = relationship(back_populates="components")
    speciality: Mapped[Speciality | None] = relationship()

    def __str__(self) -> str:
        return f"{self.code} - {self.label}"


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
