"""A hidden tab is notified: Support's inbox shows the unread count in the tab title, offers to
turn notifications on, and — notifications allowed, tab in the background — a message from the
Paris manager raises a browser notification in French."""
from __future__ import annotations

import re
import time

from playwright.sync_api import expect

from tests.browser.messaging.test_chat_browser import _conversation_id, _open

RECORD = """() => {
  const Real = window.Notification;
  window.__notes = [];
  function Recording(title, options) {
    window.__notes.push([title, options && options.body]);
    return new Real(title, options);
  }
  Object.defineProperty(Recording, 'permission', {get: () => Real.permission});
  window.Notification = Recording;
  Object.defineProperty(document, 'visibilityState', {get: () => 'hidden', configurable: true});
  document.dispatchEvent(new Event('visibilitychange'));
}"""


def test_support_is_notified_of_a_message_while_the_tab_is_hidden(page_as, live_server):
    conv = _conversation_id(live_server)
    support = page_as("support")
    support.goto("/chat/")
    expect(support.locator("#chat-notify-enable")).to_be_visible()  # permission not asked yet
    support.context.grant_permissions(["notifications"], origin=live_server.url)
    support.reload()
    expect(support.locator("#chat-notify-enable")).to_be_hidden()
    expect(support).to_have_title(re.compile(r"^\(\d+\) "))  # the unread count in the title
    count = int(re.match(r"^\((\d+)\)", support.title()).group(1))
    support.evaluate(RECORD)
    manager = page_as("paris.manager")
    _open(manager, conv)
    manager.fill("#chat-input", f"Onglet caché ? {time.time():.0f}")
    manager.click("#chat-send")
    expect(support).to_have_title(re.compile(rf"^\({count + 1}\) "))
    notes = support.evaluate("() => window.__notes")
    assert notes == [["Nouveau message dans ExamDesk", f"Messages non lus : {count + 1}"]]
