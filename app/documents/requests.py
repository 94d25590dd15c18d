"""The purchase order PDF "<session>_bon_commande.pdf"."""
from __future__ import annotations

from datetime import datetime

from flask import render_template
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from app.documents.pdf import html_to_pdf
from app.models.requests import PurchaseOrder
from app.services.requests import purchase_orders as svc
from app.services.sessions import documents as docs


def render_purchase_order(db: Session, order: PurchaseOrder, now: datetime) -> bytes:
    session = order.session
    lines = svc.lines_of(db, session)
    html = render_template("requests/pdf/purchase_order.html", session=session,
                           centre=session.centre, order=order, lines=lines,
                           totals=svc.totals(lines), printed=docs.printed_at(
                               now, session.centre.timezone), title=_("Purchase order"),
                           lang=str(get_locale() or "fr"))
    return html_to_pdf(html)
