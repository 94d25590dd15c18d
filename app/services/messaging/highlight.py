"""Search terms and highlighted excerpts: the pure core of the messaging search (no database).

Text from users is escaped here, once: the only markup in an excerpt is `<mark>` around the
words that match, so a message holding `<script>` shows as text (an earlier stored XSS came
from unescaped chat text).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from app.services.errors import ValidationFailed

WORD = re.compile(r"[^\W_]+")
MIN_TERM = 3  # at least one word of 3 letters or digits
MAX_QUERY = 200
MAX_TERMS = 8
LIGATURES = {"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "đ": "d", "ł": "l", "ı": "i"}
MARK = Markup("<mark>{0}</mark>")
ELLIPSIS = "…"


def fold(text: str) -> str:
    """Lower case without accents: "Hôpital" → "hopital", "Cœur" → "coeur"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(LIGATURES.get(c, c) for c in plain)


@dataclass(frozen=True)
class Terms:
    """The words searched for: `typed` as the user typed them (lower case; the databases fold
    accents their own way), `folded` for highlighting."""

    typed: tuple[str, ...]
    folded: tuple[str, ...]


class SearchRefused(ValidationFailed):
    """The search text cannot be searched for: one sentence, about the field `q`."""

    def __init__(self, message):
        super().__init__(message, {"q": message})

    def __str__(self) -> str:
        return str(self.message)


def parse_terms(text) -> Terms:
    """The words of a search (each one is a word prefix; all must match).

    Raises SearchRefused (a ValidationFailed on `q`): nothing to search for, no word of 3
    letters or digits, a search longer than 200 characters.
    """
    text = unicodedata.normalize("NFC", text.strip()) if isinstance(text, str) else ""
    if len(text) > MAX_QUERY:
        raise SearchRefused(_l("The search is too long (%(max)d characters at most).",
                                 max=MAX_QUERY))
    words = [w.lower() for w in WORD.findall(text)]
    if not words:
        raise SearchRefused(_l("Type a word to search for."))
    # One-letter words ("l'" of "l'hôpital") would match nearly everything: left out.
    words = [w for w in words if len(w) > 1]
    if not any(len(fold(w)) >= MIN_TERM for w in words):
        raise SearchRefused(_l("Type at least %(min)d letters or digits.", min=MIN_TERM))
    words = list(dict.fromkeys(words))[:MAX_TERMS]
    return Terms(tuple(words), tuple(dict.fromkeys(fold(w) for w in words)))


def _matches(word: str, terms: tuple[str, ...]) -> bool:
    folded = fold(word)
    return any(folded.startswith(term) for term in terms)


def highlight(text: str, terms: tuple[str, ...]) -> Markup:
    """`text` escaped, each word that starts with one of the (folded) `terms` in `<mark>`."""
    text = unicodedata.normalize("NFC", text or "")
    parts, last = [], 0
    for match in WORD.finditer(text):
        if _matches(match.group(0), terms):
            parts.append(escape(text[last:match.start()]))
            parts.append(MARK.format(match.group(0)))
            last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def excerpt(text: str, terms: tuple[str, ...], before: int = 60, width: int = 220) -> Markup:
    """Up to `width` characters of `text` around its first hit, highlighted; "…" where cut."""
    text = unicodedata.normalize("NFC", text or "")
    if len(text) <= width:
        return highlight(text, terms)
    first = next((m.start() for m in WORD.finditer(text) if _matches(m.group(0), terms)), 0)
    start = max(0, min(first - before, len(text) - width))
    if start:  # start on a word
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > first else end
    head = ELLIPSIS if start else ""
    tail = ELLIPSIS if end < len(text) else ""
    return Markup("").join([escape(head), highlight(text[start:end], terms), escape(tail)])
