"""A person chooses accessibility settings by keyboard; they apply to every page and are found
again after logging in anew."""
from tests.browser.conftest import login, screenshot


def test_settings_chosen_by_keyboard_apply_and_persist_across_logins(new_page):
    page = new_page()
    login(page, "lyon.staff")
    page.goto("/")
    page.focus("#accessibility-link")
    page.keyboard.press("Enter")
    page.wait_for_url("**/accessibility/")
    for control in ("#a11y-contrast-high", "#a11y-font_size-large",
                    "#a11y-line_spacing-wide", "#a11y-text_align-justify"):
        page.focus(control)
        page.keyboard.press("Space")
    page.focus("#accessibility-save")
    page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    classes = page.locator("body").get_attribute("class").split()
    assert {"a11y-contrast-high", "a11y-font-size-large", "a11y-line-spacing-wide",
            "a11y-text-align-justify"} <= set(classes)
    assert page.evaluate("getComputedStyle(document.body).fontSize") == "18px"
    screenshot(page, "accessibility-chosen-fr")

    other = new_page()  # another browser: nothing kept on the client
    login(other, "lyon.staff")
    other.goto("/centreview/list/")
    assert "a11y-contrast-high" in other.locator("body").get_attribute("class")
    assert other.locator("#a11y-font_size-large").count() == 0
    other.goto("/accessibility/")
    assert other.locator("#a11y-font_size-large").is_checked()
    screenshot(other, "accessibility-after-login-fr")


def test_another_user_keeps_the_default_presentation(page_as):
    page = page_as("lyon.manager")
    assert page.locator("body").get_attribute("class").strip() == ""


def test_every_header_control_is_reached_by_tab_with_a_visible_focus(page_as):
    page = page_as("paris.manager")
    seen = []
    for _ in range(25):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => { const e = document.activeElement;
            const s = getComputedStyle(e);
            return {tag: e.tagName, id: e.id, outline: s.outlineStyle,
                    width: parseFloat(s.outlineWidth), shadow: s.boxShadow}; }""")
        if info["tag"] == "BODY":  # the document itself before the first control
            continue
        seen.append(info)
        assert info["outline"] != "none" and info["width"] >= 2 or info["shadow"] != "none", info
    assert seen[0]["tag"] == "A"  # the skip link comes first
    ids = {i["id"] for i in seen}
    assert {"language-menu", "accessibility-link", "help-link", "user-menu"} <= ids
