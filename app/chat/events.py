"""The `/chat` Socket.IO namespace: checks the user and payload, calls the chat service, emits.

Every event re-checks that the user takes part in the conversation (refusal: an `error` in the
acknowledgement, nothing emitted). Protocol: docs/chat-protocol.md.
"""
from __future__ import annotations

import functools
import socket

from flask import g, request
from flask_babel import gettext as _
from flask_socketio import ConnectionRefusedError, Namespace, emit, join_room, leave_room
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import lazyload

from app.chat.auth import SocketIdentity, check_origin, connecting_identity, revalidated
from app.chat.broadcast import broadcast_read, deliver
from app.chat.presence import presence
from app.chat.rooms import conversation_room, dashboard_rooms, staff_room, user_room
from app.extensions import db
from app.models.centres import ExamUser
from app.models.sqlite_pragmas import writing
from app.services.clock import now as clock_now
from app.services.errors import DomainError, NotAllowed, StatementFailed
from app.services.messaging import chat
from app.services.messaging.notes import may_see_notes
from app.services.writes import reading


def refusal(error: DomainError | str, code: str = "refused") -> dict:
    return {"error": str(error), "code": code}


def _no_delay(environ) -> None:
    """A sent message answers with two frames (the `message` event, then the ack): without
    TCP_NODELAY, Nagle's algorithm and delayed ACKs hold the second one ~40 ms."""
    sock = environ.get("werkzeug.socket") or environ.get("gunicorn.socket")
    if sock is not None:
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass


def writer(handler):
    """An event that writes begins its transaction as a writer (`BEGIN IMMEDIATE` on SQLite):
    begun as a reader, its first read would pin a snapshot that a concurrent commit makes stale,
    and its write would then be refused ("database is locked") instead of waiting its turn.
    What it stored stays readable after the commit (the event's session ends with the event):
    serializing it for the ack reads nothing again, and opens no second transaction."""
    @functools.wraps(handler)
    def run(*args, **kwargs):
        session = db.session()
        kept, session.expire_on_commit = session.expire_on_commit, False
        try:
            with writing():
                return handler(*args, **kwargs)
        finally:
            session.expire_on_commit = kept

    return run


def _code(error: DomainError) -> str:
    if isinstance(error, StatementFailed):
        return "error"
    if isinstance(error, NotAllowed):
        return "forbidden"
    return "not_found" if isinstance(error, chat.ConversationNotFound) else "invalid"


def answered(handler):
    """Every event handler: a refused request (a domain error, a payload of the wrong shape)
    is acknowledged with the one error shape; a database error rolls the session back first."""
    @functools.wraps(handler)
    def run(self, data=None):
        try:
            with reading(db.session):
                return handler(self, data)
        except DomainError as exc:
            return refusal(exc, _code(exc))

    return run


