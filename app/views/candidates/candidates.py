"""Candidate screens: creation in 5 steps and a summary (identity, password, information,
contact, other: seeds 004 and 001), through the multi-step form of app/views/toolkit/steps.py."""
from __future__ import annotations

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, PasswordField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import PasswordInput

from app.models.candidates import Candidate
from app.services.candidates import reference_lists as lists
from app.services.candidates.resources import CANDIDATES
from app.views.base import ExamModelView
from app.views.toolkit.scoped import ScopedRowMixin
from app.views.toolkit.steps import Step, StepsMixin

LABELS = {
    "civility": _l("Civility"), "last_name": _l("Last name"), "birth_name": _l("Birth name"),
    "first_name": _l("First name"), "birth_date": _l("Birth date"),
    "birth_postcode": _l("Birth postcode"), "birth_city": _l("Birth city"),
    "birth_country": _l("Birth country"), "gender": _l("Gender"),
    "mother_tongue": _l("Mother tongue"), "nationality": _l("Nationality"),
    "email": _l("E-mail"), "phone": _l("Phone"), "address": _l("Address"),
    "id_number": _l("ID document number"), "motivation": _l("Motivation"),
    "education_level": _l("Education level"),
    "socio_professional_category": _l("Socio-professional category"),
    "french_mother_tongue": _l("French as mother tongue"), "employed": _l("Employed"),
    "funding": _l("Funding"), "photo": _l("Photo"), "signature": _l("Signature"),
    "login": _l("Login"), "password": _l("Password"),
    "password_confirm": _l("Password confirmation"),
    "send_login": _l("E-mail the login to the candidate"), "centre": _l("Centre"),
    "number": _l("Registration no."), "registered_at": _l("Registration date"),
    "session": _l("Session"), "candidate": _l("Candidate"), "status": _l("Status"),
    "access_code": _l("Access code"), "component_codes": _l("Test components"),
    "absences": _l("Absent"), "notes": _l("Notes"),
    "components_choice": _l("Test components (modular products)"),
    "request_codes": _l("Requests"), "extra_time": _l("Extra time"),
    "postponed_from": _l("Postponed from (request)"),
}
IDENTITY = ["civility", "last_name", "birth_name", "first_name", "email", "birth_date", "gender"]
PASSWORD = ["password", "password_confirm", "send_login"]
INFORMATION = ["birth_postcode", "birth_city", "birth_country", "nationality", "mother_tongue",
               "id_number"]
CONTACT = ["phone", "address"]
MISC = ["motivation", "education_level", "socio_professional_category",
        "french_mother_tongue", "employed", "funding"]
# The seeds' order: "Identité (Obligatoire), Mot de passe (Obligatoire), Informations
# (Obligatoire), Coordonnées (Facultatif), Divers (Facultatif)".
STEPS = [
    Step(_l("Identity"), tuple(IDENTITY)),
    Step(_l("Password"), tuple(PASSWORD)),
    Step(_l("Information"), tuple(INFORMATION)),
    Step(_l("Contact details"), tuple(CONTACT), required=False),
    Step(_l("Miscellaneous"), tuple(MISC), required=False),
]


def _choices(pairs) -> list[SelectChoice]:
    return [SelectChoice("", "—"), *(SelectChoice(code, label) for code, label in pairs)]


def _list_field(name: str) -> SelectField:
    """A choice from the candidate's reference list `name` (app/services/candidates/
    reference_lists.py), in the reader's language, stored as its code ("" is no choice)."""
    if name in lists.COUNTRY_FIELDS:
        choices = lists.country_choices
    elif name in lists.LANGUAGE_FIELDS:
        choices = lists.language_choices
    else:
        def choices():
            return lists.fixed_choices(name)
    return SelectField(LABELS[name], choices=lambda: _choices(choices()),
                       coerce=lambda value: value or None)


LIST_FIELDS = (*lists.LIST_FIELDS, *lists.COUNTRY_FIELDS, *lists.LANGUAGE_FIELDS)
LIST_FORM_FIELDS = {name: _list_field(name) for name in LIST_FIELDS}
LIST_FORMATTERS = {name: (lambda value, name=name: lists.label_of(name, value))
                   for name in LIST_FIELDS}


class CandidateView(StepsMixin, ScopedRowMixin, ExamModelView):
    datamodel = SQLAInterface(Candidate)
    resource = CANDIDATES
    list_title = _l("Candidates")
    show_title = _l("Candidate")
    add_title = _l("Create a candidate")
    edit_title = _l("Edit the candidate")
    label_columns = LABELS
    list_columns = ["last_name", "first_name", "birth_date", "gender", "email", "nationality"]
    add_steps = STEPS
    add_columns = IDENTITY + PASSWORD + INFORMATION + CONTACT + MISC
    edit_columns = IDENTITY + INFORMATION + CONTACT + MISC
    show_fieldsets = [
        (_l("Identity"), {"fields": IDENTITY}),
        (_l("Information"), {"fields": INFORMATION + ["login"]}),
        (_l("Contact details"), {"fields": CONTACT}),
        (_l("Miscellaneous"), {"fields": MISC}),
    ]
    # Unticked checkboxes are a valid "no" (FAB would make non-null booleans required).
    formatters_columns = LIST_FORMATTERS
    edit_form_extra_fields = {
        **LIST_FORM_FIELDS,
        "french_mother_tongue": BooleanField(_l("French as mother tongue")),
        "employed": BooleanField(_l("Employed")),
    }
    add_form_extra_fields = {
        **edit_form_extra_fields,
        # typed once, kept when the user goes Back to its step (the page is theirs)
        "password": PasswordField(_l("Password"), widget=PasswordInput(hide_value=False)),
        "password_confirm": PasswordField(_l("Password confirmation"),
                                          widget=PasswordInput(hide_value=False)),
        "send_login": BooleanField(_l("E-mail the login to the candidate")),
    }
    search_columns = ["last_name", "first_name", "birth_date", "email", "nationality"]
    base_order = ("last_name", "asc")
