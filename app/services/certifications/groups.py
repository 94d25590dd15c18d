"""Candidate groups and the certification status of each candidate (to assign, planned, passed)."""
from __future__ import annotations

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from app.models.candidates import Candidate
from app.models.certifications import (
    AssignmentStatus,
    CandidateGroup,
    CertificationAssignment,
    group_member,
)
from app.services.errors import DomainError

TO_ASSIGN = "to_assign"
CERT_STATUSES = {TO_ASSIGN: _l("To assign"), AssignmentStatus.PLANNED.value: _l("Planned"),
                 AssignmentStatus.PASSED.value: _l("Passed")}


def _has(status: AssignmentStatus):
    return exists().where(CertificationAssignment.candidate_id == Candidate.id,
                          CertificationAssignment.status == status)


def _active():
    return exists().where(CertificationAssignment.candidate_id == Candidate.id,
                          CertificationAssignment.status != AssignmentStatus.CANCELLED)


def search_candidates(db: Session, centre_id: int, *, text: str = "", status: str = "",
                      group_id: int | None = None, limit: int = 500) -> list[Candidate]:
    """The centre's candidates matching a name or e-mail, a certification status and a group."""
    stmt = select(Candidate).where(Candidate.centre_id == centre_id)
    for word in (text or "").split():
        like = f"%{word}%"
        stmt = stmt.where(or_(Candidate.last_name.ilike(like), Candidate.first_name.ilike(like),
                              Candidate.email.ilike(like)))
    if status == TO_ASSIGN:
        stmt = stmt.where(~_active())
    elif status in (AssignmentStatus.PLANNED.value, AssignmentStatus.PASSED.value):
        stmt = stmt.where(_has(AssignmentStatus(status)))
    if group_id:
        stmt = stmt.where(Candidate.id.in_(select(group_member.c.candidate_id).where(
            group_member.c.group_id == group_id)))
    return list(db.scalars(stmt.order_by(Candidate.last_name, Candidate.first_name,
                                         Candidate.id).limit(limit)))


def latest_assignments(db: Session, candidate_ids: Iterable[int]
                       ) -> dict[int, CertificationAssignment]:
    """{candidate id: their most recent assignment that is not cancelled}."""
    ids = list(candidate_ids)
    if not ids:
        return {}
    rows = db.scalars(select(CertificationAssignment).where(
        CertificationAssignment.candidate_id.in_(ids),
        CertificationAssignment.status != AssignmentStatus.CANCELLED)
        .order_by(CertificationAssignment.planned_date, CertificationAssignment.id))
    return {row.candidate_id: row for row in rows}


def add_members(group: CandidateGroup, candidates: Iterable[Candidate]) -> int:
    """Associate candidates of the group's centre; returns how many were added.

    Raises DomainError for a candidate of another centre (nothing is added then).
    """
    candidates = list(candidates)
    if any(c.centre_id != group.centre_id for c in candidates):
        raise DomainError(_l("Only the candidates of the group's centre can join the group."))
    present = {c.id for c in group.candidates}
    added = [c for c in candidates if c.id not in present]
    group.candidates.extend(added)
    return len(added)


def remove_members(group: CandidateGroup, candidate_ids: Iterable[int]) -> int:
    ids = set(candidate_ids)
    before = len(group.candidates)
    group.candidates = [c for c in group.candidates if c.id not in ids]
    return before - len(group.candidates)
