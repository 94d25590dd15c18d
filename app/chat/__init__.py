"""Live messaging transport: the Socket.IO namespace `/chat` (rules live in app/services/messaging/chat.py)."""
from __future__ import annotations

from app.chat import live
from app.chat.events import ChatNamespace
from app.chat.presence import presence
from app.chat.rooms import NAMESPACE
from app.extensions import socketio as socketio_singleton
from app.security.session_guard import sessions_ended


def disconnect_user(_app, user_id: int, **_kw) -> None:
    """Log-out and password change end the user's open chat sockets, in every process (with
    Redis, python-socketio forwards a disconnection to the process holding the socket)."""
    for sid in presence.sockets_of(user_id):
        socketio_singleton.server.disconnect(sid, namespace=NAMESPACE)


def register_chat(socketio) -> None:
    """Attach the `/chat` namespace and the live dashboard refresh to the application's SocketIO,
    and the disconnection of a user's sockets when their sessions end."""
    live.install(socketio)
    sessions_ended.connect(disconnect_user)
    if any(isinstance(h, ChatNamespace) for h in socketio.namespace_handlers):
        return  # the singleton already carries it (a second app in the same process)
    socketio.on_namespace(ChatNamespace(NAMESPACE))
