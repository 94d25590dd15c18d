"""Staff screens: staff members and extracts, teachings, unavailabilities, competences."""
from __future__ import annotations

from flask import abort, flash, jsonify, redirect, request, url_for
from flask_appbuilder import expose
from flask_appbuilder.actions import action
from flask_appbuilder.models.filters import BaseFilter
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.security.decorators import has_access, permission_name
from flask_appbuilder.urltools import get_filter_args
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField
from wtforms.validators import InputRequired, Optional

from app.documents.files import download
from app.documents.missions import EXTRACT_FORMATS, staff_extract, table_document
from app.extensions import db
from app.models.centres import Centre
from app.models.missions.staff import (
    Competence,
    CompetenceEntryLock,
    StaffMember,
    Teaching,
    Unavailability,
)
from app.security.context import current_viewer
from app.services.clock import local_today, now
from app.services.errors import DomainError
from app.services.missions import competences, resources, staff_home, unavailabilities
from app.views.base import ExamModelView
from app.views.missions.common import (
    LABELS,
    ScopedDeleteMixin,
    StaffPeriodFilter,
    period_messages,
    yes_no,
)
from app.views.missions.competence_cells import actions_cell, authors_cell
from app.views.missions.competence_chain import CHAIN_FIELDS, COMPONENT_CHAIN, chain_id
from app.views.toolkit.fields import LocaleDateField

EXTRACTS = ("staff", "teachings", "missions", "missions_detailed")


class TeachingView(ExamModelView):
    """Read-only: teachings come from the school information system."""

    datamodel = SQLAInterface(Teaching)
    exclude_route_methods = {"download", "add", "edit", "delete"}
    list_title = show_title = _l("Teachings")
    label_columns = LABELS
    list_columns = ["staff_member", "establishment", "training_module", "module_type",
                    "subject", "modality"]
    show_columns = list_columns
    search_columns = ["staff_member", "establishment", "subject"]


class UnavailabilityView(ScopedDeleteMixin, ExamModelView):
    datamodel = SQLAInterface(Unavailability)
    resource = resources.UNAVAILABILITIES
    list_title = _l("Unavailabilities")
    show_title = _l("Unavailability")
    add_title = _l("Declare an unavailability")
    label_columns = {**LABELS, **unavailabilities.LABELS}
    list_columns = ["staff_member", "starts_at", "ends_at", "reason", "author_centre",
                    "created_at"]
    show_columns = list_columns + ["author_user"]
    # The seed's entry: dates, then whole days, a half-day or hours, in the centre's time.
    add_columns = ["staff_member", "start_day", "end_day", "period", "start_time", "end_time",
                   "reason"]
    add_form_extra_fields = {
        "start_day": LocaleDateField(unavailabilities.LABELS["start_day"],
                                     validators=[InputRequired()]),
        "end_day": LocaleDateField(unavailabilities.LABELS["end_day"],
                                   validators=[Optional()],
                                   description=_l("Leave empty for a single day.")),
        "period": SelectField(unavailabilities.LABELS["period"],
                              choices=unavailabilities.period_choices,
                              default=unavailabilities.WHOLE_DAY,
                              render_kw={"class": "form-control"}),
        "start_time": StringField(unavailabilities.LABELS["start_time"],
                                  render_kw={"placeholder": "HH:MM", "inputmode": "numeric",
                                             "class": "form-control"},
                                  description=_l("For hours: the start time of the first day.")),
        "end_time": StringField(unavailabilities.LABELS["end_time"],
                                render_kw={"placeholder": "HH:MM", "inputmode": "numeric",
                                             "class": "form-control"},
                                description=_l("For hours: the end time of the last day.")),
    }
    search_columns = ["staff_member", "starts_at", "ends_at", "reason"]
    base_order = ("starts_at", "desc")


class CentreExamsFilter(BaseFilter):
    """The add form offers centre users the test-options of the exams their centre runs."""

    name = "Centre exams"
    arg_name = None

    def apply(self, query, value):
        viewer = current_viewer()
        if viewer.is_body or not viewer.is_centre_user:
            return query
        return query.filter(self.model.product_id.in_(
            competences.centre_exam_ids(viewer.centre_id or 0)))


