"""Fixtures of the integration tests that need real commits on a database of their own."""
from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import create_engine

from app.extensions import db
from app.models import sqlite_pragmas


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
