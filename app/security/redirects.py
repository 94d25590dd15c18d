"""The one safe-redirect helper: every `next=` of the application (log-in, language switch,
centre switch) goes through `safe_next`, which keeps only a path of this site."""
from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit


def _has_control_or_backslash(target: str) -> bool:
    # Browsers drop tabs and newlines and read "\" as "/" before parsing a Location, so
    # "/\t/evil.example/" and "/\\evil.example" leave the site though they start with "/".
    return "\\" in target or any(unicodedata.category(c)[0] in "CZ" and c != " "
                                 for c in target)


def is_local_path(target: str | None) -> bool:
    """True for a path of this site ("/sessions/?page=2"), false for anything a browser could
    send elsewhere: another host or scheme, "//host", control characters, backslashes."""
    if not target or not isinstance(target, str) or _has_control_or_backslash(target):
        return False
    try:
        parts = urlsplit(target)
    except ValueError:
        return False
    if parts.scheme or parts.netloc or target.startswith("//"):
        return False
    return parts.path.startswith("/") and not parts.path.startswith("//")


def safe_next(target: str | None, fallback: str) -> str:
    """`target` when it is a path of this site, else `fallback`."""
    return target if is_local_path(target) else fallback
