"""Browser tests: the real app served on a free loopback port, driven by Playwright in Debian's
Chromium (/usr/bin/chromium; browsers cannot be downloaded here)."""
from __future__ import annotations

import os
import socket
import tempfile
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.conftest import DEMO_PASSWORD, _new_database_url, build_app, migrate_and_load

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage"]
ARTIFACTS = Path(os.environ.get("BROWSER_ARTIFACTS", tempfile.gettempdir())) / "examdesk-browser"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_server():
    """The application on its own migrated, demo-filled database (a SQLite file, or a fresh
    PostgreSQL database when TEST_DATABASE_URL is set), served in a thread."""
    url, drop = _new_database_url()
    app = build_app(url)
    migrate_and_load(app)
    port = _free_port()
    app.config["EXTERNAL_URL"] = f"http://127.0.0.1:{port}"
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.app_ = app
    yield type("Live", (), {"url": f"http://127.0.0.1:{port}", "app": app})
    server.shutdown()
    drop()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: run `make browser-deps`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def new_page(browser, live_server):
    contexts = []

    def _new_page(locale: str = "fr-FR"):
        context = browser.new_context(base_url=live_server.url, locale=locale)
        contexts.append(context)
        return context.new_page()

    yield _new_page
    for context in contexts:
        context.close()


def login(page, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/login/")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("#login-submit")
    page.wait_for_load_state("networkidle")


def forget_language(live_server, username: str) -> None:
    """The demo users share one live database: a language chosen in one test (it is stored on the
    user) must not open the next test's log-in in that language."""
    from app.extensions import db
    from app.models.centres import ExamUser

    with live_server.app.app_context():
        db.session.query(ExamUser).filter_by(username=username).update({"language": None})
        db.session.commit()
        db.session.remove()


@pytest.fixture()
def page_as(new_page, live_server):
    """page_as("paris.manager") -> a Playwright page logged in as that demo user, in the language
    of the browser's locale (any language the user chose in an earlier test is forgotten)."""

    def _page_as(username: str, locale: str = "fr-FR"):
        forget_language(live_server, username)
        page = new_page(locale)
        login(page, username)
        assert "/login" not in page.url, f"login of {username} failed"
        return page

    return _page_as


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
