"""The mission lists' filters (seed 003, 4.1.1): the exams offered by the "Examen" filter and
the missions of the chosen ones."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.missions.missions import Mission
from app.models.reference import Product
from app.security.scope import Viewer, scope_query


def exam_choices(session: Session, viewer: Viewer) -> list[Product]:
    """Only the exams of missions the viewer sees (for a centre: held in it)."""
    missions = scope_query(select(Mission.product_id), Mission, viewer)
    return list(session.scalars(select(Product).where(Product.id.in_(missions))
                                .order_by(Product.code)))


def exam_clause(model, exam_ids: list[int]):
    """The missions of the chosen exams (None: no exam chosen, every mission)."""
    return model.product_id.in_(exam_ids) if exam_ids else None
