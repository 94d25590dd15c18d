"""Search across conversations and the inbox ordered by deadline, in French, in Chromium:
Support types a word without its accent in the inbox's search box, opens the hit and lands on
the message, outlined; the Paris manager's script stays text. Lyon's manager finds nothing of
Paris, and a too-short or empty search says why and keeps what was typed. A conversation
about a session whose registrations close tomorrow comes first in Support's inbox, in red."""
from __future__ import annotations

from datetime import date, timedelta

from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.browser.messaging.test_chat_browser import _conversation_id, _open

TITLE = "Candidate malvoyante : sujet en gros caractères"
WORDS = "Le dossier de l'Hôpital Necker est prêt <script>window.__xss=1</script>"


def test_support_finds_a_message_by_a_word_without_accent_and_opens_it(page_as, live_server):
    conv = _conversation_id(live_server)
    manager = page_as("paris.manager")
    _open(manager, conv)
    manager.fill("#chat-input", WORDS)
    manager.click("#chat-send")
    expect(manager.locator("#chat-thread li", has_text="Hôpital Necker")).to_be_visible()

    support = page_as("support")
    support.goto("/chat/")
    support.get_by_label("Rechercher dans les messages").fill("hopital necker")
    support.get_by_role("button", name="Rechercher").click()
    expect(support.locator("#chat-search-summary")).to_have_text(
        "Messages trouvés pour « hopital necker »")
    hit = support.locator(".chat-search-hit", has_text="Necker").first
    expect(hit.locator("mark")).to_have_text(["Hôpital", "Necker"])
    expect(hit.locator(".chat-search-excerpt")).to_contain_text(
        "<script>window.__xss=1</script>")
    screenshot(support, "chat-search-results")
    message_id = hit.get_attribute("data-message-id")
    hit.locator("a.chat-search-link").click()
    expect(support).to_have_url(f"{live_server.url}/chat/conversation/{conv}"
                                f"?message={message_id}#message-{message_id}")
    opened = support.locator(f"#message-{message_id}")
    expect(opened).to_have_class("chat-message chat-hit")
    expect(opened).to_contain_text("Le dossier de l'Hôpital Necker est prêt")
    expect(opened).to_be_in_viewport()
    assert support.evaluate("window.__xss") is None
    screenshot(support, "chat-search-opened")


def test_a_centre_finds_nothing_of_another_centre_and_is_told_what_is_wrong(page_as):
    lyon = page_as("lyon.manager")
    lyon.goto("/chat/")
    box = lyon.get_by_label("Rechercher dans les messages")
    box.fill("surveillant")  # a word of a Paris conversation
    box.press("Enter")
    expect(lyon.locator("#chat-search-summary")).to_have_text(
        "Aucun message trouvé pour « surveillant ».")
    expect(lyon.locator(".chat-search-hit")).to_have_count(0)
    box = lyon.get_by_label("Rechercher dans les messages")
    box.fill("hô")
    box.press("Enter")
    expect(lyon.locator("#chat-search-error")).to_have_text(
        "Saisissez au moins 3 lettres ou chiffres.")
    expect(lyon.get_by_label("Rechercher dans les messages")).to_have_value("hô")
    lyon.get_by_label("Rechercher dans les messages").fill("  ")
    lyon.get_by_role("button", name="Rechercher").click()
    expect(lyon.locator("#chat-search-error")).to_have_text("Saisissez un mot à rechercher.")
    # Lyon's own conversation is found, accents ignored
    lyon.get_by_label("Rechercher dans les messages").fill("codes acces")
    lyon.get_by_role("button", name="Rechercher").click()
    expect(lyon.locator(".chat-search-hit").first).to_contain_text(
        "Codes d'accès Certification Le Robert")
    screenshot(lyon, "chat-search-refused")


def _session_in_four_days(live_server) -> tuple[int, str]:
    """A Paris session whose registrations close in 1 to 2 days (00:00 Paris, 2 days before)."""
    from sqlalchemy import select

    from app.extensions import db
    from app.models.centres import Centre
    from tests.factories import ExamSessionFactory

    with live_server.app.app_context():
        paris = db.session.scalar(select(Centre).where(Centre.code == "PAR-0750001"))
        exam = ExamSessionFactory(centre=paris, start_date=date.today() + timedelta(days=4))
        db.session.commit()
        found = exam.id, exam.number
        db.session.remove()
    return found


def test_the_inbox_shows_the_conversation_with_the_nearest_deadline_first_in_red(
        page_as, live_server):
    session_id, number = _session_in_four_days(live_server)
    manager = page_as("paris.manager")
    manager.goto(f"/chat/new?linked_type=session&linked_id={session_id}")
    manager.fill("#chat-title", TITLE)
    manager.fill("#chat-body", "Bonjour, une candidate a besoin d'un sujet agrandi.")
    manager.get_by_role("button", name="Envoyer").click()
    expect(manager.locator("#chat-thread")).to_contain_text("sujet agrandi")

    support = page_as("support")
    support.goto("/chat/")
    first = support.locator("#chat-inbox tbody tr").first
    try:
        expect(first).to_contain_text(TITLE)
        expect(first).to_have_attribute("data-band", "red")
        label = first.locator(".chat-deadline")
        expect(label).to_contain_text("Clôture des inscriptions dans")
        expect(label).to_have_css("background-color", "rgb(169, 68, 66)")
        expect(first).to_contain_text(number)
        expect(support.locator("#chat-deadline-legend")).to_contain_text(
            "Rouge : dans moins de 2 jours")
        screenshot(support, "chat-inbox-deadlines")
    finally:  # the next tests share the database: the conversation is closed again
        support.goto("/chat/")
        support.locator("#chat-inbox tbody tr", has_text=TITLE).locator("a").first.click()
        support.locator("#chat-close").click()
        expect(support.locator("#chat-reopen")).to_be_visible()
