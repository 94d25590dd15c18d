"""Optimistic locking: a save based on an outdated read of a record is refused."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.services.errors import ConflictError, VersionRequired

CONFLICT_MESSAGE = _l(
    "This record was changed by someone else while you were editing it. "
    "Your changes were not saved: reload the record and apply them again.")
MISSING_MESSAGE = _l(
    "This change does not say which version of the record it is based on: reload the record "
    "and apply your changes again.")


def parse_version(raw) -> int | None:
    """The version a client says it read: "3", 3, '"3"' or 'W/"3"' (an If-Match value)."""
    if raw is None:
        return None
    text = str(raw).strip()
    if text.startswith("W/"):
        text = text[2:]
    text = text.strip().strip('"')
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        return -1  # a version that matches nothing: refused as a conflict


def check_version(item, submitted, required: bool = True) -> None:
    """Raise ConflictError unless `submitted` (the version the user read) is the current one,
    VersionRequired when it is missing and `required`.

    The mapper's version counter still refuses a write that races another one between the
    check and the commit (app/services/writes.py turns it into the same ConflictError)."""
    version = parse_version(submitted)
    if version is None:
        if required:
            raise VersionRequired(MISSING_MESSAGE)
        return
    if version != item.version:
        raise ConflictError(CONFLICT_MESSAGE)
