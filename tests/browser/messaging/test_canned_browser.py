"""A canned reply inserted from the keyboard and sent: Support types "/bien" in the message box,
the list opens, Enter inserts the French reply with the centre filled in, and the Paris
manager receives it live."""
from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.browser.messaging.test_chat_browser import _conversation_id, _open


def test_support_inserts_a_canned_reply_by_keyboard_and_sends_it(page_as, live_server):
    conv = _conversation_id(live_server)
    manager, support = page_as("paris.manager"), page_as("support")
    _open(manager, conv)
    _open(support, conv)
    assert manager.locator("#chat-canned").count() == 0  # centres have no canned replies
    box = support.locator("#chat-input")
    box.click()
    box.type("/bien")
    options = support.locator("#chat-canned [role=option]")
    expect(options.first).to_contain_text("/bienvenue")
    screenshot(support, "chat-canned-list")
    box.press("Enter")
    expect(support.locator("#chat-canned")).to_be_hidden()
    text = box.input_value()
    assert text.startswith("Bonjour Centre d'examen de Paris, merci pour votre message."), text
    support.click("#chat-send")
    manager.locator("#chat-thread li", has_text="Bonjour Centre d'examen de Paris, merci").wait_for()
    # Escape closes the list and leaves what was typed; typed right after the box lost its
    # focus (a click on Send), the list is not closed behind the user
    box.evaluate("el => { el.blur(); el.focus(); }")
    box.type("/exam")
    support.wait_for_timeout(400)  # past the 150 ms after a blur that closes the list
    expect(support.locator("#chat-canned")).to_contain_text("/exam-accommodation")
    box.press("Escape")
    expect(support.locator("#chat-canned")).to_be_hidden()
    assert box.input_value() == "/exam"
