"""The `/chat` namespace and its Socket.IO rooms: a conversation, a user, a centre, body staff."""
from __future__ import annotations

from app.security.roles import BODY_ROLES

NAMESPACE = "/chat"
STAFF_ROOM = "staff"


def conversation_room(conversation_id: int) -> str:
    return f"conversation-{conversation_id}"


def staff_room(conversation_id: int) -> str:
    """A conversation's staff-only room: its staff notes are emitted there and nowhere else."""
    return f"conversation-{conversation_id}-staff"


def message_room(message: dict) -> str:
    """Where a stored message is emitted: the staff room for a note, else the conversation's."""
    if message.get("internal"):
        return staff_room(message["conversation_id"])
    return conversation_room(message["conversation_id"])


def user_room(user_id: int) -> str:
    return f"user-{user_id}"


def centre_room(centre_id: int) -> str:
    return f"centre-{centre_id}"


def dashboard_rooms(user) -> list[str]:
    """The dashboard rooms a connected user joins: their centres, or all staff."""
    rooms = [centre_room(c.id) for c in user.centres]
    if {r.name for r in user.roles} & BODY_ROLES:
        rooms.append(STAFF_ROOM)
    return rooms
