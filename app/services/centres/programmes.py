"""The programmes a centre runs, and which menus and dashboard panels each one opens: a
centre's users see only what their centre runs; body staff see everything."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.models.centres import Centre

LANGUAGE_TESTS, CIMA, LE_ROBERT, MISSIONS = "language_tests", "cima", "le_robert", "missions"
PROGRAMMES = {
    LANGUAGE_TESTS: ("runs_language_tests", _l("Language test sessions (TEF, DFP…)")),
    CIMA: ("runs_cima", _l("CIMA")),
    LE_ROBERT: ("runs_le_robert", _l("Certification Le Robert")),
    MISSIONS: ("runs_missions", _l("Exam missions")),
}
ALL = frozenset(PROGRAMMES)
# A menu category (app/views/__init__.py) is shown when the centre runs one of these.
CATEGORY_PROGRAMMES = {
    "Exams": frozenset({LANGUAGE_TESTS, CIMA}),
    "Requests": frozenset({LANGUAGE_TESTS, CIMA}),
    "Certifications": frozenset({LE_ROBERT}),
    "Missions": frozenset({MISSIONS}),
}


def programmes_of(centre: Centre | None) -> frozenset[str]:
    """The programmes of a centre; everything when there is none (body staff)."""
    if centre is None:
        return ALL
    return frozenset(key for key, (column, _label) in PROGRAMMES.items()
                     if getattr(centre, column))


def shows_category(category: str, programmes: frozenset[str]) -> bool:
    needed = CATEGORY_PROGRAMMES.get(category)
    return needed is None or bool(needed & programmes)


def set_programmes(centre: Centre, chosen) -> None:
    """Record the programmes a centre runs (the caller commits with the rest of the form)."""
    chosen = set(chosen or ())
    for key, (column, _label) in PROGRAMMES.items():
        setattr(centre, column, key in chosen)
