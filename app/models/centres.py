"""Centres and their accounts: centres, agreements and contracts, users, password links,
personal settings and the documentation every centre downloads."""
from __future__ import annotations

from datetime import date, datetime

from flask_appbuilder import Model
from flask_appbuilder.security.sqla.models import User
from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy import true as sa_true
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
from app.models.reference import Product


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
    DOCUMENTS_REQUESTED = "documents_requested"

    @classmethod
    def _labels(cls):
        return {"draft": _l("Draft"), "submitted": _l("Submitted"), "approved": _l("Approved"),
                "rejected": _l("Rejected"), "expired": _l("Expired"),
                "documents_requested": _l("Documents requested")}


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
    # The programmes the centre runs (app/services/centres/programmes.py): its users see only
    # their menus and dashboard panels.
    runs_language_tests: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False,
                                                      server_default=sa_true())
    runs_cima: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False,
                                            server_default=sa_true())
    runs_le_robert: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False,
                                                 server_default=sa_true())
    runs_missions: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False,
                                                server_default=sa_true())
    support_contact = relationship("ExamUser", foreign_keys=[support_contact_id])
    # What a cell showing a centre shows, hence what a list's keyword searches in it (its time
    # zone "Europe/Paris" made "Paris" find Lyon's rows).
    __cell_columns__ = ("code", "name")

    def __str__(self) -> str:
        return f"{self.code} - {self.name}"


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
    # When the centre was told its agreement ends soon (once: the renewal reminder).
    renewal_reminded_at: Mapped[datetime | None] = mapped_column(DateTime)
    notes: Mapped[str | None] = mapped_column(Text)
    centre: Mapped[Centre] = relationship()
    attachments: Mapped[list[AgreementAttachment]] = relationship(
        back_populates="agreement", order_by="AgreementAttachment.id",
        cascade="all, delete-orphan")

    def __str__(self) -> str:
        return self.reference


class AgreementAttachment(Timestamped, Model):
    """A file the centre attached to its request (what customer service asked for); read and
    written only through its agreement, within the agreement's tenancy."""

    __tablename__ = "agreement_attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreement.id", ondelete="CASCADE"),
                                              nullable=False, index=True)
    stored_name: Mapped[str] = mapped_column(String(300), nullable=False)
    filename: Mapped[str] = mapped_column(String(200), nullable=False)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
    agreement: Mapped[Agreement] = relationship(back_populates="attachments")


user_centre = Table(
    "user_centre",
    Model.metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("ab_user.id", ondelete="CASCADE"), nullable=False),
    Column("centre_id", Integer, ForeignKey("centre.id", ondelete="CASCADE"), nullable=False),
    UniqueConstraint("user_id", "centre_id"),
)


class ExamUser(User):
    __tablename__ = "ab_user"

    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    session_version: Mapped[int] = mapped_column(Integer, default=1, nullable=False,
                                                 server_default="1")
    language: Mapped[str | None] = mapped_column(String(8))
    phone: Mapped[str | None] = mapped_column(String(32))  # the account area's profile
    centres = relationship("Centre", secondary=user_centre, order_by="Centre.name",
                           lazy="selectin")
    # The accessibility choices every page applies: loaded with the user of each request.
    setting = relationship("UserSetting", uselist=False, viewonly=True)

    @property
    def role_names(self) -> set[str]:
        return {r.name for r in self.roles}

    @property
    def centre_ids(self) -> list[int]:
        return [c.id for c in self.centres]


class PasswordToken(Model):
    """A set-password or forgot-password link: stored hashed, single use, expiring."""

    __tablename__ = "password_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("ab_user.id", ondelete="CASCADE"),
                                         nullable=False, index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    purpose: Mapped[str] = mapped_column(String(16), nullable=False)  # "set" or "reset"
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    expires_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    used_at: Mapped[datetime | None] = mapped_column(DateTime)
    user = relationship("ExamUser")


class UserSetting(Model):
    """One row per user: contrast, font size, line spacing and text alignment."""

    __tablename__ = "user_setting"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("ab_user.id", ondelete="CASCADE"),
                                         unique=True, nullable=False)
    contrast: Mapped[str] = mapped_column(String(16), default="normal", nullable=False)
    font_size: Mapped[str] = mapped_column(String(16), default="normal", nullable=False)
    line_spacing: Mapped[str] = mapped_column(String(16), default="normal", nullable=False)
    text_align: Mapped[str] = mapped_column(String(16), default="left", nullable=False)


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
