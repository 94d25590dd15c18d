"""Convocation e-mails carry their PDF and .ics over real SMTP; Support sees and resends them."""
from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pdfplumber
import pytest
from sqlalchemy import select

from app.models.centres import Centre
from app.models.mail import OutboxEmail
from app.models.missions.missions import Convocation, Mission, MissionType, Remuneration
from app.models.missions.staff import StaffMember
from app.models.reference import Product
from tests.integration.missions.smtp import attachments, mail_through, smtp_server

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture()
def smtp(app):
    with smtp_server() as (host, port, inbox), mail_through(app, host, port):
        yield inbox


@pytest.fixture()
def mission(db_session):
    """A Paris oral-examination mission in July (summer time: Paris is UTC+2)."""
    paris = db_session.scalar(select(Centre).where(Centre.code == "PAR-0750001"))
    start = date(date.today().year + 1, 7, 6)
    row = Mission(number="PAR-M-915", exam_session="TEF, TEFCAN, juillet", type=MissionType.ORAL,
                  product=db_session.scalar(select(Product).where(Product.code == "TEFCAN")),
                  centre=paris, starts_on=start, ends_on=start + timedelta(days=2),
                  open_to_centre=True, remuneration=Remuneration.ORAL)
    person = StaffMember(identifier="T-915", last_name="Lefèvre", first_name="Anne",
                         centre=paris, professional_email="anne.lefevre@ac.examdesk.local")
    db_session.add_all([row, person])
    db_session.commit()
    return row


def convoke_and_mail(client, db_session, mission):
    client.post(f"/missionview/convoke/{mission.id}", data={
        "csrf_token": client.csrf, "staff": [str(p.id) for p in db_session.scalars(
            select(StaffMember).where(StaffMember.identifier == "T-915"))],
        "dates": f"{mission.starts_on:%d/%m/%Y} 14:30-17:00", "room": "B12"},
        follow_redirects=True)
    convocation = db_session.scalar(select(Convocation).where(
        Convocation.mission_id == mission.id))
    assert convocation is not None, "the convocation was not made"
    client.post(f"/convocationview/mail/{convocation.id}", data={"csrf_token": client.csrf})
    return convocation


def test_a_convocation_email_received_over_smtp_holds_the_pdf_and_the_ics(
        login_as, db_session, mission, smtp):
    client = login_as("paris.manager")
    convocation = convoke_and_mail(client, db_session, mission)
    [message] = smtp.to("anne.lefevre@ac.examdesk.local")
    assert "PAR-M-915" in message["Subject"]
    files = attachments(message)
    assert set(files) == {"LEFEVRE_Anne.pdf", "convocation.ics"}
    with pdfplumber.open(io.BytesIO(files["LEFEVRE_Anne.pdf"])) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "LEFÈVRE Anne" in text and "PAR-M-915" in text and "Convocation" in text
    [event] = icalendar.Calendar.from_ical(files["convocation.ics"]).walk("VEVENT")
    start = event.decoded("DTSTART")
    assert start.astimezone(PARIS) == datetime.combine(mission.starts_on, time(14, 30),
                                                       tzinfo=PARIS)
    assert event.decoded("DTEND").astimezone(PARIS).time() == time(17, 0)
    assert "Centre d'examen de Paris" in str(event["LOCATION"])
    assert str(event["UID"]) == f"convocation-{convocation.id}@examdesk"
    assert int(event["SEQUENCE"]) == 0
    # The centre's copy carries the same documents.
    stored = db_session.scalars(select(OutboxEmail).where(
        OutboxEmail.reference == f"convocation-{convocation.id}")).all()
    assert {e.kind for e in stored} == {"convocation", "convocation_copy"}
    assert all(e.sent_at is not None and len(e.attachments) == 2 for e in stored)


def test_sending_the_convocation_again_updates_the_same_calendar_event(
        login_as, db_session, mission, smtp):
    client = login_as("paris.manager")
    convocation = convoke_and_mail(client, db_session, mission)
    client.post(f"/convocationview/mail/{convocation.id}", data={"csrf_token": client.csrf})
    first, second = (icalendar.Calendar.from_ical(attachments(m)["convocation.ics"])
                     .walk("VEVENT")[0] for m in smtp.to("anne.lefevre@ac.examdesk.local"))
    assert str(first["UID"]) == str(second["UID"])
    assert (int(first["SEQUENCE"]), int(second["SEQUENCE"])) == (0, 1)


def test_support_sees_the_email_opens_its_pdf_and_resends_it(login_as, db_session, mission,
                                                             smtp):
    convocation = convoke_and_mail(login_as("paris.manager"), db_session, mission)
    email = db_session.scalar(select(OutboxEmail).where(
        OutboxEmail.kind == "convocation",
        OutboxEmail.reference == f"convocation-{convocation.id}"))
    support = login_as("support")
    listing = support.get("/outboxemailview/list/").text
    assert "anne.lefevre@ac.examdesk.local" in listing and "LEFEVRE_Anne.pdf" in listing
    page = support.get(f"/outboxemailview/show/{email.id}").text
    assert "Renvoyer" in page and "convocation.ics" in page
    # what the e-mail is about and its language in words, never the stored keys
    assert '">Convocation</span>' in page and '">Français</span>' in page
    assert '">convocation</span>' not in page and '">fr</span>' not in page
    pdf = email.attachments[0]
    response = support.get(f"/outboxemailview/attachment/{email.id}/{pdf.id}")
    assert response.status_code == 200 and response.get_data().startswith(b"%PDF")
    support.post(f"/outboxemailview/resend/{email.id}", data={"csrf_token": support.csrf})
    received = smtp.to("anne.lefevre@ac.examdesk.local")
    assert len(received) == 2
    assert set(attachments(received[1])) == {"LEFEVRE_Anne.pdf", "convocation.ics"}


def test_a_centre_user_cannot_open_the_outbox(login_as, db_session, mission, smtp):
    convoke_and_mail(login_as("paris.manager"), db_session, mission)
    email = db_session.scalar(select(OutboxEmail).where(OutboxEmail.kind == "convocation"))
    client = login_as("paris.manager")
    assert "anne.lefevre" not in client.get("/outboxemailview/list/").text
    response = client.get(f"/outboxemailview/attachment/{email.id}/{email.attachments[0].id}")
    assert response.status_code in (302, 403, 404)
    client.post(f"/outboxemailview/resend/{email.id}", data={"csrf_token": client.csrf})
    assert len(smtp.to("anne.lefevre@ac.examdesk.local")) == 1
