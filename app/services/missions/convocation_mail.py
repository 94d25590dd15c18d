"""E-mailing a convocation: the professional address first, a copy to the centre."""
from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from app.models.missions.missions import Convocation
from app.services.errors import DomainError
from app.services.formatting import format_slot
from app.services.mail import queue_mail, recipient_language
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
        return subject, body

    return render


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
    render = _render(convocation)
    queue_mail(session, to=to, kind="convocation", render=render, language=recipient_language(
        convocation.staff_member.user, convocation.mission.centre))
    copy = convocation.mission.centre.manager_email
    if copy:
        queue_mail(session, to=copy, language=convocation.mission.centre.language or "fr",
                   kind="convocation_copy", render=render)
    return to
