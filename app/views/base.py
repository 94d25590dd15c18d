"""The base of every CRUD view: tenancy on every path, writes through the model's resource
(app/views/writes.py), optimistic locking, audit history."""
from __future__ import annotations

from flask import abort, current_app, request
from flask_appbuilder import ModelView, expose
from flask_appbuilder.security.decorators import has_access
from wtforms import HiddenField

from app.documents.files import download
from app.extensions import db
from app.models.base import Versioned
from app.security.filters import merge_rel_filters, with_tenant_filter
from app.services.audit import history_of
from app.services.uploads import resolve_upload
from app.views.toolkit.export import ExportMixin
from app.views.toolkit.fields import localise_fields
from app.views.toolkit.history import present_changes
from app.views.toolkit.mixin import ListToolkitMixin, uncounted_relation_choices
from app.views.writes import ResourceWritesMixin


class _Offered(dict):
    """The actions a record page offers: true even when empty (FAB reads {} as "all")."""

    def __bool__(self):
        return True


class ExamModelView(ResourceWritesMixin, ListToolkitMixin, ExportMixin, ModelView):
    """Derive every CRUD view from this class, never from FAB's ModelView directly.

    Every list gets the toolkit of app/views/toolkit/mixin.py and list_export.py: value-list and
    date-range filters, keyword search, capped page size, column chooser, density, saved
    views, exports (CSV, xlsx, PDF) and per-row reports of multi-row actions."""

    show_template = "examdesk/show.html"
    edit_template = "examdesk/edit.html"
    # FAB's /download/<filename> serves any uploaded file without a row check.
    exclude_route_methods = {"download"}
    base_order = ("id", "asc")

    def _init_properties(self):
        model = self.datamodel.obj
        self.base_filters = with_tenant_filter(self.base_filters, model)
        self.add_form_query_rel_fields = merge_rel_filters(self.add_form_query_rel_fields, model)
        self.edit_form_query_rel_fields = merge_rel_filters(self.edit_form_query_rel_fields, model)
        self.search_form_query_rel_fields = merge_rel_filters(
            self.search_form_query_rel_fields, model)
        super()._init_properties()
        self._init_toolkit()
        self._init_resource()

    def _init_forms(self):
        super()._init_forms()
        for form_class in (self.add_form, self.edit_form, self.search_form):
            localise_fields(form_class)
        if issubclass(self.datamodel.obj, Versioned):
            self.edit_form.row_version = HiddenField()
        self._choice_funcs = uncounted_relation_choices(
            self.search_form, self.datamodel, self.search_form_query_rel_fields,
            type(self).__name__)

    # -- FAB's action endpoints skip base filters: re-check every pk ---------------------
    def _check_scope(self, raw_pk):
        pk = self._deserialize_pk_if_composite(raw_pk)
        if self.datamodel.get(pk, self._base_filters) is None:
            abort(404)

    @expose("/delete/<pk>", methods=["GET", "POST"])
    @has_access
    def delete(self, pk):
        self._check_scope(pk)  # a foreign row is 404 even on the refused GET
        return super().delete(pk)

    @expose("/action/<string:name>/<pk>", methods=["GET", "POST"])
    def action(self, name, pk):
        self._check_scope(pk)
        return super().action(name, pk)

    @expose("/action_post", methods=["POST"])
    def action_post(self):
        for pk in request.form.getlist("rowid"):
            self._check_scope(pk)
        return super().action_post()

    def show_actions(self, item) -> dict:
        """The actions the record page of `item` offers: all of them, unless a view narrows
        them to those its rules still allow for this row."""
        return self.actions

    def _get_show_widget(self, pk, item, widgets=None, actions=None, show_fieldsets=None):
        if actions is None:
            actions = _Offered(self.show_actions(item))
        return super()._get_show_widget(pk, item, widgets, actions, show_fieldsets)

    # -- the record page shows its history -----------------------------------------------
    @expose("/show/<pk>", methods=["GET"])
    @has_access
    def show(self, pk):
        pk = self._deserialize_pk_if_composite(pk)
        widgets = self._show(pk)
        item = self.datamodel.get(pk, self._base_filters)
        return self.render_template(
            self.show_template, pk=pk, item=item, title=self.show_title, widgets=widgets,
            related_views=self._related_views, history=history_of(db.session, item),
            history_changes=lambda entry: present_changes(
                self.datamodel.obj, entry.changes, self.label_columns),
        )


class DocumentMixin:
    """A scoped download of the file stored in `document_column` (only rows the user may see);
    the form's `upload` field is stored by the model's resource (DocumentResource)."""

    document_column = "document"

    @expose("/document/<pk>")
    @has_access
    def document(self, pk):
        item = self.datamodel.get(self._deserialize_pk_if_composite(pk), self._base_filters)
        name = getattr(item, self.document_column, None) if item is not None else None
        path = resolve_upload(current_app.config["UPLOAD_FOLDER"], name)
        if path is None:
            abort(404)
        return download(path, name.split("_sep_")[-1])
