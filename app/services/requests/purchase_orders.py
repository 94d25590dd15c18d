"""Purchase orders (bon de commande): lines from registrations and prices, signature by the manager."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.candidates import Registration, RegistrationStatus
from app.models.requests import PurchaseOrder, PurchaseOrderStatus
from app.models.sessions import ExamSession
from app.security.roles import CENTRE_MANAGER
from app.services.errors import DomainError, NotAllowed
from app.services.requests.effects import price_due

CENT = Decimal("0.01")


@dataclass(frozen=True)
class OrderLine:
    registration: str
    candidate: str
    components: str
    excl_vat: Decimal
    vat: Decimal


def lines_of(db: Session, session: ExamSession) -> list[OrderLine]:
    """One line per registration still due (withdrawn ones excluded), at its price due."""
    rows = db.scalars(select(Registration).where(
        Registration.session_id == session.id,
        Registration.status != RegistrationStatus.WITHDRAWN).order_by(Registration.number))
    lines = []
    for reg in rows:
        excl, vat = price_due(reg)
        lines.append(OrderLine(reg.number, f"{reg.candidate.last_name} {reg.candidate.first_name}",
                               reg.component_codes, excl, vat))
    return lines


def totals(lines: list[OrderLine]) -> tuple[Decimal, Decimal, Decimal]:
    """(excl. VAT, VAT, total incl. VAT)."""
    excl = sum((line.excl_vat for line in lines), Decimal("0")).quantize(CENT)
    vat = sum((line.vat for line in lines), Decimal("0")).quantize(CENT)
    return excl, vat, (excl + vat).quantize(CENT)


def order_for(db: Session, session: ExamSession) -> PurchaseOrder:
    """The session's purchase order, created unsigned the first time. Raises DomainError."""
    if session.centre_id is None:
        raise DomainError(_l("Purchase orders are made for a centre's session."))
    order = db.scalar(select(PurchaseOrder).where(PurchaseOrder.session_id == session.id))
    if order is None:
        order = PurchaseOrder(session=session, centre_id=session.centre_id,
                              status=PurchaseOrderStatus.UNSIGNED)
        db.add(order)
        db.flush()
    return order


def sign(db: Session, order: PurchaseOrder, *, signer_name: str, accepted: bool,
         roles: frozenset[str], actor_id: int | None, now: datetime) -> PurchaseOrder:
    """The centre manager signs (name, date, acceptance); the order is then read-only.

    Raises NotAllowed for any other role, DomainError when already signed or incomplete.
    """
    if CENTRE_MANAGER not in roles:
        raise NotAllowed(_l("Only the centre manager may sign the purchase order."))
    if order.status == PurchaseOrderStatus.SIGNED:
        raise DomainError(_l("This purchase order is already signed: it can no longer change."))
    if not (signer_name or "").strip() or not accepted:
        raise DomainError(_l("Give your name and tick the acceptance of the quote to sign."))
    excl, vat, _total = totals(lines_of(db, order.session))
    order.total_excl_vat, order.total_vat = excl, vat
    order.signer_name = signer_name.strip()
    order.signed_at, order.signed_by_id = now, actor_id
    order.status = PurchaseOrderStatus.SIGNED
    return order
