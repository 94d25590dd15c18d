"""Personal settings kept on the server: the accessibility choices of each user (seed 003 §1.3.1)."""
from __future__ import annotations

from flask_appbuilder import Model
from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column


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
