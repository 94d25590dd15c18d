"""The viewer's language and time zone on every page: Babel's time-zone selector (the active
centre's zone), and the Jinja filters that show dates, times, numbers and amounts through
app/services/formatting.py."""
from __future__ import annotations

from flask import Flask, g, has_request_context
from markupsafe import Markup, escape

from app.extensions import db
from app.models.centres import Centre
from app.security.context import current_viewer
from app.services import formatting


def viewer_zone() -> str:
    """The time zone of the viewer's active centre; body staff and evaluators without a centre
    read Paris time (the default zone of every centre)."""
    if not has_request_context():
        return formatting.DEFAULT_ZONE
    cached = g.get("_examdesk_zone")
    if cached is None:
        centre_id = current_viewer().centre_id
        zone = db.session.get(Centre, centre_id).timezone if centre_id else None
        g._examdesk_zone = cached = zone or formatting.DEFAULT_ZONE
    return cached


def time_tag(value, named: bool = False) -> Markup:
    """<time> with the local ISO moment for scripts and the local text for people."""
    if value is None:
        return Markup("")
    return Markup('<time datetime="%s">%s</time>') % (
        formatting.format_iso_local(value), escape(formatting.format_moment(value, named=named)))


FILTERS = {
    "day": formatting.format_day,
    "moment": formatting.format_moment,
    "clock": formatting.format_clock,
    "amount": formatting.format_amount,
    "number": formatting.format_number,
    "percent": formatting.format_percent,
    "time_tag": time_tag,
}


def init_locale(app: Flask) -> None:
    app.extensions["babel"].timezone_selector = viewer_zone
    app.jinja_env.filters.update(FILTERS)
