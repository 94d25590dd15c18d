"""Live dashboards over Socket.IO: when a service asked for it (app/services/live.py), the
users of the changed centres (and body staff) get `dashboard_changed` on /chat; a message a
service stored on its own (a request's decision) is emitted like any other."""
from __future__ import annotations

from app.chat.broadcast import broadcast_message
from app.chat.rooms import NAMESPACE, STAFF_ROOM, centre_room
from app.services import live


def install(socketio) -> None:
    """Register the Socket.IO listener of the live refresh port (idempotent)."""

    def dashboards_changed(centres: set[int]) -> None:
        for centre_id in sorted(centres):
            socketio.emit("dashboard_changed", {"centre_id": centre_id}, namespace=NAMESPACE,
                          to=centre_room(centre_id))
        socketio.emit("dashboard_changed", {"centre_ids": sorted(centres)},
                      namespace=NAMESPACE, to=STAFF_ROOM)

    if getattr(socketio, "_examdesk_live", None) is None:
        socketio._examdesk_live = dashboards_changed
        live.register(dashboards_changed)
    live.register_messages(broadcast_message)