class CompetenceView(ScopedDeleteMixin, ExamModelView):
    datamodel = SQLAInterface(Competence)
    resource = resources.COMPETENCES
    list_title = _l("Competences")
    show_title = _l("Competence")
    add_title = _l("Add a competence")
    label_columns = {**LABELS, "exam": _l("Exam"), "row": _l("Actions"),
                     "authors_display": _l("Authors"), "speciality": _l("Speciality"),
                     "chain_exam": _l("Exam"), "chain_speciality": _l("Speciality")}
    # The seed's list: exam, speciality, épreuve-option, the authors (a withdrawn one struck
    # through) and the + and × of each row, which stay on the list (hidden once locked).
    list_columns = ["staff_member", "exam", "speciality", "component", "authors_display", "row"]
    show_columns = ["staff_member", "exam", "speciality", "component", "authors_display"]
    # The seed's add form: exam, then speciality, then épreuve-option, each filled from the
    # one before (chain.js asks `chain`); the exam and speciality only narrow the choice.
    add_columns = ["staff_member", "chain_exam", "chain_speciality", "component"]
    add_form_extra_fields = CHAIN_FIELDS
    add_form_query_rel_fields = {"component": [["id", CentreExamsFilter, None]]}
    search_columns = ["staff_member", "component"]
    list_template = "missions/competence_list.html"
    add_template = "missions/competence_add.html"

    formatters_columns = {"row": actions_cell, "authors_display": authors_cell}

    def _init_forms(self):
        super()._init_forms()
        # "EE - Expression écrite" exists in several exams: the choice names the exam first.
        self.add_form.component.kwargs["get_label"] = (
            lambda c: f"{c.product.code} — {c.code} - {c.label}")
        self.add_form.component.kwargs["render_kw"] = COMPONENT_CHAIN

    @expose("/chain/<level>")
    @has_access
    @permission_name("add")
    def chain(self, level):
        """The add form's next select as JSON [{id, label}]: the specialities of ?exam=, or
        the épreuve-options of ?exam= and ?speciality=, in the viewer's scope."""
        viewer, exam = current_viewer(), chain_id(request.args.get("exam"))
        if level == "specialities":
            rows = competences.speciality_choices(db.session, viewer, exam)
        elif level == "options":
            rows = competences.option_choices(db.session, viewer, exam,
                                              chain_id(request.args.get("speciality")))
        else:
            abort(404)
        return jsonify([{"id": row.id, "label": str(row)} for row in rows])

    @expose("/mark/<int:pk>/<kind>", methods=["POST"])
    @has_access
    def mark(self, pk, kind):
        """+ (C) or × (I) of one row; back to the list the user was on."""
        item = self.datamodel.get(pk, self._base_filters)
        if item is None or kind not in ("c", "i"):
            abort(404)
        done = _("Competence declared (C).") if kind == "c" else _("Competence withdrawn (I).")
        return self.run_per_row([item], lambda row: resources.mark_competence(
            db.session, current_viewer(), row, kind == "c"), done)

    def _mark(self, items, competent: bool):
        viewer = current_viewer()
        return self.run_per_row(items, lambda item: resources.mark_competence(
            db.session, viewer, item, competent))

    @action("confirm", "+", _l("Declare these competences (C)?"), "fa-plus")
    def confirm(self, items):
        return self._mark(items, True)

    @action("withdraw", "×", _l("Withdraw these competences (I)?"), "fa-times")
    def withdraw(self, items):
        return self._mark(items, False)

    @expose("/validate_entry", methods=["POST"])
    @has_access
    def validate_entry(self):
        """"J'ai terminé la saisie des compétences": the centre's entry is locked."""
        if request.form.get("finished") != "y":
            flash(_("Tick the box to confirm that the entry is finished."), "danger")
            return redirect(url_for(".list"))
        try:
            resources.validate_competence_entry(db.session, current_viewer(), now())
        except DomainError as exc:
            flash(str(exc), "danger")
        else:
            flash(_("Competence entry validated: ask the exam managers for any change."),
                  "success")
        return redirect(url_for(".list"))


