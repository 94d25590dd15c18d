"""Simultaneous "new conversation" posts on the embedded SQLite set-up all succeed (before
writers began IMMEDIATE, 24 of 30 answered 500 with "database is locked")."""
from __future__ import annotations

import sqlite3
from functools import partial

import pytest
from sqlalchemy import create_engine, func, select

from app.extensions import db
from app.models import sqlite_pragmas
from app.models.messaging import Conversation
from tests.conftest import csrf_token, do_login
from tests.threads import simultaneously

WRITERS, ROUNDS = 10, 3


@pytest.fixture()
def private_database(examdesk_app, tmp_path):
    """The application on a copy of the migrated demo database file, with real commits."""
    with examdesk_app.app_context():
        engines = db.engines
        if engines[None].dialect.name != "sqlite":
            pytest.skip("the locking set-up under test is SQLite's (PostgreSQL locks rows)")
        copy = tmp_path / "copy.db"
        raw = engines[None].raw_connection()
        target = sqlite3.connect(copy)
        try:
            raw.driver_connection.backup(target)
        finally:
            target.close()
            raw.close()
        engine = create_engine(f"sqlite:///{copy}")
        sqlite_pragmas.install(engine)
        original = dict(engines)
        engines[None] = engine
        db.session.remove()
        try:
            yield examdesk_app, engine
        finally:
            db.session.remove()
            engines.clear()
            engines.update(original)
            engine.dispose()


def _logged_in(app, username):
    client = app.test_client()
    assert do_login(client, username).status_code == 302
    client.csrf = csrf_token(client, "/chat/new")
    return client


def test_ten_simultaneous_new_conversations_three_rounds_all_stored(private_database):
    app, engine = private_database
    clients = [_logged_in(app, "paris.staff") for _ in range(WRITERS)]
    answers, errors = [], []

    def post(round_number: int, number: int) -> None:
        client = clients[number]
        answers.append(client.post("/chat/new", data={
            "csrf_token": client.csrf, "kind": "general",
            "title": f"Salle d'examen {round_number}-{number}",
            "body": "Bonjour, pouvez-vous confirmer la salle ?"}).status_code)

    for round_number in range(ROUNDS):
        errors += simultaneously(WRITERS, partial(post, round_number))
    assert errors == []
    assert answers == [302] * WRITERS * ROUNDS
    with engine.connect() as conn:
        stored = conn.scalar(select(func.count(Conversation.id)).where(
            Conversation.title.like("Salle d'examen %")))
    assert stored == WRITERS * ROUNDS
