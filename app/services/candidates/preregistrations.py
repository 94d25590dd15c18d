"""Online pre-registration: what the public site shows, taking requests, the centre's transfer."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.candidates import (
    Candidate,
    ContactRequest,
    Gender,
    PreRegistration,
    PreRegistrationStatus,
    RegistrationStatus,
)
from app.models.centres import Centre, PublicVisibility
from app.models.sessions import ExamSession
from app.models.sessions import SessionStatus as S
from app.services.candidates import registrations as reg_svc
from app.services.candidates.candidates import born_in_the_past, dedup_key
from app.services.errors import DomainError, ValidationFailed
from app.services.live import refresh_dashboards
from app.services.parsing import ParseError, parse_date
from app.services.sessions import deadlines
from app.services.writes import use_case

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
LABELS = {"last_name": _l("Last name"), "first_name": _l("First name"),
          "birth_date": _l("Birth date"), "gender": _l("Gender"), "email": _l("E-mail"),
          "name": _l("Name"), "message": _l("Message")}


@dataclass
class PublicCentre:
    centre: Centre
    sessions: list[ExamSession]


def public_centres(db: Session, now: datetime) -> list[PublicCentre]:
    """Centres that chose to appear, with their open, visible sessions when they show them."""
    centres = db.scalars(select(Centre).where(
        Centre.active, Centre.public_visibility != PublicVisibility.HIDDEN)
        .order_by(Centre.name)).all()
    result = []
    for centre in centres:
        sessions = []
        if centre.public_visibility == PublicVisibility.WITH_SESSIONS:
            sessions = [s for s in db.scalars(select(ExamSession).where(
                ExamSession.centre_id == centre.id, ExamSession.online_visible,
                ExamSession.status == S.REGISTRATIONS_OPEN).order_by(ExamSession.start_date))
                if not deadlines.is_past(s.registration_deadline, now)]
        result.append(PublicCentre(centre, sessions))
    return result


def open_public_session(db: Session, session_id: int, now: datetime) -> ExamSession:
    """The session a person may pre-register to, or DomainError."""
    for entry in public_centres(db, now):
        for session in entry.sessions:
            if session.id == session_id:
                return session
    raise DomainError(_l("This session is not open to online pre-registration."))


def _check_person(data: dict) -> dict:
    errors = {}
    for key in ("last_name", "first_name", "email"):
        if not (data.get(key) or "").strip():
            errors[key] = _l("is required.")
    if data.get("email") and not EMAIL_RE.match(data["email"].strip()):
        errors["email"] = _l("is not a valid e-mail address.")
    if data.get("gender") not in ("F", "H", "N"):
        errors["gender"] = _l("is required.")
    try:
        born = parse_date(data.get("birth_date"))
    except ParseError as exc:
        errors["birth_date"], born = exc.message, None
    else:
        if born is None:
            errors["birth_date"] = _l("is required.")
        elif not born_in_the_past(born):
            errors["birth_date"] = _l("must be in the past.")
    if errors:
        raise ValidationFailed(_l("Please correct the form:"), errors, LABELS)
    return {"last_name": data["last_name"].strip()[:120],
            "first_name": data["first_name"].strip()[:120], "birth_date": born,
            "gender": Gender(data["gender"]), "email": data["email"].strip().lower()[:200],
            "phone": (data.get("phone") or "").strip()[:40] or None}


@use_case
def pre_register(db: Session, session_id: int, data: dict, now: datetime) -> PreRegistration:
    """Record a pre-registration from the public site. Raises DomainError / ValidationFailed."""
    session = open_public_session(db, session_id, now)
    person = _check_person(data)
    item = PreRegistration(centre_id=session.centre_id, session_id=session.id,
                           submitted_at=now, **person)
    db.add(item)
    refresh_dashboards(item, session=db)
    return item


@use_case
def contact(db: Session, centre_id: int, data: dict, now: datetime) -> ContactRequest:
    """A contact request to a visible centre. Raises DomainError / ValidationFailed."""
    centre = db.get(Centre, centre_id)
    if centre is None or centre.public_visibility == PublicVisibility.HIDDEN:
        raise DomainError(_l("This centre does not take requests from the public site."))
    errors = {k: _l("is required.") for k in ("name", "email", "message")
              if not (data.get(k) or "").strip()}
    if data.get("email") and not EMAIL_RE.match(data["email"].strip()):
        errors["email"] = _l("is not a valid e-mail address.")
    if errors:
        raise ValidationFailed(_l("Please correct the form:"), errors, LABELS)
    item = ContactRequest(centre_id=centre.id, name=data["name"].strip()[:200],
                          email=data["email"].strip()[:200],
                          phone=(data.get("phone") or "").strip()[:40] or None,
                          message=data["message"].strip()[:4000], submitted_at=now)
    db.add(item)
    refresh_dashboards(item, session=db)
    return item


def can_process(item: PreRegistration) -> bool:
    """Whether the centre may still transfer or refuse the pre-registration (once only)."""
    return item.status == PreRegistrationStatus.NEW


def _check_unprocessed(item: PreRegistration) -> None:
    if not can_process(item):
        raise DomainError(_l("%(name)s has already been processed."), name=str(item))


def transfer(db: Session, item: PreRegistration, now: datetime):
    """Turn a pre-registration into a registration (the candidate is reused if known)."""
    _check_unprocessed(item)
    key = dedup_key(item.last_name, item.first_name, item.birth_date)
    candidate = db.scalar(select(Candidate).where(Candidate.centre_id == item.centre_id,
                                                  Candidate.dedup_key == key))
    if candidate is None:
        candidate = Candidate(centre_id=item.centre_id, last_name=item.last_name,
                              first_name=item.first_name, birth_date=item.birth_date,
                              gender=item.gender, email=item.email, phone=item.phone,
                              dedup_key=key)
        db.add(candidate)
        db.flush()
    registration = reg_svc.register_candidate(db, item.session, candidate, now)
    registration.status = RegistrationStatus.REGISTERED
    item.status = PreRegistrationStatus.TRANSFERRED
    item.registration_id = registration.id
    refresh_dashboards(item, session=db)
    return registration


def refuse(item: PreRegistration) -> PreRegistration:
    """The centre refuses a pre-registration it has not processed yet. Raises DomainError."""
    _check_unprocessed(item)
    item.status = PreRegistrationStatus.REFUSED
    return item


def mark_handled(item: ContactRequest) -> ContactRequest:
    item.handled = True
    return item
