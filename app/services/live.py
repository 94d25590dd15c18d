"""Live refresh, asked for explicitly: a service that changes a centre's rows calls
`refresh_dashboards(...)`; once its transaction commits, every registered listener is told
which centres changed (app/chat registers the one that tells the connected users over
Socket.IO). Nothing is sent for a transaction that rolls back, and nothing is sent unless a
service asked: services stay free of Socket.IO."""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import event
from sqlalchemy.orm import Session, object_session

Listener = Callable[[set[int]], None]
_KEY = "examdesk_refresh_centres"
_listeners: list[Listener] = []
# Messages a service stored on its own (a request's decision posted into its conversation):
# (wire payload, recipient ids), emitted by the transport once the transaction commits.
MessageListener = Callable[[dict, set[int]], None]
_MESSAGES = "examdesk_posted_messages"
_message_listeners: list[MessageListener] = []


def register(listener: Listener) -> None:
    """Add a listener (idempotent); called once at start-up by the transport."""
    if listener not in _listeners:
        _listeners.append(listener)
    register_session_events()


def register_session_events() -> None:
    if not event.contains(Session, "after_commit", _committed):
        event.listen(Session, "after_commit", _committed)
        event.listen(Session, "after_rollback", _forget)


def register_messages(listener: MessageListener) -> None:
    """Add a listener of messages stored by services (idempotent); the transport's."""
    if listener not in _message_listeners:
        _message_listeners.append(listener)
    register_session_events()


def announce_message(session: Session, payload: dict, recipient_ids: set[int]) -> None:
    """After the current transaction commits, the stored message `payload` is emitted live."""
    session.info.setdefault(_MESSAGES, []).append((payload, set(recipient_ids)))


def refresh_dashboards(*rows, session: Session | None = None) -> None:
    """After the current transaction commits, the dashboards of the centres owning `rows`
    (model instances, or centre ids) refresh. `session` defaults to the rows' own."""
    session = session or next(filter(None, (object_session(r) for r in rows
                                            if not isinstance(r, int))), None)
    if session is None:
        return
    pending = session.info.setdefault(_KEY, set())
    pending |= {centre_id for centre_id in map(centre_of, rows) if centre_id is not None}


def centre_of(row) -> int | None:
    """The centre id of a row (its model's `__tenant__` column), or the id itself."""
    if isinstance(row, int):
        return row
    column = getattr(type(row), "__tenant__", None)
    return getattr(row, column, None) if isinstance(column, str) else None


def _committed(session: Session) -> None:
    centres = session.info.pop(_KEY, None)
    if centres:
        for listener in _listeners:
            listener(centres)
    for payload, recipients in session.info.pop(_MESSAGES, None) or ():
        for message_listener in _message_listeners:
            message_listener(payload, recipients)


def _forget(session: Session) -> None:
    session.info.pop(_KEY, None)
    session.info.pop(_MESSAGES, None)
