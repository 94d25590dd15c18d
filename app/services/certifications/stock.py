"""The certification stock: a ledger per centre and type, never below zero, even concurrently."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models.base import utcnow
from app.models.certifications import CertificationType, StockCounter, StockEntry, StockMovement
from app.services.errors import DomainError
from app.services.live import refresh_dashboards


class InsufficientStock(DomainError):
    """An assignment asks for more certifications than the centre has in stock."""


def stock_of(db: Session, centre_id: int, type_id: int) -> int:
    """The stock of one type in one centre: the sum of its ledger entries."""
    total = db.scalar(select(func.coalesce(func.sum(StockEntry.quantity), 0)).where(
        StockEntry.centre_id == centre_id, StockEntry.type_id == type_id))
    return int(total or 0)


def stock_by_type(db: Session, centre_ids: list[int] | None) -> dict[int, int]:
    """{type id: stock} summed over `centre_ids` (None: every centre)."""
    stmt = select(StockEntry.type_id, func.sum(StockEntry.quantity)).group_by(StockEntry.type_id)
    if centre_ids is not None:
        stmt = stmt.where(StockEntry.centre_id.in_(centre_ids))
    return {type_id: int(total or 0) for type_id, total in db.execute(stmt)}


def _locked_counter(db: Session, centre_id: int, type_id: int) -> StockCounter:
    """The centre-and-type counter row, locked until the transaction ends (FOR UPDATE).

    Every movement of one centre and type goes through this lock, so two simultaneous
    assignments are serialised: the second reads the stock the first one left.
    """
    stmt = (select(StockCounter)
            .where(StockCounter.centre_id == centre_id, StockCounter.type_id == type_id)
            .with_for_update().execution_options(populate_existing=True))
    counter = db.scalar(stmt)
    if counter is not None:
        return counter
    try:
        with db.begin_nested():
            db.add(StockCounter(centre_id=centre_id, type_id=type_id, balance=0))
    except IntegrityError:  # created meanwhile by a concurrent transaction
        pass
    return db.scalar(stmt)


def reserve(db: Session, centre_id: int, ctype: CertificationType, quantity: int
            ) -> tuple[StockCounter, int]:
    """Lock the centre-and-type stock and check that `quantity` (signed) keeps it >= 0.

    Returns the locked counter and the current stock. Raises InsufficientStock otherwise.
    """
    counter = _locked_counter(db, centre_id, ctype.id)
    current = stock_of(db, centre_id, ctype.id)
    if current + quantity < 0:
        raise InsufficientStock(
            _l("Not enough certifications in stock: %(wanted)s requested, %(left)s left "
               "(%(type)s). Order more certifications first."),
            wanted=-quantity, left=current, type=ctype.name)
    return counter, current


def record(db: Session, counter: StockCounter, current: int, movement: StockMovement,
           quantities: list[tuple[int, dict]], note: str | None = None) -> int:
    """Write the ledger entries [(quantity, links)] under the lock `reserve` took."""
    now = utcnow()
    for quantity, links in quantities:
        db.add(StockEntry(centre_id=counter.centre_id, type_id=counter.type_id,
                          movement=movement, quantity=quantity, created_at=now, note=note,
                          **links))
    counter.balance = current + sum(q for q, _ in quantities)
    db.flush()
    refresh_dashboards(counter.centre_id, session=db)  # the stock is on the centre's dashboard
    return counter.balance


def move_stock(db: Session, centre_id: int, ctype: CertificationType, movement: StockMovement,
               quantity: int, *, order_id: int | None = None,
               assignment_id: int | None = None, note: str | None = None) -> int:
    """One ledger entry of `quantity` (signed); returns the new stock.

    Raises InsufficientStock, writing nothing, when the stock would go below zero.
    """
    counter, current = reserve(db, centre_id, ctype, quantity)
    links = {"order_id": order_id, "assignment_id": assignment_id}
    return record(db, counter, current, movement, [(quantity, links)], note)
