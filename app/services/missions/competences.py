"""Competences and their authors: SYS, a centre, the staff member, an exam manager — (C) or (I)."""
from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, union
from sqlalchemy.orm import Session

from app.models.centres import Centre, ExamUser
from app.models.missions.missions import Mission
from app.models.missions.staff import (
    Competence,
    CompetenceEntryLock,
    StaffMember,
    TeachingCorrespondence,
)
from app.models.reference import PriceList, Product, Speciality, TestComponent
from app.services.errors import DomainError, NotAllowed, ValidationFailed

SYSTEM = "SYS"
KIND_SYSTEM, KIND_CENTRE, KIND_STAFF, KIND_MANAGER = "system", "centre", "staff", "manager"


def compute_authors(authors: list[dict], code: str, kind: str, competent: bool) -> list[dict]:
    """The authors after `code` declares (C) or withdraws (I); the newest mark is shown first."""
    kept = [dict(a) for a in authors if a["code"] != code]
    return [{"code": code, "kind": kind, "competent": competent}] + kept


def is_listed(authors: list[dict]) -> bool:
    """A competence stays listed while at least one author holds it (C)."""
    return any(a["competent"] for a in authors)


def centre_exam_ids(centre_id: int):
    """The exams a centre runs: those of its price lists and of the missions held there."""
    return union(select(PriceList.product_id).where(PriceList.centre_id == centre_id),
                 select(Mission.product_id).where(Mission.centre_id == centre_id))


def check_exam_run_by_centre(session: Session, centre_id: int, component: TestComponent) -> None:
    """A centre declares competences only on exams it runs (see centre_exam_ids)."""
    runs = component.product_id in set(session.scalars(centre_exam_ids(centre_id)))
    if not runs:
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


# -- the add form's chain: exam → speciality → épreuve-option, in the viewer's scope ----------
def exam_choices(session: Session, viewer) -> list[Product]:
    """Exams with épreuve-options; a centre user gets only the exams their centre runs."""
    query = select(Product).where(Product.id.in_(select(TestComponent.product_id)))
    if viewer.is_centre_user and not viewer.is_body:
        query = query.where(Product.id.in_(centre_exam_ids(viewer.centre_id or 0)))
    return list(session.scalars(query.order_by(Product.code)))


def _exam_in_scope(session: Session, viewer, exam_id) -> bool:
    return exam_id is not None and exam_id in {p.id for p in exam_choices(session, viewer)}


def speciality_choices(session: Session, viewer, exam_id: int | None) -> list[Speciality]:
    """The specialities of an exam the viewer may choose (none for an exam out of scope)."""
    if not _exam_in_scope(session, viewer, exam_id):
        return []
    return list(session.scalars(select(Speciality).where(Speciality.product_id == exam_id)
                                .order_by(Speciality.code)))


def option_choices(session: Session, viewer, exam_id: int | None,
                   speciality_id: int | None) -> list[TestComponent]:
    """The épreuve-options of an exam's speciality (with no speciality: those of the exam that
    have none); nothing for an exam out of the viewer's scope."""
    if not _exam_in_scope(session, viewer, exam_id):
        return []
    query = select(TestComponent).where(TestComponent.product_id == exam_id)
    query = query.where(TestComponent.speciality_id == speciality_id if speciality_id
                        else TestComponent.speciality_id.is_(None))
    return list(session.scalars(query.order_by(TestComponent.position, TestComponent.code)))


def chain_errors(exam_id: int | None, speciality: Speciality | None,
                 component: TestComponent | None, speciality_id: int | None = None) -> dict:
    """{field: message} when the speciality is not the exam's, or the épreuve-option not the
    exam's and speciality's (a speciality given by its id or as a row)."""
    errors = {}
    if speciality is not None:
        speciality_id = speciality.id
        if exam_id and speciality.product_id != exam_id:
            errors["speciality"] = _l("is not a speciality of the exam chosen.")
    if component is not None and ((exam_id and component.product_id != exam_id) or (
            speciality_id and component.speciality_id != speciality_id)):
        errors["component"] = _l("is not a test-option of the exam and speciality chosen.")
    return errors


def check_option_in_chain(component: TestComponent | None, exam_id: int | None,
                          speciality_id: int | None) -> None:
    """The épreuve-option chosen belongs to the exam and speciality chosen before it.

    Raises ValidationFailed on `component`."""
    errors = chain_errors(exam_id, None, component, speciality_id)
    if errors:
        raise ValidationFailed(_l("The competence was not saved."), errors)


def check_mission_chain(mission: Mission) -> None:
    """A mission's speciality is one of its exam's, its épreuve-option one of the speciality's.

    Raises ValidationFailed on `speciality` or `component`."""
    exam_id = mission.product.id if mission.product is not None else mission.product_id
    errors = chain_errors(exam_id, mission.speciality, mission.component)
    if errors:
        raise ValidationFailed(_l("The mission was not saved."), errors)
