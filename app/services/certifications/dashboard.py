"""The centre's certification summary (Le Robert's "Mon compte", docs/domain.md): stock per type, candidates, groups."""
from __future__ import annotations

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from app.models.candidates import Candidate
from app.models.certifications import (
    AssignmentStatus,
    CandidateGroup,
    CertificationAssignment,
    CertificationType,
)
from app.security.scope import Viewer, scope_query
from app.services.certifications.stock import stock_by_type


def certification_summary(db: Session, viewer: Viewer) -> dict | None:
    """Stock per type, the candidates' certification counts and the number of groups.

    None for a viewer who is neither body staff nor a centre user (evaluators).
    """
    if not (viewer.is_body or viewer.is_centre_user):
        return None
    def count(model, column, *where):
        query = scope_query(db.query(func.count(column)), model, viewer)
        for clause in where:
            query = query.filter(clause)
        return query.scalar() or 0

    centre_ids = None if viewer.is_body else [viewer.centre_id or 0]
    stock = stock_by_type(db, centre_ids)
    types = list(db.scalars(select(CertificationType).where(CertificationType.active)
                            .order_by(CertificationType.reference)))
    active = exists().where(CertificationAssignment.candidate_id == Candidate.id,
                            CertificationAssignment.status != AssignmentStatus.CANCELLED)
    return {
        "stock": [(t, stock.get(t.id, 0)) for t in types],
        "stock_total": sum(stock.get(t.id, 0) for t in types),
        "candidates": count(Candidate, Candidate.id),
        "to_assign": count(Candidate, Candidate.id, ~active),
        "pending": count(CertificationAssignment, CertificationAssignment.id,
                         CertificationAssignment.status == AssignmentStatus.PLANNED),
        "passed": count(CertificationAssignment, CertificationAssignment.id,
                        CertificationAssignment.status == AssignmentStatus.PASSED),
        "groups": count(CandidateGroup, CandidateGroup.id),
    }
