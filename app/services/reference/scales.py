"""Reference data: the scale of each product range, which reads an épreuve's score as a level
(the CECRL bands of the TEF, DFP and CIMA scores, Le Robert's own levels), and its maximum."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from flask_babel import lazy_gettext as _l

from app.models.reference import ProductRange


@dataclass(frozen=True)
class Scale:
    """Scores from 0 to `maximum`; `bands` are (lowest score, level), highest level first; a
    score under the lowest band reads `below`."""

    key: str
    name: object
    maximum: int
    bands: tuple[tuple[int, object], ...]
    below: object

    def level(self, score: Decimal | None) -> str | None:
        if score is None:
            return None
        return str(next((level for floor, level in self.bands if score >= floor), self.below))


# TEF (CCI Paris Île-de-France): a score per épreuve out of 699, read as a CECRL level. The DFP
# (same body) reports on the same bands.
TEF = Scale("tef", _l("CEFR levels (TEF, out of 699)"), 699,
            ((600, "C2"), (541, "C1"), (400, "B2"), (271, "B1"), (181, "A2"), (101, "A1")),
            "< A1")
# CIMA (Institut du monde arabe): each of the four épreuves out of 100, placed on the six CECRL
# levels from A1 ("découverte") to C2 ("maîtrise").
CIMA = Scale("cima", _l("CEFR levels (CIMA, out of 100)"), 100,
             ((90, "C2"), (75, "C1"), (60, "B2"), (45, "B1"), (30, "A2"), (15, "A1")), "< A1")
# Certification Le Robert: one online test scored out of 1,000, read on the certification's own
# levels of command of French in a professional context.
LE_ROBERT = Scale("clr", _l("Le Robert levels (out of 1,000)"), 1000,
                  ((900, _l("Expert")), (750, _l("Advanced")), (500, _l("Professional")),
                   (300, _l("Intermediate"))), _l("Elementary"))

SCALES: dict[ProductRange, Scale] = {
    ProductRange.TEF: TEF, ProductRange.DFP: TEF, ProductRange.CIMA: CIMA,
    ProductRange.CLR: LE_ROBERT,
}
# Products outside the catalogue's ranges ("Other") have no scale: scores up to this, no level.
UNSCALED_MAXIMUM = 999


def scale_for(product_range: ProductRange) -> Scale | None:
    return SCALES.get(product_range)


def level_of(product_range: ProductRange, score: Decimal | None) -> str | None:
    """The level of a score on the range's scale; None without score or without scale."""
    scale = scale_for(product_range)
    return scale.level(score) if scale else None


def maximum_score(product_range: ProductRange) -> int:
    scale = scale_for(product_range)
    return scale.maximum if scale else UNSCALED_MAXIMUM
