"""Loads the demo data: the reference rows, then each capability's rows, in this order.

Every loader is idempotent (it finds a row by its natural key before creating it), so loading
twice changes nothing. A capability that adds demo rows adds its `load` function to LOADERS.
"""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from app.demo import (
    certifications,
    guides,
    messaging,
    missions,
    reference,
    requests,
    sessions,
    training,
)

LOADERS: tuple[Callable[[Session], None], ...] = (
    guides.load,
    sessions.load,
    sessions.load_public,
    missions.load,
    messaging.load,
    messaging.load_canned_replies,
    certifications.load,
    requests.load,
    training.load,
)


def load_demo(session: Session, find_role) -> dict[str, int]:
    """Create what is missing; return how many centres, products and users the demo has."""
    counts = reference.load(session, find_role)
    session.commit()
    for load in LOADERS:
        load(session)
        session.commit()
    return counts
