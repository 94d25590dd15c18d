"""The audit trail: field-by-field changes of audited records and security events."""
from __future__ import annotations

import enum
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import event, insert, inspect, select
from sqlalchemy.orm import Session

from app.models.audit import AuditLog
from app.models.base import Audited, utcnow


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    username: str | None
    ip: str | None = None


_actor: ContextVar[Actor | None] = ContextVar("examdesk_actor", default=None)


def set_actor(actor: Actor | None) -> None:
    """Who is acting now (set by the web layer per request, by the CLI per command)."""
    _actor.set(actor)


def current_actor() -> Actor | None:
    return _actor.get()


def _plain(value):
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _columns(obj):
    exclude = set(getattr(obj, "__audit_exclude__", ())) | {"created_at", "updated_at"}
    return [c for c in inspect(obj).mapper.column_attrs if c.key not in exclude]


def compute_changes(obj, action: str) -> dict[str, list]:
    """{field: [before, after]} for one object about to be flushed."""
    state = inspect(obj)
    changes = {}
    for attr in _columns(obj):
        hist = state.attrs[attr.key].history
        if action == "insert":
            value = getattr(obj, attr.key)
            if value is not None:
                changes[attr.key] = [None, _plain(value)]
        elif action == "delete":
            value = hist.unchanged[0] if hist.unchanged else (hist.deleted[0] if hist.deleted else None)
            if value is not None:
                changes[attr.key] = [_plain(value), None]
        elif hist.has_changes():
            before = hist.deleted[0] if hist.deleted else None
            after = hist.added[0] if hist.added else None
            if _plain(before) != _plain(after):
                changes[attr.key] = [_plain(before), _plain(after)]
    return changes


def _entries(session: Session):
    for action, objs in (("insert", session.new), ("update", session.dirty),
                         ("delete", session.deleted)):
        for obj in list(objs):
            if isinstance(obj, Audited):
                if action == "update" and not session.is_modified(obj, include_collections=False):
                    continue
                changes = compute_changes(obj, action)
                if action == "update" and not changes:
                    continue
                yield action, obj, changes


def _before_flush(session: Session, _ctx, _instances):
    session.info["audit_pending"] = list(_entries(session))


def _record_id(obj) -> int | None:
    """The row's primary key; a row just inserted has no identity yet in after_flush, but its
    key is set (its creation was logged without it, so no history showed its creation)."""
    state = inspect(obj)
    pk = state.identity or state.mapper.primary_key_from_instance(obj)
    return pk[0] if pk else None


def _after_flush(session: Session, _ctx):
    pending = session.info.pop("audit_pending", [])
    if not pending:
        return
    actor = current_actor()
    rows = []
    for action, obj, changes in pending:
        rows.append({
            "at": utcnow(), "action": action, "table_name": obj.__tablename__,
            "record_id": _record_id(obj), "changes": changes,
            "user_id": actor.user_id if actor else None,
            "username": actor.username if actor else None,
            "ip": actor.ip if actor else None,
        })
    session.connection().execute(insert(AuditLog.__table__), rows)


def install() -> None:
    """Listen to every session's flushes (idempotent)."""
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)
        event.listen(Session, "after_flush", _after_flush)


def log_security_event(session: Session, action: str, *, user=None, username=None,
                       detail: str | None = None, ip: str | None = None) -> None:
    """Write a security event (login, failure, lockout, refusal…) and commit it at once."""
    actor = current_actor()
    session.add(AuditLog(
        action=action,
        user_id=getattr(user, "id", None) or (actor.user_id if actor else None),
        username=username or getattr(user, "username", None) or (actor.username if actor else None),
        detail=(detail or "")[:500] or None,
        ip=ip or (actor.ip if actor else None),
    ))
    session.commit()


def history_of(session: Session, obj) -> list[AuditLog]:
    """The audit entries of one record, newest first."""
    pk = inspect(obj).identity
    if not pk:
        return []
    stmt = (select(AuditLog)
            .where(AuditLog.table_name == obj.__tablename__, AuditLog.record_id == pk[0])
            .order_by(AuditLog.at.desc(), AuditLog.id.desc()))
    return list(session.scalars(stmt))
