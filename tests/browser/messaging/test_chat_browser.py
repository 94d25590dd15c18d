"""Two browsers (a Paris centre manager and Support) exchange messages live; a script payload
is shown as text and never runs; Lyon's manager cannot open the conversation."""
from __future__ import annotations

from sqlalchemy import select

from tests.browser.conftest import screenshot

THREAD = "Session TEF Canada du 14 mars : salle supplémentaire"
PAYLOAD = ('<img src=x onerror="window.__xss=1"><script>window.__xss=1</script> '
           'voir https://example.org/guide')


def _conversation_id(live_server) -> int:
    from app.extensions import db
    from app.models.messaging import Conversation

    with live_server.app.app_context():
        return db.session.scalar(select(Conversation.id).where(Conversation.title == THREAD))


def _open(page, conv):
    page.goto(f"/chat/conversation/{conv}")
    page.wait_for_selector("#chat-connection[data-state=online]")


def test_manager_and_support_chat_live_and_a_script_payload_never_runs(page_as, live_server):
    conv = _conversation_id(live_server)
    manager, support = page_as("paris.manager"), page_as("support")
    _open(manager, conv)
    _open(support, conv)
    manager.fill("#chat-input", PAYLOAD)
    manager.click("#chat-send")
    support.wait_for_selector("#chat-thread li:has-text('voir https://example.org/guide')")
    last = support.locator("#chat-thread li.chat-message").last
    assert "<script>window.__xss=1</script>" in last.locator(".chat-body").inner_text()
    link = last.locator(".chat-body a")
    assert link.get_attribute("href") == "https://example.org/guide"
    assert link.get_attribute("rel") == "noopener noreferrer nofollow"
    assert last.locator("img, script").count() == 0
    support.fill("#chat-input", "Bien reçu, je regarde.")
    support.click("#chat-send")
    manager.wait_for_selector("#chat-thread li:has-text('Bien reçu, je regarde.')")
    manager.wait_for_selector(".chat-mine .chat-receipt:has-text('✓')")  # "Lu ✓ <time>"
    for page in (manager, support):
        assert page.evaluate("window.__xss") is None
    manager.reload()  # the stored payload rendered by the server is escaped too
    manager.wait_for_selector("#chat-thread li:has-text('voir https://example.org/guide')")
    assert manager.evaluate("window.__xss") is None
    screenshot(manager, "chat-manager")
    screenshot(support, "chat-support")


def test_lyon_manager_cannot_open_a_paris_conversation(page_as, live_server):
    conv = _conversation_id(live_server)
    page = page_as("lyon.manager")
    response = page.goto(f"/chat/conversation/{conv}")
    assert response.status == 404
    page.goto("/chat/")
    assert THREAD not in page.content()
