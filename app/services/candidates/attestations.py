"""Verifiable attestations: issued when the results are published, each with an unguessable
verification code; a public check by code and birth date, recorded in the audit trail; revoked
on a confirmed fraud."""
from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models.audit import AuditLog
from app.models.candidates import Attestation, Registration, RegistrationStatus
from app.models.sessions import ExamSession
from app.services.audit import current_actor
from app.services.candidates.results import ComponentResult, result_row
from app.services.requests.effects import results_blocked
from app.services.writes import transaction

CODE_BYTES = 10  # 80 random bits: 16 base-32 characters, printed in groups of four
CHECK_ACTION = "attestation_check"


def new_code() -> str:
    """XXXX-XXXX-XXXX-XXXX from the unambiguous base-32 alphabet (A–Z, 2–7)."""
    raw = base64.b32encode(secrets.token_bytes(CODE_BYTES)).decode("ascii")
    return "-".join(raw[i:i + 4] for i in range(0, 16, 4))


def normalise_code(text: str) -> str:
    """What a person types or a QR code carries, as stored: upper case, dashes every four."""
    plain = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    return "-".join(plain[i:i + 4] for i in range(0, len(plain), 4))


def eligible(registration: Registration) -> bool:
    """An attestation goes to a candidate not withdrawn, present at one épreuve at least, whose
    results no confirmed fraud blocks."""
    return (registration.status != RegistrationStatus.WITHDRAWN
            and any(not rc.absent for rc in registration.components)
            and not results_blocked(registration))


def issue(db: Session, registration: Registration, now: datetime) -> Attestation:
    """The registration's attestation, issued now unless it exists."""
    existing = db.scalar(select(Attestation).where(
        Attestation.registration_id == registration.id))
    if existing is not None:
        return existing
    row = Attestation(centre_id=registration.centre_id, registration=registration,
                      registration_id=registration.id, code=new_code(), issued_at=now)
    db.add(row)
    return row


def issue_for_session(db: Session, session: ExamSession, now: datetime) -> list[Attestation]:
    """The attestations of every eligible candidate of a session whose results are published."""
    rows = db.scalars(select(Registration).where(Registration.session_id == session.id))
    return [issue(db, r, now) for r in rows if eligible(r)]


@dataclass(frozen=True)
class Verification:
    """What the public verification page may show: nothing but the name, the product, the
    date and the levels, and only when the birth date matches."""

    outcome: str  # "valid", "revoked", "mismatch", "unknown"
    name: str = ""
    product: str = ""
    day: date | None = None
    components: tuple[ComponentResult, ...] = ()


def verify(db: Session, code: str, birth_date: date | None, now: datetime,
           ip: str | None = None) -> Verification:
    """Check an attestation by code and birth date; every check is written to the audit trail
    (one commit)."""
    with transaction(db):
        row = db.scalar(select(Attestation).where(
            func.upper(Attestation.code) == normalise_code(code)))
        result = _verification(row, birth_date)
        actor = current_actor()
        db.add(AuditLog(at=now, action=CHECK_ACTION, table_name="attestation",
                        record_id=row.id if row else None,
                        user_id=actor.user_id if actor else None,
                        username=actor.username if actor else None, ip=ip,
                        detail=f"{normalise_code(code)[:19]}: {result.outcome}"))
    return result


def _verification(row: Attestation | None, birth_date: date | None) -> Verification:
    if row is None:
        return Verification("unknown")
    registration = row.registration
    candidate = registration.candidate
    if birth_date is None or candidate.birth_date != birth_date:
        return Verification("mismatch")
    name = f"{candidate.first_name} {candidate.last_name}"
    session = registration.session
    if row.revoked_at is not None:
        return Verification("revoked", name, session.product.name, session.start_date)
    parts = tuple(c for c in result_row(registration).components.values())
    return Verification("valid", name, session.product.name, session.start_date, parts)
