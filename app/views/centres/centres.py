"""Centre screens for body staff: centres, agreements and contracts."""
from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_appbuilder import expose
from flask_appbuilder.actions import action
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.security.decorators import has_access
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import FileField

from app.documents.files import download
from app.extensions import db
from app.models.centres import Agreement, Centre
from app.security.context import current_viewer
from app.services.centres import agreement_documents, agreements
from app.services.centres.programmes import PROGRAMMES
from app.services.centres.resources import AGREEMENTS, CENTRES
from app.services.clock import now
from app.services.errors import DomainError
from app.services.uploads import resolve_upload, upload_folder
from app.views.base import DocumentMixin, ExamModelView
from app.views.reference.products import COMMON_LABELS


class CentreView(ExamModelView):
    datamodel = SQLAInterface(Centre)
    resource = CENTRES
    list_title = _l("Centres")
    show_title = _l("Centre")
    add_title = _l("Add a centre")
    edit_title = _l("Edit the centre")
    label_columns = {**COMMON_LABELS, **{column: label for column, label in PROGRAMMES.values()}}
    list_columns = ["code", "name", "type", "city", "country", "support_contact",
                    "is_exam_centre", "active"]
    fields = ["code", "name", "type", "is_exam_centre", "active", "timezone", "language",
              "address", "postcode", "city", "country", "billing_address", "billing_postcode",
              "billing_city", "billing_country", "manager_role", "manager_last_name",
              "manager_first_name", "manager_email", "manager_phone", "support_contact",
              "public_visibility", "runs_language_tests", "runs_cima", "runs_le_robert",
              "runs_missions"]
    add_columns = edit_columns = show_columns = fields
    search_columns = ["code", "name", "type", "city", "country", "support_contact", "active"]
    base_order = ("name", "asc")


class AgreementView(DocumentMixin, ExamModelView):
    datamodel = SQLAInterface(Agreement)
    resource = AGREEMENTS
    list_title = _l("Agreements and contracts")
    show_title = _l("Agreement or contract")
    add_title = _l("Request an agreement")
    edit_title = _l("Edit the agreement or contract")
    label_columns = COMMON_LABELS
    list_columns = ["centre", "kind", "reference", "status", "valid_from", "valid_until",
                    "renewal_requested_at"]
    show_columns = ["centre", "kind", "reference", "status", "valid_from", "valid_until",
                    "document", "renewal_requested_at", "notes"]
    add_columns = ["centre", "kind", "reference", "status", "valid_from", "valid_until",
                   "notes", "upload"]
    edit_columns = ["kind", "reference", "status", "valid_from", "valid_until", "notes",
                    "upload"]  # the owner centre is fixed at creation
    search_columns = ["centre", "kind", "reference", "status", "valid_until",
                      "renewal_requested_at"]
    formatters_columns = {"document": lambda v: _("Attached") if v else "—"}
    add_form_extra_fields = edit_form_extra_fields = {
        "upload": FileField(_l("Document (PDF, PNG, JPEG)"))}

    show_template = "centres/agreement_show.html"

    # -- a centre's form has no status and no reference (customer service sets them) -----
    def _centre_exclusions(self) -> list[str]:
        return [] if current_viewer().is_body else list(agreements.BODY_ONLY_FIELDS)

    def _fill_excluded(self, filters, exclude_cols, form) -> None:
        """A posted centre form loses the body's fields before it is checked and applied."""
        super()._fill_excluded(filters, exclude_cols, form)
        for name in self._centre_exclusions():
            if name in form:
                del form[name]

    def _get_add_widget(self, form, exclude_cols=None, widgets=None):
        widgets = widgets or {}
        widgets["add"] = self.add_widget(
            form=form, include_cols=self._shown(self.add_columns),
            exclude_cols=exclude_cols or [], fieldsets=self.add_fieldsets)
        return widgets

    def _get_edit_widget(self, form, exclude_cols=None, widgets=None):
        widgets = widgets or {}
        widgets["edit"] = self.edit_widget(
            form=form, include_cols=self._shown(self.edit_columns),
            exclude_cols=exclude_cols or [], fieldsets=self.edit_fieldsets)
        return widgets

    def _shown(self, columns: list[str]) -> list[str]:
        hidden = self._centre_exclusions()
        return [name for name in columns if name not in hidden]

    @expose("/decide/<pk>", methods=["POST"])
    @has_access
    def decide(self, pk):
        item = self.datamodel.get(pk, self._base_filters)
        if item is None:
            abort(404)
        try:
            agreements.decide(db.session, current_viewer(), item,
                              request.form.get("decision") == "approve",
                              request.form.get("reason"), now())
        except DomainError as exc:
            flash(str(exc), "danger")
        else:
            flash(str(agreements.decision_sentence(item)), "success")
        return redirect(url_for(".show", pk=pk))

    # -- documents: customer service asks, the centre attaches, both read -------------------
    @expose("/request_documents/<pk>", methods=["POST"])
    @has_access
    def request_documents(self, pk):
        item = self._scoped(pk)
        try:
            agreement_documents.request_documents(db.session, current_viewer(), item,
                                                  request.form.get("missing"), now())
        except DomainError as exc:
            flash(str(exc), "danger")
        else:
            flash(_("The centre has been asked for the documents."), "success")
        return redirect(url_for(".show", pk=pk))

    @expose("/attach/<pk>", methods=["POST"])
    @has_access
    def attach(self, pk):
        item = self._scoped(pk)
        upload = request.files.get("attachment")
        try:
            if upload is None or not upload.filename:
                raise DomainError(_l("Choose a file to attach."))
            agreement_documents.attach(db.session, current_viewer(), item, upload.filename,
                                       upload.read(), now())
        except DomainError as exc:
            flash(str(exc), "danger")
        else:
            flash(_("The file has been attached to the request."), "success")
        return redirect(url_for(".show", pk=pk))

    @expose("/attachment/<pk>/<attachment_id>")
    @has_access
    def attachment(self, pk, attachment_id):
        item = self._scoped(pk)
        found = (agreement_documents.attachment_of(item, int(attachment_id))
                 if attachment_id.isdigit() else None)
        path = resolve_upload(upload_folder(), found.stored_name if found else None)
        if path is None:
            abort(404)
        return download(path, found.filename)

    def _scoped(self, pk):
        item = self.datamodel.get(pk, self._base_filters)
        if item is None:
            abort(404)
        return item

    @action("request_renewal", _l("Request the renewal"),
            _l("Request the renewal of the selected agreements?"), "fa-refresh")
    def request_renewal(self, items):
        return self.run_per_row(items, lambda item: agreements.request_renewal(item, now()))
