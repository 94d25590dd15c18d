"""The inactivity warning appears before the automatic log-out; "Rester connecté" keeps the
session on the server (a live server with a 20-second session, warned 14 seconds before)."""
import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DEMO_PASSWORD, screenshot
from tests.browser.conftest_i18n import idle_live_server  # noqa: F401  (fixture)

LIFETIME = 20


@pytest.fixture()
def idle_page(browser, idle_live_server):  # noqa: F811
    context = browser.new_context(base_url=idle_live_server.url, locale="fr-FR")
    page = context.new_page()
    page.goto("/login/")
    page.fill("#username", "paris.staff")
    page.fill("#password", DEMO_PASSWORD)
    page.click("#login-submit")
    page.wait_for_load_state("networkidle")
    yield page
    context.close()


def test_stay_connected_keeps_the_session_past_its_first_deadline(idle_page):
    page = idle_page
    logged_in_at = time.monotonic()
    dialog = page.locator("#idle-warning")
    dialog.wait_for(state="visible", timeout=15000)
    assert "Rester connecté" in page.locator("#stay-connected").inner_text()
    assert "inactivité" in dialog.inner_text()
    screenshot(page, "idle-warning-fr")
    with page.expect_response("**/account/keepalive") as answer:
        page.click("#stay-connected")
    assert answer.value.status == 200
    dialog.wait_for(state="hidden")
    # Wait beyond the first deadline (20 s after the log-in), then open a page: still logged in.
    page.wait_for_timeout(max(0, (logged_in_at + LIFETIME + 2 - time.monotonic()) * 1000))
    page.goto("/centreview/list/")
    assert "/login" not in page.url
    assert page.locator("#user-menu").count() == 1


def test_without_an_answer_the_user_is_logged_out(idle_page):
    page = idle_page
    page.locator("#idle-warning").wait_for(state="visible", timeout=15000)
    page.wait_for_url("**/login/**", timeout=30000)
    # The log-in page says why, in French, and leads back to the page left once signed in.
    expect(page.locator("#idle-expired")).to_contain_text(
        "Vous avez été déconnecté pour inactivité")
    screenshot(page, "idle-logged-out-fr")
    page.goto("/centreview/list/")
    assert "/login" in page.url
