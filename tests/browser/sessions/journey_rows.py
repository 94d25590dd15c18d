"""Shared steps of the body-side journeys: a Paris session with registered candidates made
through the services, reading what the user downloads (PDF text) and what the app sent (the
outbox), and watching a page for script errors."""
from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pdfplumber
from pypdf import PdfWriter
from sqlalchemy import select

from app.extensions import db
from app.models.candidates import Attestation, Candidate, Gender, Registration
from app.models.centres import Centre
from app.models.mail import OutboxEmail
from app.models.reference import Product
from app.models.sessions import ExamSession
from app.models.sessions import SessionStatus as S
from app.services.candidates import registrations as reg_svc
from app.services.candidates.candidates import dedup_key
from app.services.sessions.workflow import prepare_new_session, publish_results


def paris_session(live_server, days: int, title: str, people: int = 2,
                  status: S = S.REGISTRATIONS_OPEN, product: str = "TEFCAN",
                  online: bool = False, surname: str = "L'HÔPITAL") -> tuple[int, str, list[int]]:
    """A session of the Paris centre in `days` days with `people` registered candidates
    ("<surname>-<title>-<n>", Zoé, born 02/01/1990 + n days); (id, number, registration ids)."""
    with live_server.app.app_context():
        paris = db.session.scalar(select(Centre).where(Centre.code == "PAR-0750001"))
        item_product = db.session.scalar(select(Product).where(Product.code == product))
        start = date.today() + timedelta(days=days)
        item = ExamSession(product=item_product, centre=paris, centre_id=paris.id, title=title,
                           start_date=start, end_date=start, capacity=10, online_visible=online,
                           status=S.REGISTRATIONS_OPEN)
        prepare_new_session(db.session, item)
        db.session.add(item)
        db.session.flush()
        before = datetime.combine(start - timedelta(days=10), time(9))
        regs = []
        for n in range(people):
            born, name = date(1990, 1, 2 + n), f"{surname}-{title}-{n}"
            person = Candidate(centre_id=paris.id, last_name=name, first_name="Zoé",
                               birth_date=born, gender=Gender.F,
                               dedup_key=dedup_key(name, "Zoé", born))
            db.session.add(person)
            db.session.flush()
            regs.append(reg_svc.register_candidate(db.session, item, person, before))
        item.status = status
        db.session.commit()
        result = item.id, item.number, [r.id for r in regs]
        db.session.remove()
        return result


def pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def downloaded(download) -> bytes:
    with open(download.path(), "rb") as handle:
        return handle.read()


def outbox_since(live_server, first_id: int) -> list[tuple[str, str, str]]:
    """(recipient, subject, body) of every e-mail written after `first_id`."""
    with live_server.app.app_context():
        rows = [(e.recipient, e.subject, e.body) for e in db.session.scalars(
            select(OutboxEmail).where(OutboxEmail.id > first_id).order_by(OutboxEmail.id))]
        db.session.remove()
        return rows


def last_outbox_id(live_server) -> int:
    with live_server.app.app_context():
        last = db.session.scalar(select(OutboxEmail.id).order_by(OutboxEmail.id.desc()))
        db.session.remove()
        return last or 0


def watch(page) -> list[str]:
    """Script errors and console errors of the page, collected as it goes (a form refused on
    purpose answers 422, which the console reports: that one is expected)."""
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(f"{m.text} {m.location.get('url', '')}")
            if m.type == "error" and "status of 422" not in m.text else None)
    return errors


def read(page, selector: str = "main") -> str:
    """What the user reads in the part of the page, checked for leaks of code values."""
    text = page.locator(selector).inner_text()
    assert "None" not in text.split() and "Traceback" not in text, text
    return text


def published_session(live_server, title: str, scores: dict[str, str],
                      surname: str = "L'HÔPITAL") -> tuple[int, str, int, str]:
    """A past TEF Canada session of Paris, one candidate with these `scores` (the others
    absent), results published by the body: (id, number, registration id, attestation code)."""
    pk, number, (reg_id,) = paris_session(live_server, -3, title, people=1,
                                          status=S.IN_CORRECTION, surname=surname)
    with live_server.app.app_context():
        session = db.session.get(ExamSession, pk)
        registration = db.session.get(Registration, reg_id)
        for rc in registration.components:
            score = scores.get(rc.component.code)
            rc.score, rc.absent = (Decimal(score) if score else None), not score
        publish_results(db.session, session, datetime.now(), by_body=True)
        db.session.commit()
        code = db.session.scalar(select(Attestation.code).where(
            Attestation.registration_id == reg_id))
        db.session.remove()
    return pk, number, reg_id, code


def type_into(page, selector: str, text: str) -> None:
    """Type into a field the date picker decorates, as a person does, then close the picker."""
    page.click(selector)
    page.fill(selector, "")
    page.keyboard.type(text)
    page.keyboard.press("Escape")


def a_pdf() -> bytes:
    """A one-page PDF, as a file a person would upload."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
