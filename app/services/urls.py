"""The one check of a web address a user types (a video link, any URL field): http or https to
a host, nothing a browser would run or reinterpret (javascript:, data:, control characters)."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l

from app.services.errors import ValidationFailed

WEB_SCHEMES = frozenset({"http", "https"})
# Control characters and whitespace inside an address: browsers drop tabs and newlines before
# parsing (so "java\tscript:" runs), and a backslash is read as a slash.
UNSAFE = re.compile(r"[\x00-\x20\x7f\\]")
NOT_A_WEB_ADDRESS = _l("must be a web address starting with http:// or https://.")


def is_web_address(value: str | None) -> bool:
    """True for an absolute http(s) address with a host and nothing a browser reinterprets."""
    if not value or UNSAFE.search(value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.hostname)


def clean_web_address(value: str | None, field: str, label=None) -> str | None:
    """The address, stripped (None when empty). Raises ValidationFailed on `field` for anything
    but an http(s) address."""
    value = (value or "").strip()
    if not value:
        return None
    if not is_web_address(value):
        raise ValidationFailed(_l("This address cannot be used:"), {field: NOT_A_WEB_ADDRESS},
                               {field: label} if label is not None else None)
    return value
