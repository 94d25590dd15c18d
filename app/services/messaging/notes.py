"""Staff notes ("Note interne"): the one rule of who reads and writes them."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import true

from app.models.messaging import Message
from app.security.scope import Viewer
from app.services.errors import NotAllowed


def may_see_notes(viewer: Viewer) -> bool:
    """Staff notes ("Note interne") are read and written by the body's staff only (Support,
    Pedagogy, Admin, exam managers); a centre user or an evaluator never sees one, on any path.
    The same rule, as SQL, is the messages' tenancy (Message.tenant_clause)."""
    return viewer.is_body


def readable(viewer: Viewer):
    """SQL condition on Message: the messages the viewer may read in a conversation they take
    part in (every message for staff, all but the staff notes for anyone else)."""
    return true() if may_see_notes(viewer) else Message.internal.is_(False)


def check_note(viewer: Viewer, internal) -> bool:
    """Whether a message to store is a staff note; raises NotAllowed for anyone but staff."""
    internal = internal is True or internal in ("1", "true", "on", 1)
    if internal and not may_see_notes(viewer):
        raise NotAllowed(_l("Only the body's staff may write an internal note."))
    return internal
