"""Shared model building blocks: audited records, optimistic locking, tenancy declarations."""
from __future__ import annotations

import enum
from datetime import UTC, datetime

from sqlalchemy import DateTime, Enum, Integer
from sqlalchemy.orm import Mapped, declared_attr, mapped_column


def utcnow() -> datetime:
    """The one clock of the application (naive UTC, as stored)."""
    return datetime.now(UTC).replace(tzinfo=None)


class Audited:
    """Marker: every insert, update and delete of this model is written to the audit trail.

    `__audit_exclude__` names columns never recorded (secrets, technical counters).
    """

    __audit_exclude__: tuple[str, ...] = ("version",)


class Versioned:
    """Optimistic locking: a concurrent edit of the same row is refused, never overwritten."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls):  # noqa: N805
        return {"version_id_col": cls.version}

    # The edit form carries the version it was read at; the save compares it (views/base.py).
    @property
    def row_version(self) -> int:
        return self.version

    @row_version.setter
    def row_version(self, value) -> None:
        self._submitted_version = value


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, default=utcnow, onupdate=utcnow, nullable=False
    )


class CentreOwned:
    """Tenancy declaration: the row belongs to the centre in `centre_id`.

    Models may instead define `__tenant__` themselves: the name of the column holding the
    centre id, or a classmethod `tenant_clause(viewer)` returning a SQL expression.
    """

    __tenant__ = "centre_id"


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


def _enum(e):
    # Stored by member name (FAB's EnumField works with names); shown by translated label.
    return Enum(e, native_enum=False, length=32, validate_strings=True)
