"""The competence list's cells: authors with the withdrawn ones struck through, and the + and ×
of each row (forms posting to CompetenceView.mark), hidden once the centre's entry is locked."""
from __future__ import annotations

import re

from flask import g, url_for
from flask_babel import gettext as _
from flask_babel import pgettext
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape

from app.extensions import db
from app.security.context import current_viewer
from app.services.missions import competences

AUTHOR = re.compile(r"(\S+) \((C|I)\)")


def authors_cell(display: str) -> Markup:
    """"SYS (C) 0750001H (C) P750001 (I)" with the withdrawn authors struck through (an export
    strips the tags and keeps the seed's text)."""
    parts = []
    for code, mark in AUTHOR.findall(display or ""):
        text = escape(f"{code} ({mark})")
        parts.append(text if mark == "C" else Markup('<s title="{}">{}</s>').format(
            pgettext("competence", "Withdrawn"), text))
    return Markup(" ").join(parts)


def _locked() -> bool:
    """The viewer's centre validated its entry (asked once per request)."""
    if "competence_locked" not in g:
        viewer = current_viewer()
        g.competence_locked = bool(viewer.is_centre_user and viewer.centre_id and
                                   competences.is_entry_locked(db.session, viewer.centre_id))
    return g.competence_locked


def actions_cell(competence) -> Markup:
    if _locked():
        return Markup("")
    token = generate_csrf()
    buttons = []
    for kind, sign, label, style in (("c", "+", _("Declare competent (C)"), "btn-success"),
                                     ("i", "×", _("Withdraw (I)"), "btn-danger")):
        buttons.append(Markup(
            '<form method="post" action="{}" class="examdesk-inline-form" style="display:inline">'
            '<input type="hidden" name="csrf_token" value="{}">'
            '<button type="submit" class="btn btn-xs {}" title="{}" aria-label="{} — {}">{}'
            '</button></form>').format(
                url_for("CompetenceView.mark", pk=competence.id, kind=kind), token, style, label,
                label, str(competence), sign))
    return Markup(" ").join(buttons)
