"""The account area ("Mon compte" of Le Robert): profile links, the staff-managed documentation
that every centre downloads, and a contact form that opens a conversation with Support."""
from __future__ import annotations

import io

from sqlalchemy import select

from app.models.centres import Guide
from app.models.messaging import Conversation


def test_a_centre_sees_its_account_with_the_guides_and_downloads_one(db_session, login_as):
    guide = db_session.scalar(select(Guide).where(Guide.title == "Guide du surveillant"))
    client = login_as("lyon.staff")
    page = client.get("/my-account/")
    assert page.status_code == 200
    assert "Guide du surveillant" in page.text and 'id="account-contact-form"' in page.text
    download = client.get(f"/guideview/document/{guide.id}")
    assert download.status_code == 200 and download.data.startswith(b"%PDF")


def test_support_adds_a_guide_that_centres_then_find(db_session, login_as):
    support = login_as("support")
    support.post("/guideview/add", data={
        "title": "Mode d'emploi de la plateforme", "category": "ADMINISTRATOR", "active": "y",
        "position": "9", "upload": (io.BytesIO(b"%PDF-1.4 mode d'emploi"), "mode.pdf"),
        "csrf_token": support.csrf}, content_type="multipart/form-data")
    guide = db_session.scalar(select(Guide).where(Guide.title == "Mode d'emploi de la plateforme"))
    assert guide is not None and guide.document
    assert "plateforme" in login_as("paris.manager").get("/my-account/").text


def test_a_centre_cannot_manage_the_guides(db_session, login_as):
    client = login_as("paris.manager")
    response = client.post("/guideview/add", data={"title": "x", "category": "OTHER",
                                                   "csrf_token": client.csrf})
    assert response.status_code == 403
    assert db_session.scalar(select(Guide).where(Guide.title == "x")) is None


def test_the_contact_form_opens_a_conversation_with_support(db_session, login_as):
    client = login_as("paris.manager")
    response = client.post("/chat/new", data={"title": "Question sur ma facture",
                                              "body": "Bonjour, pouvez-vous m'aider ?",
                                              "csrf_token": client.csrf})
    assert response.status_code == 302
    conversation = db_session.scalar(select(Conversation).where(
        Conversation.title == "Question sur ma facture"))
    assert conversation is not None and conversation.assignee.username == "support"
