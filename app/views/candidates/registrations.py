"""Registrations of candidates to sessions: access codes, withdrawals, absences, results."""
from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_appbuilder import expose
from flask_appbuilder.actions import action
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.security.decorators import has_access
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import StringField

from app.extensions import db
from app.models.candidates import REGISTRATION_CANDIDATE_FIELDS, Registration
from app.security.context import current_viewer
from app.services.candidates import registrations as reg_svc
from app.services.candidates.resources import REGISTRATIONS
from app.services.errors import DomainError
from app.views.base import ExamModelView
from app.views.candidates.candidates import LABELS
from app.views.candidates.results import RegistrationResultsMixin
from app.views.requests.badges import request_badges
from app.views.requests.filing import RegistrationRequestsMixin
from app.views.toolkit.scoped import ScopedRowMixin

CANDIDATE_COLUMNS = [f"candidate.{field}" for field in REGISTRATION_CANDIDATE_FIELDS]


class RegistrationView(RegistrationRequestsMixin, RegistrationResultsMixin, ScopedRowMixin,
                       ExamModelView):
    datamodel = SQLAInterface(Registration)
    resource = REGISTRATIONS
    list_title = _l("Registrations")
    show_title = _l("Registration")
    show_template = "candidates/registration_show.html"
    add_title = _l("Register a candidate")
    edit_title = _l("Edit the registration")
    label_columns = {**LABELS, **{f"candidate.{f}": LABELS[f]
                                  for f in REGISTRATION_CANDIDATE_FIELDS}}
    list_columns = ["number", "session", "candidate", *CANDIDATE_COLUMNS, "status",
                    "component_codes", "absences", "access_code", "request_codes"]
    show_columns = ["number", "registered_at", "session", "candidate", "status",
                    "component_codes", "absences", "access_code", "notes", "request_codes",
                    "postponed_from"]
    formatters_columns = {"request_codes": request_badges}
    list_related = {"component_codes": ("components.component",),
                    "absences": ("components.component",), "request_codes": ("requests",)}
    add_columns = ["session", "candidate", "components_choice"]
    add_form_extra_fields = {"components_choice": StringField(
        _l("Test components (modular products)"),
        description=_l("Codes separated by commas, e.g. CE, EO; empty = all."))}
    edit_columns = ["notes"]
    search_columns = ["number", "session", "candidate", "status", "access_code"]

    @action("withdraw", _l("Mark as withdrawn"), _l("Mark the selected candidates as withdrawn?"),
            "fa-user-times")
    def withdraw(self, items):
        return self.run_per_row(items, reg_svc.withdraw, _("%(count)s registration(s) withdrawn."))

    @action("mark_absent", _l("Declare absent (all test components)"),
            _l("Declare the selected candidates absent?"), "fa-user-o")
    def mark_absent(self, items):
        return self.run_per_row(items, reg_svc.mark_absent, _("%(count)s absence(s) declared."))


    @expose("/absence/<pk>", methods=["GET", "POST"])
    @has_access
    def absence(self, pk):
        item = self._scoped(pk)
        status = 200
        if request.method == "POST":
            try:
                reg_svc.record_absences(db.session, current_viewer(), item,
                                        request.form.getlist("absent"))
            except DomainError as exc:
                flash(str(exc), "danger")
                status = 422  # shown again with the boxes as ticked
            else:
                flash(_("Absences saved."), "success")
                return redirect(url_for(".show", pk=item.id))
        return self.render_template("candidates/absence.html", item=item), status

