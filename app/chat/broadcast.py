"""Emitting chat events from anywhere (socket handlers, screens, REST API) after the commit.

A stored message goes to its conversation's room at once; what else it causes (the nudge to
refresh every follower's unread counts, the e-mail to offline followers) is its follow-up,
which does not hold the sender's acknowledgement: on the gevent server it runs after the
handler returned, in one background greenlet per process, coalesced per conversation (a burst
of messages in one conversation causes one follow-up, for the newest). Elsewhere (threads, the
test client) it runs before the handler returns.
"""
from __future__ import annotations

import logging

from flask import current_app
from sqlalchemy.orm import joinedload, lazyload

from app.chat.presence import presence
from app.chat.rooms import NAMESPACE, conversation_room, message_room, user_room
from app.extensions import db, socketio
from app.models.messaging import Message
from app.models.sqlite_pragmas import writing
from app.services.clock import now as clock_now
from app.services.messaging import chat
from app.services.messaging.notify import notify_offline, recipient_ids

log = logging.getLogger("examdesk.chat")


def broadcast_message(payload: dict, recipient_ids) -> None:
    """The stored message to every participant in the room (a staff note to the staff room
    only), and a nudge to refresh the unread counts of every follower (menu, dashboard),
    wherever they are connected: a message a service stored on its own (app/chat/live.py)."""
    socketio.emit("message", payload, to=message_room(payload), namespace=NAMESPACE)
    nudge_followers(payload["conversation_id"], recipient_ids)


def nudge_followers(conversation_id: int, recipient_ids) -> None:
    rooms = [user_room(uid) for uid in sorted(recipient_ids)]
    if rooms:
        socketio.emit("unread_changed", {"conversation_id": conversation_id},
                      to=rooms, namespace=NAMESPACE)


def broadcast_read(receipt: dict) -> None:
    socketio.emit("read", receipt, to=conversation_room(receipt["conversation_id"]),
                  namespace=NAMESPACE)
    socketio.emit("unread_changed", {"conversation_id": receipt["conversation_id"]},
                  to=user_room(receipt["user_id"]), namespace=NAMESPACE)


def deliver(message, payload: dict | None = None) -> None:
    """After the commit: the message (`payload`, its serialized form when the caller has it)
    to the conversation's room now, then its follow-up (see the module's docstring)."""
    payload = payload if payload is not None else chat.serialize_message(message)
    socketio.emit("message", payload, to=message_room(payload), namespace=NAMESPACE)
    follow_ups.schedule((message.conversation_id, bool(payload.get("internal"))), message.id)


def follow_up(message_id: int) -> None:
    """Nudge every follower's unread counts and e-mail the offline ones. The message is already
    stored and delivered: a failing notification is logged, never raised."""
    with writing():  # the notification writes: begun as a writer (app/models/sqlite_pragmas.py)
        # One statement (the follow-up runs for nearly every message of a busy chat): the
        # conversation with it, its files only if read (an e-mail names none).
        message = db.session.get(Message, message_id, options=[
            joinedload(Message.conversation), lazyload(Message.attachments)])
        if message is None:
            return
        conversation_id = message.conversation_id  # read now: the commit below expires it
        followers = recipient_ids(db.session, message)  # staff only for a staff note
        online = presence.online(followers)
        try:
            chat.committed(db.session, lambda: notify_offline(
                db.session, message, online, clock_now(), current_app.config["EXTERNAL_URL"],
                followers))
        except Exception:  # the notification e-mail is best effort; the thread is the record
            log.exception("offline notification for message %s failed", message_id)
    nudge_followers(conversation_id, followers)


FOLLOW_UP_PAUSE = 0.05  # seconds: a burst's follow-ups wait this long to be coalesced


class FollowUps:
    """The follow-ups waiting in this process: {(conversation id, staff note?): newest message
    id} (a note and a message to everyone reach different followers: never coalesced)."""

    def __init__(self) -> None:
        self._pending: dict[tuple[int, bool], int] = {}
        self._worker = None

    def schedule(self, key: tuple[int, bool], message_id: int) -> None:
        app = current_app._get_current_object()
        if app.config.get("SOCKETIO_ASYNC_MODE") != "gevent":
            follow_up(message_id)
            return
        self._pending[key] = max(message_id, self._pending.get(key, 0))
        if self._worker is None:
            self._worker = socketio.start_background_task(self._drain, app)

    def _drain(self, app) -> None:
        """One greenlet: greenlets never run at the same time, so the dict needs no lock."""
        try:
            while self._pending:
                socketio.sleep(FOLLOW_UP_PAUSE)
                batch, self._pending = self._pending, {}
                for message_id in batch.values():
                    with app.app_context():
                        try:
                            follow_up(message_id)
                        except Exception:
                            log.exception("follow-up of message %s failed", message_id)
        finally:
            self._worker = None


follow_ups = FollowUps()
