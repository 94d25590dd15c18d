"""Live messaging transport: the Socket.IO namespace `/chat` (rules live in app/services/messaging/chat.py)."""
from __future__ import annotations

from app.chat import live
from app.chat.events import ChatNamespace
from app.chat.rooms import NAMESPACE


def register_chat(socketio) -> None:
    """Attach the `/chat` namespace and the live dashboard refresh to the application's SocketIO."""
    live.install(socketio)
    if any(isinstance(h, ChatNamespace) for h in socketio.namespace_handlers):
        return  # the singleton already carries it (a second app in the same process)
    socketio.on_namespace(ChatNamespace(NAMESPACE))