class ChatNamespace(Namespace):
    """Class-based namespace: on_<event> handlers."""

    def __init__(self, namespace: str) -> None:
        super().__init__(namespace)
        # Who is on each open socket of this process, found once at connect (the cookie and
        # token of a socket never change) and revalidated at every event (auth.revalidated).
        self._identities: dict[str, SocketIdentity] = {}

    # -- connection ----------------------------------------------------------------------
    def on_connect(self, auth=None):
        if not check_origin():
            raise ConnectionRefusedError("origin not allowed")
        identity = connecting_identity(auth)
        if identity is None:
            raise ConnectionRefusedError("authentication required")
        self._identities[request.sid] = identity
        _no_delay(request.environ)
        presence.connected(identity.user_id, request.sid)
        join_room(user_room(identity.user_id))
        for room in dashboard_rooms(db.session.get(ExamUser, identity.user_id)):
            join_room(room)  # live dashboard numbers

    def on_disconnect(self, reason=None):
        identity = self._identities.pop(request.sid, None)
        if identity is not None:
            presence.disconnected(identity.user_id, request.sid)

    def _identity(self) -> SocketIdentity | None:
        return revalidated(self._identities.get(request.sid))

    def _context(self, data):
        """(identity, conversation) for a participant, else a refusal dict."""
        identity = self._identity()
        if identity is None:
            return refusal(_("Please log in again."), "unauthorized")
        if not isinstance(data, dict):
            return refusal(_("Unknown conversation."), "not_found")
        try:
            conversation = chat.get_conversation(db.session, identity.viewer,
                                                 data.get("conversation_id"))
        except DomainError as exc:
            return refusal(exc, _code(exc))
        return identity, conversation

    @staticmethod
    def _user(identity: SocketIdentity) -> ExamUser:
        """The author row (its centres and roles are in the identity: not loaded again)."""
        g.user = db.session.get(ExamUser, identity.user_id, options=[lazyload("*")])
        return g.user

    # -- events --------------------------------------------------------------------------
    @answered
    def on_join(self, data):
        ctx = self._context(data)
        if isinstance(ctx, dict):
            return ctx
        identity, conversation = ctx
        try:
            join_room(conversation_room(conversation.id))
            if may_see_notes(identity.viewer):  # staff notes are emitted to staff only
                join_room(staff_room(conversation.id))
        except ValueError:  # the socket closed while its event was on the way: no room to join
            return refusal(_("The connection was closed."), "disconnected")
        return {"ok": True, "conversation_id": conversation.id,
                "receipts": chat.receipts(db.session, conversation)}

    @answered
    def on_leave(self, data):
        ctx = self._context(data)
        if isinstance(ctx, dict):
            return ctx
        try:
            leave_room(conversation_room(ctx[1].id))
            leave_room(staff_room(ctx[1].id))
        except ValueError:  # already disconnected: it left every room
            pass
        return {"ok": True}

    @answered
    @writer
    def on_send_message(self, data):
        ctx = self._context(data)
        if isinstance(ctx, dict):
            return ctx
        identity, conversation = ctx
        try:
            message, created = chat.send_message(
                db.session, identity.viewer, self._user(identity), conversation.id,
                data.get("body"), data.get("client_id"), clock_now(),
                internal=data.get("internal"), conversation=conversation)
        except DomainError as exc:
            return refusal(exc, _code(exc))
        except OperationalError:  # the database stayed busy: nothing stored, resend it
            return refusal(_("The server is busy: the message was not stored, try again."),
                           "retry")
        payload = chat.serialize_message(message)
        if created:
            deliver(message, payload)  # to the room now; follow-ups after the ack
        return payload

    @answered
    def on_typing(self, data):
        ctx = self._context(data)
        if isinstance(ctx, dict):
            return ctx
        identity, conversation = ctx
        emit("typing", {"conversation_id": conversation.id,
                        "user": {"id": identity.user_id, "name": identity.name}},
             to=conversation_room(conversation.id), include_self=False)
        return {"ok": True}

    @answered
    @writer
    def on_read(self, data):
        ctx = self._context(data)
        if isinstance(ctx, dict):
            return ctx
        identity, conversation = ctx
        receipt = chat.read_up_to(db.session, identity.viewer, self._user(identity),
                                  conversation.id,
                                  data.get("last_read_id"), clock_now())
        payload = chat.serialize_receipt(receipt)
        broadcast_read(payload)
        return payload

    @answered
    def on_sync(self, data):
        ctx = self._context(data)
        if isinstance(ctx, dict):
            return ctx
        identity, conversation = ctx
        return [chat.serialize_message(m) for m in chat.messages_after(
            db.session, identity.viewer, conversation.id, data.get("after_id"))]

    @answered
    def on_unread(self, data=None):
        identity = self._identity()
        if identity is None:
            return refusal(_("Please log in again."), "unauthorized")
        counts = chat.unread_counts(db.session, identity.viewer)
        return {"total": sum(counts.values()),
                "conversations": {str(k): v for k, v in counts.items()}}

