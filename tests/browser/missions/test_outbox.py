"""Journey (Support): the e-mails sent, a convocation e-mail with its PDF and .ics, downloaded,
then "Renvoyer" — dismissed once (nothing sent), then confirmed."""
import io

import pdfplumber
from sqlalchemy import func, select

from app.extensions import db
from app.models.mail import OutboxEmail
from app.models.missions.missions import Convocation
from app.models.missions.staff import StaffMember
from app.security.roles import EXAM_MANAGER
from app.security.scope import Viewer
from app.services.clock import now
from app.services.missions import resources
from tests.browser.conftest import screenshot


def test_support_opens_a_convocation_email_downloads_its_pdf_and_resends_it(page_as,
                                                                          live_server):
    with live_server.app.test_request_context("/"):
        convocation = db.session.scalar(select(Convocation).join(StaffMember).where(
            StaffMember.identifier == "P750002"))
        sent, refused = resources.mail_convocations(
            db.session, Viewer(user_id=None, roles=frozenset({EXAM_MANAGER})), [convocation],
            now())
        assert sent and not refused
        email = db.session.scalar(select(OutboxEmail).where(
            OutboxEmail.kind == "convocation").order_by(OutboxEmail.id.desc()))
        pk, recipient, number = email.id, email.recipient, convocation.mission.number
        count = db.session.scalar(select(func.count(OutboxEmail.id)))
    page = page_as("support")
    page.goto("/")
    page.click("text=Messagerie")
    page.click("text=E-mails envoyés")
    page.wait_for_load_state("load")
    listing = page.locator("main").inner_text()
    assert recipient in listing and "convocation.ics" in listing
    page.goto(f"/outboxemailview/show/{pk}")
    with page.expect_download() as download:
        page.click(".examdesk-outbox-attachments a:has-text('.pdf')")
    with pdfplumber.open(io.BytesIO(open(download.value.path(), "rb").read())) as pdf:
        text = "\n".join(p.extract_text() for p in pdf.pages)
    assert "DUPONT Alexandre" in text and number in text
    screenshot(page, "missions-outbox-show-fr")
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.get_by_role("button", name="Renvoyer").click()
    page.wait_for_timeout(300)
    with live_server.app.app_context():
        assert db.session.scalar(select(func.count(OutboxEmail.id))) == count
    page.once("dialog", lambda d: (asked.append(d.message), d.accept()))
    page.get_by_role("button", name="Renvoyer").click()
    page.wait_for_load_state("load")
    assert asked[0] == f"Renvoyer cet e-mail à {recipient} ?"
    assert f"E-mail renvoyé à {recipient}" in page.locator("body").inner_text()
    with live_server.app.app_context():
        assert db.session.scalar(select(func.count(OutboxEmail.id))) == count + 1
    screenshot(page, "missions-outbox-resent-fr")