class CompetenceLockView(ExamModelView):
    """Exam managers unlock a centre's validated competence entry."""

    datamodel = SQLAInterface(CompetenceEntryLock)
    exclude_route_methods = {"download", "add", "edit", "delete"}
    list_title = show_title = _l("Competence entry validations")
    label_columns = LABELS | {"centre": _l("Centre")}
    list_columns = show_columns = ["centre", "locked", "changed_at"]
    formatters_columns = yes_no("locked")
    search_columns = ["centre", "locked"]

    @action("unlock", _l("Unlock"), _l("Unlock the competence entry of these centres?"),
            "fa-unlock")
    def unlock(self, items):
        at = now()
        return self.run_per_row(items, lambda item: competences.set_entry_lock(
            db.session, item.centre_id, False, at))


class StaffMemberView(ScopedDeleteMixin, ExamModelView):
    datamodel = SQLAInterface(StaffMember)
    resource = resources.STAFF
    list_title = _l("Staff")
    show_title = _l("Staff member")
    add_title = _l("Add a staff member")
    edit_title = _l("Edit the staff member")
    label_columns = LABELS
    list_columns = ["identifier", "last_name", "first_name", "post_discipline", "centre",
                    "secondary_centre", "last_convocation_date"]
    show_columns = ["identifier", "last_name", "first_name", "birth_date", "post_discipline",
                    "centre", "secondary_centre", "professional_email", "personal_email",
                    "professional_phone", "personal_phone", "address", "user",
                    "last_convocation_date"]
    add_columns = edit_columns = [c for c in show_columns if c != "last_convocation_date"]
    search_columns = ["identifier", "last_name", "first_name", "post_discipline", "centre",
                      "last_convocation_date"]
    base_order = ("last_name", "asc")
    base_filters = [["id", StaffPeriodFilter, None]]
    related_views = [TeachingView, UnavailabilityView, CompetenceView]
    list_template = "missions/staff_list.html"
    show_template = "missions/staff_show.html"

    def render_template(self, template, **kwargs):
        if template == self.list_template:
            for message in period_messages():
                flash(message, "danger")
        if template == self.show_template and kwargs.get("item") is not None:
            # The seed's "Affectations convoquées" tab: the person's convocations and PDFs.
            kwargs["assignments"] = staff_home.convoked_assignments(
                db.session, current_viewer(), kwargs["item"], local_today())
        return super().render_template(template, **kwargs)

    def _rows(self):
        """The rows the list shows: its search filters, the period filters and the tenancy."""
        filters = self.datamodel.get_filters(self.search_columns)
        get_filter_args(filters)
        _, items = self.datamodel.query(filters.get_joined_filters(self._base_filters),
                                        "last_name", "asc")
        return items

    @expose("/extract/<fmt>")
    @has_access
    def extract(self, fmt):
        """IMAG'IN's staff extracts (?kind=staff|teachings|missions|missions_detailed)."""
        kind = request.args.get("kind", "staff")
        if fmt not in EXTRACT_FORMATS or kind not in EXTRACTS:
            abort(404)
        title, header, rows = staff_extract(kind, self._rows())
        viewer = current_viewer()
        centre = next((c.name for c in _centres(viewer)), "ExamDesk")
        data = table_document(fmt, title, header, rows, centre, local_today())
        return download(data, f"{kind}.{fmt}")

    @expose("/import_teachings", methods=["POST"])
    @has_access
    def import_teachings(self):
        upload = request.files.get("file")
        try:
            if upload is None or not upload.filename:
                raise DomainError(_l("Choose a CSV or xlsx file."))
            count = resources.import_staff_teachings(
                db.session, current_viewer(), upload.read(5_000_001)[:5_000_000],
                upload.filename)
        except DomainError as exc:
            flash(str(exc), "danger")
        else:
            flash(_("%(count)s teachings imported.", count=count), "success")
        return redirect(self.get_redirect())


def _centres(viewer):
    return [db.session.get(Centre, viewer.centre_id)] if viewer.centre_id else []
