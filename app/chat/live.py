"""Live dashboards: after a commit that changed rows of a centre, tell that centre's connected
users (and body staff) to refresh their dashboard numbers (`dashboard_changed` on /chat)."""
from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import Session

from app.chat import NAMESPACE

STAFF_ROOM = "staff"
_KEY = "examdesk_changed_centres"


def centre_room(centre_id: int) -> str:
    return f"centre-{centre_id}"


def _collect(session: Session, _ctx, _instances) -> None:
    changed = session.info.setdefault(_KEY, set())
    for obj in (*session.new, *session.dirty, *session.deleted):
        column = getattr(type(obj), "__tenant__", None)
        if isinstance(column, str):
            centre_id = getattr(obj, column, None)
            if centre_id is not None:
                changed.add(centre_id)


def _forget(session: Session) -> None:
    session.info.pop(_KEY, None)


def install(socketio) -> None:
    """Listen to every session (idempotent); emit once per commit that changed centre rows."""

    def _after_commit(session: Session) -> None:
        centres = session.info.pop(_KEY, None)
        if not centres:
            return
        for centre_id in centres:
            socketio.emit("dashboard_changed", {"centre_id": centre_id}, namespace=NAMESPACE,
                          to=centre_room(centre_id))
        socketio.emit("dashboard_changed", {"centre_ids": sorted(centres)},
                      namespace=NAMESPACE, to=STAFF_ROOM)

    if not event.contains(Session, "before_flush", _collect):
        event.listen(Session, "before_flush", _collect)
        event.listen(Session, "after_rollback", _forget)
    if getattr(socketio, "_examdesk_live", None) is None:
        socketio._examdesk_live = _after_commit
        event.listen(Session, "after_commit", _after_commit)


def rooms_of(user) -> list[str]:
    """The dashboard rooms a connected user joins: their centres, or all staff."""
    from app.security.roles import BODY_ROLES

    rooms = [centre_room(c.id) for c in user.centres]
    if {r.name for r in user.roles} & BODY_ROLES:
        rooms.append(STAFF_ROOM)
    return rooms
