"""The competence add form's chain (seed 003, "Ajouter une compétence"): exam, then speciality,
then épreuve-option. The exam select lists the viewer's exams; the speciality select is filled
from the exam typed (on the server when the form shows again, by chain.js in the page)."""
from __future__ import annotations

import json

from flask_babel import lazy_gettext as _l
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from app.extensions import db
from app.security.context import current_viewer
from app.services.missions import competences

EMPTY = SelectChoice("", "—")


def chain_id(raw) -> int | None:
    """A select's value as an id (empty or unreadable: none)."""
    try:
        return int(raw) if raw not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _exams():
    return [EMPTY, *(SelectChoice(str(p.id), str(p))
                     for p in competences.exam_choices(db.session, current_viewer()))]


def _specialities(form, field):
    rows = competences.speciality_choices(db.session, current_viewer(), form.chain_exam.data)
    return [EMPTY, *(SelectChoice(str(s.id), str(s)) for s in rows)]


def _chained(url_level: str, params: dict) -> dict:
    """data- attributes read by chain.js: where the choices come from and which fields feed it."""
    return {"class": "form-control", "data-chain-level": url_level,
            "data-chain-params": json.dumps(params)}


CHAIN_FIELDS = {
    "chain_exam": SelectField(_l("Exam"), coerce=chain_id, choices=_exams,
                              validators=[Optional()], render_kw={"class": "form-control"}),
    "chain_speciality": SelectField(
        _l("Speciality"), coerce=chain_id, choices=_specialities, validate_choice=False,
        validators=[Optional()],
        render_kw=_chained("specialities", {"exam": "chain_exam"})),
}
COMPONENT_CHAIN = _chained("options", {"exam": "chain_exam", "speciality": "chain_speciality"})
