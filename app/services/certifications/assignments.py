"""Assigning certifications: supervised by the centre, or planned in a partner exam centre."""
from __future__ import annotations

from datetime import date, datetime

from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.documents.files import ascii_name
from app.documents.pdf import render_pdf
from app.models.candidates import Candidate
from app.models.certifications import (
    AssignmentStatus,
    CertificationAssignment,
    CertificationType,
    PartnerExamCentre,
    StockMovement,
)
from app.services.certifications.stock import move_stock, record, reserve
from app.services.errors import DomainError, ValidationFailed
from app.services.live import refresh_dashboards
from app.services.mail import Attachment, queue_mail

ENGLISH = {"EN", "ENG"}
FRENCH = {"FR", "FRA", "FRE"}


def check_plan(ctype: CertificationType, planned_date: date | None, candidates: list,
               centre_id: int, today: date) -> None:
    """Raises ValidationFailed listing every problem of an assignment request."""
    errors = {}
    if planned_date is None:
        errors["planned_date"] = _l("is required.")
    elif planned_date < today:
        errors["planned_date"] = _l("cannot be in the past.")
    if not candidates:
        errors["candidates"] = _l("select at least one candidate or a group.")
    if any(c.centre_id != centre_id for c in candidates):
        errors["candidates"] = _l("only the candidates of your centre can be selected.")
    if not ctype.active:
        errors["type"] = _l("can no longer be assigned.")
    if errors:
        raise ValidationFailed(_l("The certifications cannot be assigned:"), errors,
                               {"planned_date": _l("Planned date"),
                                "candidates": _l("Candidates"), "type": ctype.name})


def _refuse_doubles(db: Session, ctype: CertificationType, candidates: list) -> None:
    taken = set(db.scalars(select(CertificationAssignment.candidate_id).where(
        CertificationAssignment.type_id == ctype.id,
        CertificationAssignment.candidate_id.in_([c.id for c in candidates]),
        CertificationAssignment.status == AssignmentStatus.PLANNED)))
    if taken:
        names = ", ".join(f"{c.last_name} {c.first_name}" for c in candidates if c.id in taken)
        raise DomainError(_l("Already planned for this certification: %(names)s."), names=names)


def _create(db: Session, centre_id: int, ctype: CertificationType, planned_date: date,
            candidates: list, **extra) -> list[CertificationAssignment]:
    _refuse_doubles(db, ctype, candidates)
    # The stock is checked under the centre-and-type lock before any row is written.
    counter, current = reserve(db, centre_id, ctype, -len(candidates))
    rows = [CertificationAssignment(centre_id=centre_id, candidate=c, candidate_id=c.id,
                                    type=ctype, type_id=ctype.id, planned_date=planned_date,
                                    status=AssignmentStatus.PLANNED, **extra)
            for c in candidates]
    db.add_all(rows)
    db.flush()
    record(db, counter, current, StockMovement.ASSIGNMENT,
           [(-1, {"assignment_id": row.id}) for row in rows])
    return rows


def assign_supervised(db: Session, centre_id: int, ctype: CertificationType,
                      planned_date: date | None, candidates: list[Candidate], today: date
                      ) -> list[CertificationAssignment]:
    """A certification the centre supervises, for a planned date: one per candidate.

    Raises ValidationFailed, DomainError or InsufficientStock; nothing is saved then.
    """
    if not ctype.centre_supervised:
        raise DomainError(_l("%(type)s is taken in a partner exam centre: plan it there."),
                          type=ctype.name)
    check_plan(ctype, planned_date, candidates, centre_id, today)
    return _create(db, centre_id, ctype, planned_date, candidates)


def convocation_language(candidate: Candidate) -> str:
    """English for English speakers, French for French speakers, else the centre's language."""
    tongue = (candidate.mother_tongue or "").strip().upper()
    if tongue in ENGLISH:
        return "en"
    if tongue in FRENCH or candidate.french_mother_tongue:
        return "fr"
    return (candidate.centre.language if candidate.centre else None) or "fr"


