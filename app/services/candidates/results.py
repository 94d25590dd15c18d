"""Results a body can sign: levels on the product's scale, the session results table
("Tableau de résultats"), what publishing requires, and who issues the attestation."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.models.candidates import Registration, RegistrationComponent, RegistrationStatus
from app.models.reference import ProductRange
from app.models.sessions import ExamSession
from app.models.sessions import SessionStatus as S
from app.security.scope import Viewer
from app.services.errors import DomainError, NotAllowed
from app.services.reference.scales import level_of

# Who certifies each range of products: the attestation is issued in that body's name.
CERTIFYING_BODIES = {
    ProductRange.TEF: "CCI Paris Île-de-France Éducation — Le français des affaires",
    ProductRange.DFP: "CCI Paris Île-de-France Éducation — Le français des affaires",
    ProductRange.CIMA: "Institut du monde arabe",
    ProductRange.CLR: "Le Robert",
}
DEFAULT_BODY = "ExamDesk"
ACTIVE = (RegistrationStatus.REGISTERED, RegistrationStatus.COMPLETED)
VISIBLE_TO_CENTRES = (S.RESULTS_PUBLISHED, S.ARCHIVED)


def certifying_body(product_range: ProductRange) -> str:
    return CERTIFYING_BODIES.get(product_range, DEFAULT_BODY)


@dataclass(frozen=True)
class ComponentResult:
    code: str
    label: str
    absent: bool
    score: Decimal | None
    level: str | None


@dataclass(frozen=True)
class ResultRow:
    registration: Registration
    components: dict[str, ComponentResult]
    total: Decimal | None

    @property
    def absent_everywhere(self) -> bool:
        return bool(self.components) and all(c.absent for c in self.components.values())


def result_row(registration: Registration) -> ResultRow:
    """One candidate's results: per épreuve score, absence and level; the total of the scores."""
    product_range = registration.session.product.range
    parts = {rc.component.code: ComponentResult(
        rc.component.code, rc.component.label, rc.absent, None if rc.absent else rc.score,
        None if rc.absent else level_of(product_range, rc.score))
        for rc in sorted(registration.components, key=lambda rc: rc.component.position)}
    scores = [c.score for c in parts.values() if c.score is not None]
    return ResultRow(registration, parts, sum(scores, Decimal("0")) if scores else None)


def missing_results(db: Session, session: ExamSession) -> list[str]:
    """"R0000012 (EO)" for every registered épreuve with neither a score nor an absence."""
    missing = []
    for registration in _registrations(db, session):
        codes = [rc.component.code for rc in registration.components
                 if not rc.absent and rc.score is None]
        if codes:
            missing.append(f"{registration.number} ({', '.join(codes)})")
    return missing


def check_publishable(db: Session, session: ExamSession) -> None:
    """Raises DomainError listing the épreuves still without a score or an absence."""
    missing = missing_results(db, session)
    if missing:
        raise DomainError(_l("Every registered test component needs a score or an absence "
                             "before the results are published. Missing: %(missing)s."),
                          missing=", ".join(missing[:20]) + (" …" if len(missing) > 20 else ""))


def check_results_visible(viewer: Viewer, session: ExamSession) -> None:
    """The body reads a session's results at any time, a centre once they are published.
    Raises NotAllowed."""
    if viewer.is_body or viewer.is_evaluator:
        return
    if session.status not in VISIBLE_TO_CENTRES:
        raise NotAllowed(_l("The results table is available once the results are published."))


def results_table(db: Session, viewer: Viewer, session: ExamSession) -> tuple[list[str],
                                                                              list[ResultRow]]:
    """The "Tableau de résultats": the épreuve codes and one row per candidate. Raises
    NotAllowed (see check_results_visible)."""
    check_results_visible(viewer, session)
    codes = [c.code for c in session.product.components]
    return codes, [result_row(r) for r in _registrations(db, session)]


def _registrations(db: Session, session: ExamSession) -> list[Registration]:
    return list(db.scalars(select(Registration).where(
        Registration.session_id == session.id, Registration.status.in_(ACTIVE)).options(
        selectinload(Registration.candidate),
        selectinload(Registration.components).selectinload(RegistrationComponent.component))
        .order_by(Registration.number)))
