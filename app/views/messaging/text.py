"""Plain-text messages as safe HTML: everything escaped, http(s) links made clickable."""
from __future__ import annotations

import re

from markupsafe import Markup, escape

URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
TRAILING = ".,;:!?)]}"


def linkify(text: str) -> Markup:
    """Escape `text`; wrap each http(s) URL in a link that opens safely in a new tab."""
    parts, last = [], 0
    for match in URL.finditer(text or ""):
        url = match.group(0).rstrip(TRAILING)
        end = match.start() + len(url)
        parts.append(escape(text[last:match.start()]))
        parts.append(Markup('<a href="{0}" rel="noopener noreferrer nofollow" '
                            'target="_blank">{0}</a>').format(url))
        last = end
    parts.append(escape((text or "")[last:]))
    return Markup("").join(parts)
