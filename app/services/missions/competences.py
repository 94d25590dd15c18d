"""Competences and their authors: SYS, a centre, the staff member, an exam manager — (C) or (I)."""
from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.centres import Centre, ExamUser
from app.models.missions.staff import (
    Competence,
    CompetenceEntryLock,
    StaffMember,
    TeachingCorrespondence,
)
from app.models.reference import PriceList, TestComponent
from app.services.errors import DomainError, NotAllowed

SYSTEM = "SYS"
KIND_SYSTEM, KIND_CENTRE, KIND_STAFF, KIND_MANAGER = "system", "centre", "staff", "manager"


def compute_authors(authors: list[dict], code: str, kind: str, competent: bool) -> list[dict]:
    """The authors after `code` declares (C) or withdraws (I); the newest mark is shown first."""
    kept = [dict(a) for a in authors if a["code"] != code]
    return [{"code": code, "kind": kind, "competent": competent}] + kept


def is_listed(authors: list[dict]) -> bool:
    """A competence stays listed while at least one author holds it (C)."""
    return any(a["competent"] for a in authors)


def check_exam_run_by_centre(session: Session, centre_id: int, component: TestComponent) -> None:
    """A centre declares competences only on exams it runs (those of its price lists)."""
    runs = session.scalar(select(PriceList.id).where(PriceList.centre_id == centre_id,
                                                     PriceList.product_id == component.product_id)
                          .limit(1))
    if runs is None:
        raise DomainError(_l("Test-option: your centre does not run the exam %(exam)s."),
                          exam=component.product.code)


def is_entry_locked(session: Session, centre_id: int) -> bool:
    lock = session.scalar(select(CompetenceEntryLock).where(
        CompetenceEntryLock.centre_id == centre_id))
    return bool(lock and lock.locked)


def set_entry_lock(session: Session, centre_id: int, locked: bool, now: datetime) -> None:
    """"J'ai terminé la saisie" (locked=True, the centre) or an exam manager's unlock."""
    lock = session.scalar(select(CompetenceEntryLock).where(
        CompetenceEntryLock.centre_id == centre_id))
    if lock is None:
        lock = CompetenceEntryLock(centre_id=centre_id)
        session.add(lock)
    lock.locked, lock.changed_at = locked, now


def _author_for_centre(session: Session, centre_id: int, component: TestComponent):
    if is_entry_locked(session, centre_id):
        raise NotAllowed(_l("Your centre validated its competence entry: ask the exam managers "
                            "to unlock it."))
    check_exam_run_by_centre(session, centre_id, component)
    return session.get(Centre, centre_id).code, KIND_CENTRE


def resolve_author(session: Session, viewer, staff: StaffMember, component: TestComponent):
    """(code, kind) of the viewer as a competence author; raises NotAllowed when they are none."""
    if viewer.is_body:
        return session.get(ExamUser, viewer.user_id).username, KIND_MANAGER
    if viewer.is_centre_user and viewer.centre_id in (staff.centre_id, staff.secondary_centre_id):
        return _author_for_centre(session, viewer.centre_id, component)
    if viewer.is_evaluator and staff.user_id == viewer.user_id:
        return staff.identifier, KIND_STAFF
    raise NotAllowed(_l("You may not declare competences for this person."))


def declare(session: Session, staff: StaffMember, component: TestComponent, code: str,
            kind: str, competent: bool) -> Competence | None:
    """Record an author's (C) or (I); returns None when the competence disappeared."""
    competence = session.scalar(select(Competence).where(
        Competence.staff_member_id == staff.id, Competence.component_id == component.id))
    if competence is None:
        if not competent:
            return None
        competence = Competence(staff_member=staff, component=component, authors=[])
        session.add(competence)
    authors = compute_authors(competence.authors or [], code, kind, competent)
    if not is_listed(authors):
        session.delete(competence)
        return None
    competence.authors = authors
    return competence


def generate_system_competences(session: Session, staff: StaffMember) -> int:
    """SYS (C) for every test-option that a teaching of `staff` corresponds to."""
    subjects = {t.subject for t in staff.teachings}
    rows = session.scalars(select(TeachingCorrespondence).where(
        TeachingCorrespondence.subject.in_(subjects))).all() if subjects else []
    for row in rows:
        declare(session, staff, row.component, SYSTEM, KIND_SYSTEM, True)
    return len(rows)