def _check_time(exam_time: str | None) -> str:
    try:
        return datetime.strptime((exam_time or "").strip(), "%H:%M").strftime("%H:%M")
    except ValueError:
        raise ValidationFailed(_l("The certifications cannot be planned:"),
                               {"exam_time": _l("must be a time such as 09:30.")},
                               {"exam_time": _l("Time")}) from None


def plan_partner(db: Session, centre_id: int, ctype: CertificationType,
                 partner: PartnerExamCentre | None, planned_date: date | None,
                 exam_time: str | None, candidates: list[Candidate], today: date, now: datetime
                 ) -> list[CertificationAssignment]:
    """Plan candidates in a partner exam centre (La Poste) and e-mail each a convocation.

    Raises ValidationFailed, DomainError or InsufficientStock; nothing is saved then.
    """
    if ctype.centre_supervised:
        raise DomainError(_l("%(type)s is supervised by your centre: assign it with a planned "
                             "date instead."), type=ctype.name)
    if partner is None or not partner.active:
        raise DomainError(_l("Choose the partner exam centre."))
    check_plan(ctype, planned_date, candidates, centre_id, today)
    time = _check_time(exam_time)
    missing = [f"{c.last_name} {c.first_name}" for c in candidates if not c.email]
    if missing:
        raise DomainError(_l("These candidates have no e-mail address for their convocation: "
                             "%(names)s."), names=", ".join(missing))
    rows = _create(db, centre_id, ctype, planned_date, candidates, partner_centre=partner,
                   partner_centre_id=partner.id, exam_time=time, convoked_at=now)
    for row in rows:
        send_convocation(db, row)
    return rows


def send_convocation(db: Session, row: CertificationAssignment) -> None:
    """The convocation e-mail, in the candidate's language: where, when, what to bring."""
    candidate, partner = row.candidate, row.partner_centre
    language = convocation_language(candidate)

    def render():
        when = format_date(row.planned_date, format="full")
        body = _l(
            "Hello %(name)s,\n\nYou are convened to the %(certification)s exam.\n\n"
            "Exam centre: %(address)s\nDate: %(date)s\nTime: %(time)s\n\n"
            "Bring with you on the day of the exam:\n"
            "- your login: %(login)s\n- your password\n- an identity document with a photo\n\n"
            "%(centre)s",
            name=f"{candidate.first_name} {candidate.last_name}",
            certification=_certification_name(row),
            address=partner.full_address, date=when, time=row.exam_time,
            login=candidate.login or candidate.email,
            centre=row.centre.name if row.centre else "")
        attached = _l("Your convocation is attached (PDF).")
        return _l("Convocation: %(certification)s on %(date)s",
                  certification=row.type.name, date=when), f"{body}\n\n{attached}"

    def documents():
        pdf = render_pdf("certifications/pdf/convocation.html", row=row,
                         certification=_certification_name(row), title=_("Convocation"),
                         when=format_date(row.planned_date, format="full"),
                         centre_name=row.centre.name if row.centre else "")
        name = f"convocation_{ascii_name(candidate.last_name.upper())}_" \
               f"{ascii_name(candidate.first_name)}.pdf"
        return [Attachment(name, "application/pdf", pdf)]

    queue_mail(db, to=candidate.email, language=language, kind="certification_convocation",
               render=render, attachments=documents, reference=f"assignment-{row.id}")


def _certification_name(row: CertificationAssignment) -> str:
    return row.type.product.name if row.type.product else row.type.name


def cancel_assignment(db: Session, row: CertificationAssignment) -> None:
    """A planned certification is cancelled: it returns to the stock, its code is void.

    Raises DomainError unless it is planned.
    """
    if row.status != AssignmentStatus.PLANNED:
        raise DomainError(_l("Only a planned certification can be cancelled."))
    row.status = AssignmentStatus.CANCELLED
    row.activation_code = None
    move_stock(db, row.centre_id, row.type, StockMovement.CANCELLATION, 1, assignment_id=row.id)


def mark_passed(row: CertificationAssignment) -> None:
    """Raises DomainError unless the certification is planned."""
    if row.status != AssignmentStatus.PLANNED:
        raise DomainError(_l("Only a planned certification can be marked as passed."))
    row.status = AssignmentStatus.PASSED
    refresh_dashboards(row)
