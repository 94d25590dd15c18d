"""Per-user list settings: chosen columns and density, saved views, background export jobs."""
from __future__ import annotations

from datetime import datetime

from flask_appbuilder import Model
from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import utcnow

DENSITIES = ("compact", "normal", "comfortable")
SHARE_PRIVATE, SHARE_CENTRE, SHARE_STAFF = "private", "centre", "staff"
SHARES = (SHARE_PRIVATE, SHARE_CENTRE, SHARE_STAFF)


class ListPreference(Model):
    """The columns (in order) and the density one user chose for one list."""

    __tablename__ = "list_preference"
    __table_args__ = (UniqueConstraint("user_id", "view_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("ab_user.id", ondelete="CASCADE"),
                                         nullable=False, index=True)
    view_name: Mapped[str] = mapped_column(String(100), nullable=False)
    columns: Mapped[str | None] = mapped_column(Text)  # comma-separated, in display order
    density: Mapped[str] = mapped_column(String(16), nullable=False, default="normal")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow,
                                                 nullable=False)


class SavedListView(Model):
    """A named list state (filters, order, columns, page size), private or shared in a scope."""

    __tablename__ = "saved_list_view"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("ab_user.id", ondelete="CASCADE"),
                                          nullable=False, index=True)
    view_name: Mapped[str] = mapped_column(String(100), nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    query: Mapped[str] = mapped_column(Text, nullable=False, default="")
    share: Mapped[str] = mapped_column(String(16), nullable=False, default=SHARE_PRIVATE)
    centre_id: Mapped[int | None] = mapped_column(ForeignKey("centre.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)


class ExportJob(Model):
    """A large export written in the background; only its owner may download the file."""

    __tablename__ = "export_job"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("ab_user.id", ondelete="CASCADE"),
                                         nullable=False, index=True)
    view_name: Mapped[str] = mapped_column(String(100), nullable=False)
    fmt: Mapped[str] = mapped_column(String(8), nullable=False)
    spec: Mapped[str] = mapped_column(Text, nullable=False)  # JSON: query, locale, viewer
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="queued")
    done_rows: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    total_rows: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    filename: Mapped[str | None] = mapped_column(String(200))
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
