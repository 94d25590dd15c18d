"""Two browsers in French (Support and the Paris centre manager): a staff note the centre never
sees (live or after a reload); a centre's message turned into an accommodation request — one
mistake first, the prefilled values kept — decided by Support, the decision appearing live in
the centre's conversation."""
from __future__ import annotations

from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.conftest import screenshot
from tests.browser.messaging.test_chat_browser import _conversation_id, _open

NOTE = "Note interne : le centre a déjà eu une salle en plus en janvier"
ASK = "Bonjour, Marcel a besoin d'un tiers-temps : certificat médical en pièce jointe."


def test_support_note_is_never_shown_to_the_centre(page_as, live_server):
    conv = _conversation_id(live_server)
    manager, support = page_as("paris.manager"), page_as("support")
    _open(manager, conv)
    _open(support, conv)
    expect(manager.locator("#chat-internal")).to_have_count(0)  # centres cannot write notes
    support.check("#chat-internal")
    support.fill("#chat-input", NOTE)
    support.click("#chat-send")
    note = support.locator("#chat-thread li.chat-note", has_text=NOTE)
    expect(note).to_contain_text("Visible uniquement par l'équipe")
    expect(note.locator(".fa-lock")).to_have_count(1)
    support.uncheck("#chat-internal")
    support.fill("#chat-input", "Bonjour, je regarde votre demande.")
    support.click("#chat-send")
    # The centre gets the answer sent after the note, live — and never the note.
    expect(manager.locator("#chat-thread li", has_text="je regarde votre demande")).to_be_visible()
    expect(manager.locator("#chat-thread")).not_to_contain_text(NOTE)
    manager.reload()
    manager.wait_for_selector("#chat-connection[data-state=online]")
    expect(manager.locator("#chat-thread li", has_text="je regarde votre demande")).to_be_visible()
    expect(manager.locator("#chat-thread")).not_to_contain_text(NOTE)
    assert NOTE not in manager.content()
    support.reload()
    expect(support.locator("#chat-thread li.chat-note", has_text=NOTE)).to_be_visible()
    screenshot(support, "chat-staff-note")


def _conversation_about_a_registration(live_server) -> tuple[int, str]:
    """A Paris manager's conversation about a registration of the open session 7000101 that
    has no accommodation being processed: (conversation id, registration number)."""
    from app.extensions import db
    from app.models.base import utcnow
    from app.models.candidates import Registration, RegistrationStatus
    from app.models.centres import ExamUser
    from app.models.requests import ExamRequest, RequestKind
    from app.models.sessions import ExamSession
    from app.security.context import viewer_for
    from app.services.messaging import chat
    from app.services.requests.states import OPEN

    with live_server.app.app_context():
        busy = select(ExamRequest.registration_id).where(
            ExamRequest.kind == RequestKind.ACCOMMODATION, ExamRequest.status.in_(OPEN),
            ExamRequest.registration_id.is_not(None))
        registration = db.session.scalar(select(Registration).join(Registration.session).where(
            ExamSession.number == "7000101", Registration.id.not_in(busy),
            Registration.status != RegistrationStatus.WITHDRAWN).order_by(Registration.id))
        manager = db.session.scalar(select(ExamUser).where(ExamUser.username == "paris.manager"))
        conversation = chat.start_conversation(
            db.session, viewer_for(manager, None), manager, title="Tiers-temps pour Marcel",
            body=ASK, now=utcnow(), linked_type="registration", linked_id=registration.id)
        db.session.commit()
        result = conversation.id, registration.number
        db.session.remove()
        return result


def test_centre_turns_a_message_into_a_request_and_sees_the_decision(page_as, live_server):
    conv, registration_number = _conversation_about_a_registration(live_server)
    manager, support = page_as("paris.manager"), page_as("support")
    _open(manager, conv)
    message = manager.locator("#chat-thread li", has_text="tiers-temps")
    message.get_by_role("link", name="Créer une demande à partir de ce message").click()
    expect(manager.locator("#request-registrations")).to_contain_text(registration_number)
    expect(manager.locator("#reason")).to_have_value(ASK)
    manager.select_option("#kind", "accommodation")
    manager.fill("#extra_time_percent", "")  # the mistake: no extra time
    manager.get_by_role("button", name="Envoyer la demande").click()
    expect(manager.locator(".alert-danger")).to_contain_text(
        "un aménagement accorde un temps supplémentaire entre 1 et 100 %")
    expect(manager.locator("#reason")).to_have_value(ASK)  # the prefilled values are kept
    expect(manager.locator("#kind")).to_have_value("accommodation")
    expect(manager.locator("#request-registrations")).to_contain_text(registration_number)
    manager.fill("#extra_time_percent", "33")
    manager.get_by_role("button", name="Envoyer la demande").click()
    back = manager.locator("#request-conversation")
    expect(back).to_contain_text("Tiers-temps pour Marcel")
    request_url = manager.url
    back.click()
    manager.wait_for_selector("#chat-connection[data-state=online]")
    support.goto(request_url)
    support.fill("#decision-note", "Salle 2, tiers-temps accordé")
    support.click("#accept-request")
    expect(support.locator("#request-status")).to_have_text("Validée")
    decision = manager.locator("#chat-thread li", has_text="Décision sur la demande")
    expect(decision).to_contain_text("a été validée")
    expect(decision).to_contain_text("Note : Salle 2, tiers-temps accordé")
    screenshot(manager, "chat-decision-posted")
