"""axe-core in Chromium finds no serious or critical violation on the main kinds of page."""
import pytest

from tests.browser.conftest import screenshot
from tests.browser.conftest_i18n import axe_violations

PAGES = [
    ("support", "/", "dashboard"),
    ("support", "/centreview/list/", "list"),
    ("support", "/centreview/show/1", "record"),
    ("support", "/centreview/edit/1", "form"),
    ("paris.manager", "/centre-settings/", "centre-settings"),
    ("paris.manager", "/accessibility/", "accessibility"),
    ("paris.manager", "/help/", "sitemap"),
    ("paris.manager", "/help/page/AgreementView", "help"),
    ("paris.manager", "/agreementview/add", "agreement-request-form"),
    ("admin", "/auditlogview/list/", "audit-log"),
    ("admin", "/users/list/", "users"),
]


def test_the_login_page_has_no_serious_violation(new_page):
    page = new_page()
    page.goto("/login/")
    assert axe_violations(page) == []


@pytest.mark.parametrize(("username", "path", "name"), PAGES, ids=[p[2] for p in PAGES])
def test_the_page_has_no_serious_violation(page_as, username, path, name):
    page = page_as(username)
    page.goto(path)
    assert page.locator("#main-content").count() == 1
    assert axe_violations(page) == []


def test_axe_reports_a_deliberately_unlabelled_input(new_page):
    page = new_page()
    page.goto("/login/")
    page.evaluate("document.querySelector('label[for=username]').remove()")
    assert "label" in {v["id"] for v in axe_violations(page)}


def test_the_high_contrast_page_has_no_serious_violation(page_as):
    page = page_as("paris.staff")
    page.goto("/accessibility/")
    page.check("#a11y-contrast-high")
    page.click("#accessibility-save")
    page.goto("/centreview/list/")
    screenshot(page, "list-high-contrast-fr")
    assert axe_violations(page) == []
