"""Downloadable guides of the account area ("Mon compte" › Documentation), managed by staff."""
from __future__ import annotations

from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Audited, Timestamped, Versioned
from app.models.reference import LabelledEnum, Product, _enum


class GuideCategory(LabelledEnum):
    ADMINISTRATOR = "administrator"
    INVIGILATOR = "invigilator"
    SCRATCH_SHEET = "scratch_sheet"
    SUPERVISION = "supervision"
    OTHER = "other"

    @classmethod
    def _labels(cls):
        return {"administrator": _l("Administrator guide"),
                "invigilator": _l("Invigilator guide"), "scratch_sheet": _l("Scratch sheet"),
                "supervision": _l("Supervision document"), "other": _l("Other document")}


class Guide(Versioned, Audited, Timestamped, Model):
    """A document every centre may download (shared reference data, not owned by a centre)."""

    __tablename__ = "guide"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    category: Mapped[GuideCategory] = mapped_column(_enum(GuideCategory), nullable=False,
                                                    default=GuideCategory.OTHER)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("product.id"))
    document: Mapped[str | None] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    position: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    product: Mapped[Product | None] = relationship()

    def __str__(self) -> str:
        return self.title
