"""Fixtures of the messaging tests: demo conversations by title, logged-in Socket.IO clients."""
from __future__ import annotations

import pytest
from flask import g, request_started
from sqlalchemy import select

from app.extensions import socketio
from app.models.centres import ExamUser
from app.models.messaging import Conversation
from tests.integration.messaging.chat_helpers import PARIS_THREAD


def _forget_user(sender, **extra):
    for key in list(g):
        g.pop(key, None)


@pytest.fixture(autouse=True)
def fresh_user_per_request(app):
    """The db_session fixture keeps one app context for the whole test, so Flask reuses its `g`
    for every request: flask_login's user, Flask-WTF's CSRF token and the locale would leak
    from one client to the next. Start each request with an empty `g`, as a real one does."""
    request_started.connect(_forget_user, app)
    yield
    request_started.disconnect(_forget_user, app)


@pytest.fixture()
def conversation_id(db_session):
    def _find(title: str = PARIS_THREAD) -> int:
        return db_session.scalar(select(Conversation.id).where(Conversation.title == title))

    return _find


@pytest.fixture()
def user_id(db_session):
    def _find(username: str) -> int:
        return db_session.scalar(select(ExamUser.id).where(ExamUser.username == username))

    return _find


@pytest.fixture()
def chat_socket(app, login_as, fresh_user_per_request):
    """chat_socket("paris.manager") -> a connected /chat Socket.IO test client (session cookie)."""
    opened = []

    def _open(username: str, **kwargs):
        http = login_as(username)
        sock = socketio.test_client(app, namespace="/chat", flask_test_client=http, **kwargs)
        sock.http = http
        opened.append(sock)
        return sock

    yield _open
    for sock in opened:
        if sock.is_connected("/chat"):
            sock.disconnect("/chat")
