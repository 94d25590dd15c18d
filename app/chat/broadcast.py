"""Emitting chat events from anywhere (socket handlers, screens, REST API) after the commit."""
from __future__ import annotations

import logging

from flask import current_app

from app.chat.presence import presence
from app.chat.rooms import NAMESPACE, conversation_room, message_room, user_room
from app.extensions import db, socketio
from app.services.clock import now as clock_now
from app.services.messaging import chat
from app.services.messaging.notify import notify_offline, recipient_ids

log = logging.getLogger("examdesk.chat")


def broadcast_message(payload: dict, recipient_ids) -> None:
    """The stored message to every participant in the room (a staff note to the staff room
    only), and a nudge to refresh the unread counts of every follower (menu, dashboard),
    wherever they are connected."""
    socketio.emit("message", payload, to=message_room(payload), namespace=NAMESPACE)
    rooms = [user_room(uid) for uid in sorted(recipient_ids)]
    if rooms:
        socketio.emit("unread_changed", {"conversation_id": payload["conversation_id"]},
                      to=rooms, namespace=NAMESPACE)


def broadcast_read(receipt: dict) -> None:
    socketio.emit("read", receipt, to=conversation_room(receipt["conversation_id"]),
                  namespace=NAMESPACE)
    socketio.emit("unread_changed", {"conversation_id": receipt["conversation_id"]},
                  to=user_room(receipt["user_id"]), namespace=NAMESPACE)


def deliver(message) -> None:
    """After the commit: emit to every participant, e-mail those who are offline. The message
    is already stored: a failing notification is logged, never turned into a lost ack."""
    followers = recipient_ids(db.session, message)
    broadcast_message(chat.serialize_message(message), followers)
    online = presence.online(followers)
    try:
        chat.committed(db.session, lambda: notify_offline(
            db.session, message, online, clock_now(), current_app.config["EXTERNAL_URL"],
            followers))
    except Exception:  # the notification e-mail is best effort; the thread is the record
        log.exception("offline notification for message %s failed", message.id)
