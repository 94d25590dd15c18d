"""The centre's certification summary (Le Robert's "Mon compte", docs/domain.md): stock per type, candidates, groups."""
from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from app.models.candidates import Candidate
from app.models.certifications import (
    AssignmentStatus,
    CandidateGroup,
    CertificationAssignment,
    CertificationType,
)
from app.security.scope import Viewer, scoped_counts
from app.services.certifications.stock import stock_by_type


def certification_summary(db: Session, viewer: Viewer) -> dict | None:
    """Stock per type, the candidates' certification counts and the number of groups.

    None for a viewer who is neither body staff nor a centre user (evaluators).
    """
    if not (viewer.is_body or viewer.is_centre_user):
        return None
    centre_ids = None if viewer.is_body else [viewer.centre_id or 0]
    stock = stock_by_type(db, centre_ids)
    types = list(db.scalars(select(CertificationType).where(CertificationType.active)
                            .order_by(CertificationType.reference)))
    active = exists().where(CertificationAssignment.candidate_id == Candidate.id,
                            CertificationAssignment.status != AssignmentStatus.CANCELLED)
    return {
        "stock": [(t, stock.get(t.id, 0)) for t in types],
        "stock_total": sum(stock.get(t.id, 0) for t in types),
        **scoped_counts(db, viewer, {
            "candidates": (Candidate,),
            "to_assign": (Candidate, ~active),
            "pending": (CertificationAssignment,
                        CertificationAssignment.status == AssignmentStatus.PLANNED),
            "passed": (CertificationAssignment,
                       CertificationAssignment.status == AssignmentStatus.PASSED),
            "groups": (CandidateGroup,)}),
    }
