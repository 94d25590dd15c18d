"""E-mailing a convocation with its PDF and its .ics: the professional address first, a copy to
the centre."""
from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models.mail import OutboxEmail
from app.models.missions.missions import Convocation
from app.services.errors import DomainError
from app.services.formatting import format_slot
from app.services.mail import Attachment, queue_mail, recipient_language
from app.services.missions.convocation_files import (
    convocation_filename,
    convocation_ics,
    convocation_pdf,
    convocation_uid,
)
from app.services.missions.convocations import check_centre_may_manage


def recipient_of(convocation: Convocation) -> str | None:
    person = convocation.staff_member
    return person.professional_email or person.personal_email


def _render(convocation: Convocation):
    mission, person = convocation.mission, convocation.staff_member

    def render():
        subject = _l("Convocation: mission %(number)s", number=mission.number)
        body = _l("Dear %(name)s,\n\nYou are convoked for mission %(number)s (%(session)s) at "
                  "%(centre)s on: %(dates)s.\n%(observation)s",
                  name=f"{person.first_name} {person.last_name.upper()}",
                  number=mission.number, session=mission.exam_session,
                  centre=mission.centre.name, dates=", ".join(
                      format_slot(s.day, s.starts_at, s.ends_at) for s in convocation.slots),
                  observation=convocation.observation or "")
        attached = _l("Your convocation (PDF) and the calendar invitation (.ics) are attached.")
        return subject, f"{body}\n\n{attached}"

    return render


def _documents(session: Session, convocation: Convocation, now: datetime, sequence: int):
    """The PDF (rendered in the recipient's language: called under their locale) and the .ics."""

    def documents():
        pdf = convocation_pdf(session, convocation, now.date())
        ics = convocation_ics(convocation, now, sequence)
        return [Attachment(convocation_filename(convocation), "application/pdf", pdf),
                Attachment("convocation.ics", "text/calendar; method=PUBLISH; charset=utf-8",
                           ics.encode("utf-8"))]

    return documents


def sends_so_far(session: Session, convocation: Convocation) -> int:
    """How many times this convocation was e-mailed to its person: the next .ics SEQUENCE."""
    return session.scalar(select(func.count(OutboxEmail.id)).where(
        OutboxEmail.reference == convocation_uid(convocation),
        OutboxEmail.kind == "convocation", OutboxEmail.resent_from_id.is_(None))) or 0


def send_convocation(session: Session, convocation: Convocation, viewer,
                     now: datetime) -> str:
    """Queue the convocation e-mail and its copy to the centre; returns the recipient.

    Raises NotAllowed for a convocation the centre did not make, DomainError without address.
    """
    check_centre_may_manage(convocation, viewer)
    to = recipient_of(convocation)
    if not to:
        raise DomainError(_l("%(name)s has no e-mail address."),
                          name=convocation.staff_member.full_name)
    render, reference = _render(convocation), convocation_uid(convocation)
    documents = _documents(session, convocation, now, sends_so_far(session, convocation))
    queue_mail(session, to=to, kind="convocation", render=render, language=recipient_language(
        convocation.staff_member.user, convocation.mission.centre), attachments=documents,
        reference=reference)
    copy = convocation.mission.centre.manager_email
    if copy:
        queue_mail(session, to=copy, language=convocation.mission.centre.language or "fr",
                   kind="convocation_copy", render=render, attachments=documents,
                   reference=reference)
    return to
