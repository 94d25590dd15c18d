"""ExamDesk users: FAB's user extended with centres, lockout and a server-side session version."""
from __future__ import annotations

from datetime import datetime

from flask_appbuilder import Model
from flask_appbuilder.security.sqla.models import User
from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, Table, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

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
    centres = relationship("Centre", secondary=user_centre, order_by="Centre.name",
                           lazy="selectin")

    @property
    def role_names(self) -> set[str]:
        return {r.name for r in self.roles}

    @property
    def centre_ids(self) -> list[int]:
        return [c.id for c in self.centres]
