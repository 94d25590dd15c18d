"""Test fixtures: one migrated, demo-filled database and app per session; one rolled-back
transaction per test; `login_as(username)` clients. SQLite by default, PostgreSQL when
TEST_DATABASE_URL is set."""
from __future__ import annotations

import contextvars
import os
import re
import tempfile
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

os.environ.setdefault("EXAMDESK_INSTANCE", tempfile.mkdtemp(prefix="examdesk-test-instance-"))

DEMO_PASSWORD = "Demo-Passw0rd!"


def _new_database_url() -> tuple[str, callable]:
    """A fresh, empty database and the function that drops it."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        path = Path(tempfile.mkdtemp(prefix="examdesk-db-")) / "test.db"
        return f"sqlite:///{path}", lambda: path.unlink(missing_ok=True)
    url = make_url(base.replace("postgresql://", "postgresql+psycopg://", 1))
    name = f"examdesk_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop():
        with admin.connect() as conn:
            conn.execute(text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"
            ), {"n": name})
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()

    return url.set(database=name).render_as_string(hide_password=False), drop


class IsolatedRequests:
    """Runs each test-client request in an empty contextvars Context, so that it pushes its own
    app context (fresh `g`, own DB session) as in production, even while the test holds one.
    The body is read inside that context, so streamed responses run there too."""

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        def run():
            result = self.wsgi_app(environ, start_response)
            try:
                return [b"".join(result)]
            finally:
                if hasattr(result, "close"):
                    result.close()

        return contextvars.Context().run(run)


def build_app(database_url: str, **overrides):
    from app import create_app

    app = create_app("tests.settings.SuiteConfig", SQLALCHEMY_DATABASE_URI=database_url,
                     **overrides)
    app.wsgi_app = IsolatedRequests(app.wsgi_app)
    return app


def migrate_and_load(app) -> None:
    from flask_migrate import upgrade

    from app.cli import sync_security
    from app.demo.loader import load_demo
    from app.extensions import db

    with app.app_context():
        upgrade()
        sync_security()
        load_demo(db.session, app.appbuilder.sm.find_role)
        db.session.remove()


def pytest_collection_modifyitems(items):
    """Tests that use the database say so: `pytest -m "not database" tests/unit` runs the pure
    rules alone, without building the application."""
    for item in items:
        if {"db_session", "examdesk_app"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.database)


@pytest.fixture(scope="session")
def database_url():
    url, drop = _new_database_url()
    yield url
    drop()


@pytest.fixture(scope="session")
def examdesk_app(database_url):
    """The application, migrated from an empty database and filled with the demo data."""
    app = build_app(database_url)
    migrate_and_load(app)
    # Permissions and roles are synced: the views were registered before the tables existed.
    return app


@pytest.fixture()
def db_session(examdesk_app):
    """Every test runs inside one transaction, rolled back at the end.

    The test holds an app context and `db.session`; each request runs in its own app context
    (see IsolatedRequests) with its own session on the same connection, committing into
    savepoints of the test's transaction.
    """
    from app.extensions import db

    with examdesk_app.app_context():
        engines = db.engines
        original = dict(engines)
        connection = engines[None].connect()
        outer = connection.begin()
        engines[None] = connection  # every session binds to this connection (get_bind)
        db.session.remove()
        db.session.configure(join_transaction_mode="create_savepoint")
        try:
            yield db.session
        finally:
            db.session.remove()
            engines.clear()
            engines.update(original)
            outer.rollback()
            connection.close()
            examdesk_app.extensions["appbuilder"].sm.limiter.reset()


@pytest.fixture()
def app(examdesk_app, db_session):
    return examdesk_app


@pytest.fixture()
def client(app):
    return app.test_client()


def csrf_token(client, url: str = "/login/") -> str:
    page = client.get(url)
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', page.text)
    assert match, f"no CSRF token on {url}"
    return match.group(1)


def do_login(client, username: str, password: str = DEMO_PASSWORD, **environ):
    token = csrf_token(client)
    return client.post("/login/", data={"username": username, "password": password,
                                        "csrf_token": token}, **environ)


@pytest.fixture()
def login_as(app):
    """login_as("paris.manager") -> a test client logged in as that demo user."""

    def _login(username: str):
        c = app.test_client()
        response = do_login(c, username)
        assert response.status_code == 302, f"login of {username} failed"
        assert "/login" not in response.headers.get("Location", ""), f"login of {username} refused"
        c.csrf = csrf_token(c, "/")
        return c

    return _login


@pytest.fixture()
def api_token(app):
    def _token(username: str) -> str:
        c = app.test_client()
        r = c.post("/api/v1/security/login", json={"username": username,
                                                   "password": DEMO_PASSWORD,
                                                   "provider": "db"})
        assert r.status_code == 200, r.text
        return r.json["access_token"]

    return _token
