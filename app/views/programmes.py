"""Menus and dashboard panels per programme of the viewer's active centre (the rules are in
app/services/centres/programmes.py)."""
from __future__ import annotations

from flask import Flask, g

from app.extensions import db
from app.models.centres import Centre
from app.security.context import current_viewer
from app.services.centres import programmes


def viewer_programmes() -> frozenset[str]:
    """What the viewer's active centre runs; everything for body staff and viewers without a
    centre."""
    cached = g.get("_examdesk_programmes")
    if cached is None:
        viewer = current_viewer()
        centre = None
        if viewer.centre_id and not viewer.is_body:
            centre = db.session.get(Centre, viewer.centre_id)
        g._examdesk_programmes = cached = programmes.programmes_of(centre)
    return cached


def menu_runs(item) -> bool:
    """Jinja filter: a menu category whose programmes the centre runs."""
    return programmes.shows_category(item.name, viewer_programmes())


def runs(programme: str) -> bool:
    return programme in viewer_programmes()


def install(app: Flask) -> None:
    app.jinja_env.filters["menu_runs"] = menu_runs
    app.jinja_env.globals["runs"] = runs
