"""Activation codes for the certifications a centre supervises: unguessable and unique."""
from __future__ import annotations

import secrets

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.candidates import Candidate
from app.models.certifications import AssignmentStatus, CertificationAssignment
from app.services.errors import DomainError

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: read aloud or typed without mistakes. 12 characters of 25
# possible ones give 2^55 codes; drawn with `secrets`, they cannot be guessed.
ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
GROUPS, GROUP_SIZE = 3, 4


def new_activation_code() -> str:
    parts = ["".join(secrets.choice(ALPHABET) for _ in range(GROUP_SIZE))
             for _ in range(GROUPS)]
    return "CLR-" + "-".join(parts)


def _unique_codes(db: Session, count: int) -> list[str]:
    codes: set[str] = set()
    while len(codes) < count:
        batch = {new_activation_code() for _ in range(count - len(codes))} - codes
        taken = set(db.scalars(select(CertificationAssignment.activation_code).where(
            CertificationAssignment.activation_code.in_(batch))))
        codes |= batch - taken
    return list(codes)


def generate_codes(db: Session, rows: list[CertificationAssignment]) -> int:
    """One code per planned assignment that has none; returns how many were generated.

    Raises DomainError (nothing generated) when a row is a certification the centre does not
    supervise (taken in a partner exam centre) or is not planned.
    """
    foreign = [r for r in rows if not r.type.centre_supervised]
    if foreign:
        raise DomainError(_l("Activation codes are only for the certifications your centre "
                             "supervises; %(type)s is taken in a partner exam centre."),
                          type=foreign[0].type.name)
    if any(r.status != AssignmentStatus.PLANNED for r in rows):
        raise DomainError(_l("Activation codes are only generated for planned certifications."))
    todo = [r for r in rows if not r.activation_code]
    for row, code in zip(todo, _unique_codes(db, len(todo)), strict=True):
        row.activation_code = code
    db.flush()
    return len(todo)


def coded_assignments(db: Session, centre_ids: list[int] | None
                      ) -> list[CertificationAssignment]:
    """The planned assignments holding a code, by candidate name (centre_ids None: all)."""
    stmt = (select(CertificationAssignment).join(Candidate)
            .where(CertificationAssignment.activation_code.is_not(None),
                   CertificationAssignment.status == AssignmentStatus.PLANNED)
            .order_by(Candidate.last_name, Candidate.first_name, CertificationAssignment.id))
    if centre_ids is not None:
        stmt = stmt.where(CertificationAssignment.centre_id.in_(centre_ids))
    return list(db.scalars(stmt))
