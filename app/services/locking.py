"""Optimistic locking: a save based on an outdated read of a record is refused."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.services.errors import ConflictError


def check_version(item, submitted) -> None:
    """Raise ConflictError unless `submitted` (the version the user read) is the current one.

    A missing version (None or "") is not checked here; the mapper's version counter still
    refuses a write that races another one between read and commit.
    """
    if submitted in (None, ""):
        return
    try:
        submitted = int(submitted)
    except (TypeError, ValueError):
        submitted = -1
    if submitted != item.version:
        raise ConflictError(_l(
            "This record was changed by someone else while you were editing it. "
            "Your changes were not saved: reload the record and apply them again."))
