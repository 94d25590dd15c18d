"""A person logs in, sees the French interface, switches to English and back."""
from tests.browser.conftest import screenshot


def test_login_shows_the_french_dashboard_then_english_on_the_switch(page_as):
    page = page_as("paris.manager")
    assert page.locator("html").count() == 1
    assert "Centre d'examen de Paris" in page.content()
    assert "Lyon" not in page.locator("#dashboard-centres").inner_text()
    screenshot(page, "dashboard-fr")
    page.click("#language-menu")
    page.click("#lang-en")
    page.wait_for_load_state("networkidle")
    assert page.locator("#help-link").inner_text().strip() == "Help"
    screenshot(page, "dashboard-en")
    page.click("#language-menu")
    page.click("#lang-fr")
    page.wait_for_load_state("networkidle")
    assert page.locator("#help-link").inner_text().strip() == "Aide"
