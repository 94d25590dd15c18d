"""The purchase order PDF "<session>_bon_commande.pdf"."""
from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy.orm import Session

from app.documents.pdf import render_pdf
from app.models.requests import PurchaseOrder
from app.services.requests import purchase_orders as svc
from app.services.sessions import documents as docs


def render_purchase_order(db: Session, order: PurchaseOrder, now: datetime) -> bytes:
    session = order.session
    lines = svc.lines_of(db, session)
    return render_pdf("requests/pdf/purchase_order.html", session=session, order=order,
                      lines=lines, totals=svc.totals(lines), title=_("Purchase order"),
                      centre_name=session.centre.name,
                      printed=docs.printed_at(now, session.centre.timezone))
