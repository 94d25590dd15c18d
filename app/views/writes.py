"""The screens' write path: FAB's add, edit and delete call the view's Resource (the same one as
the REST API), multi-row actions call a use-case per row, and a refused form shows itself again
with every typed value and every error next to its field (the HTML error mapper)."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import abort, flash, redirect, request, url_for
from flask_appbuilder import expose
from flask_appbuilder.security.decorators import has_access
from flask_appbuilder.urltools import (
    get_filter_args,
    get_order_args,
    get_page_args,
    get_page_size_args,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.security.context import current_viewer
from app.services.clock import now
from app.services.errors import ConstraintViolated, DomainError, ValidationFailed
from app.services.resources import Resource
from app.services.writes import act_on_row
from app.views.toolkit.state import fresh_filters

NOT_FORM_DATA = ("csrf_token", "row_version")


def _field_for(form, name: str, aliases: dict | None = None):
    """The form field a domain error names (`centre_id` is shown on the `centre` field; a
    view's `error_fields` names the field of a rule's own key)."""
    for candidate in ((aliases or {}).get(name), name,
                      name[:-3] if name.endswith("_id") else None):
        if candidate and candidate in form:
            return form[candidate]
    return None


def show_errors_on_form(form, exc: DomainError, labels: dict,
                        aliases: dict | None = None) -> None:
    """Every field error next to its field (`aliases`: the field of a rule's key); the rest
    (and a general refusal) as a message above the form, shown by the page being rendered
    again."""
    if not isinstance(exc, ValidationFailed):
        flash(str(exc), "danger")
        return
    left = []
    fields = {name: _field_for(form, name, aliases) for name in exc.errors}
    for name, message in exc.errors.items():
        field = fields[name]
        if field is None and isinstance(exc, ConstraintViolated) and any(fields.values()):
            continue  # the scope of a uniqueness (the centre), set by the server, not typed
        if field is None:
            label = exc.labels.get(name) or labels.get(name) or labels.get(name[:-3], name)
            left.append(f"{label} {message}")
            continue
        field.errors = [*field.errors, str(message)]
    if left or not exc.errors:
        flash(" ".join([str(exc.message), "; ".join(left)]).strip(), "danger")
    else:
        flash(_("Nothing was saved: correct the fields marked below."), "danger")


def rules_say(resource: Resource, item, changes=None) -> DomainError | None:
    """What the model's rules say of a new row (or of `changes` to a stored one), writing
    nothing: their refusal, or None when they accept it or cannot judge it yet (a rule
    reading a required value the user has not typed, or typed wrong: the form says so)."""
    try:
        if changes is None:
            resource.check_new(db.session, current_viewer(), item, now())
        else:
            resource.check_changes(db.session, current_viewer(), item, changes, now())
    except DomainError as exc:
        return exc
    except (TypeError, AttributeError):
        return None
    return None


def rule_errors(form, exc: ValidationFailed, keep=lambda name: True) -> dict:
    """The rules' field errors worth showing beside the form's own: not on a field the form
    already refused, and only those `keep` accepts."""
    return {name: message for name, message in exc.errors.items()
            if not (name in form and form[name].errors) and keep(name)}


def populate(form):
    """A function setting the form's values on a row (what FAB's populate_obj does, without
    the token and the version, which are not data)."""
    def apply(item) -> None:
        for name, field in form._fields.items():
            if name not in NOT_FORM_DATA:
                field.populate_obj(item, name)
    return apply


class ResourceWritesMixin:
    """Mixed into ExamModelView: the CRUD write routes through `resource`.

    `resource` is the model's Resource from its domain's services, shared with its REST API;
    a view that declares none gets the generic `Resource(model)`."""

    resource: Resource | None = None
    refused_status = 422
    # {a rule's error key: the form field it is shown next to}, when they differ
    error_fields: dict[str, str] = {}

    def _init_resource(self) -> None:
        # FAB's pre_add/pre_update/pre_delete hooks are never called: rules live in resources.
        if type(self).resource is None:
            self.resource = Resource(self.datamodel.obj)

    # -- add -----------------------------------------------------------------------------
    @expose("/add", methods=["GET", "POST"])
    @has_access
    def add(self):
        widgets = self._add()
        if not widgets:
            return self.post_add_redirect()
        page = self.render_template(self.add_template, title=self.add_title, widgets=widgets)
        return page, (self.refused_status if request.method == "POST" else 200)

    def _add(self):
        filters = fresh_filters(self)
        get_filter_args(filters, disallow_if_not_in_search=False)
        exclude_cols = filters.get_relation_cols()
        form = self.add_form.refresh()
        if request.method == "POST":
            self._fill_excluded(filters, exclude_cols, form)
            if form.validate():
                self.process_form(form, True)
                item = self.datamodel.obj()
                populate(form)(item)
                try:
                    self.resource.create(db.session, current_viewer(), item, now())
                except DomainError as exc:
                    show_errors_on_form(form, exc, self.label_columns, self.error_fields)
                else:
                    self.post_add(item)
                    flash(str(self.add_row_message), "success")
                    return None
            else:
                self._check_rules_beside(form)
        else:
            self.update_redirect()
        return self._get_add_widget(form=form, exclude_cols=exclude_cols)

    # -- edit ----------------------------------------------------------------------------
    @expose("/edit/<pk>", methods=["GET", "POST"])
    @has_access
    def edit(self, pk):
        widgets = self._edit(self._deserialize_pk_if_composite(pk))
        if not widgets:
            return self.post_edit_redirect()
        page = self.render_template(self.edit_template, title=self.edit_title, widgets=widgets,
                                    related_views=self._related_views)
        return page, (self.refused_status if request.method == "POST" else 200)

    def _edit(self, pk):
        filters = fresh_filters(self)
        get_filter_args(filters, disallow_if_not_in_search=False)
        exclude_cols = filters.get_relation_cols()
        item = self.datamodel.get(pk, self._base_filters)
        if item is None:
            abort(404)
        pk = self.datamodel.get_pk_value(item)
        if request.method == "POST":
            form = self.edit_form.refresh(request.form)
            self._fill_excluded(filters, exclude_cols, form)
            form._id = pk
            if form.validate():
                self.process_form(form, False)
                version = form.row_version.data if "row_version" in form else None
                try:
                    self.resource.update(db.session, current_viewer(), item, populate(form),
                                         now(), version=version)
                except DomainError as exc:
                    show_errors_on_form(form, exc, self.label_columns, self.error_fields)
                else:
                    self.post_update(item)
                    flash(str(self.edit_row_message), "success")
                    return None
            else:
                self._check_rules_beside(form, item)
        else:
            form = self.edit_form.refresh(obj=item)
            self.prefill_form(form, pk)
            self.update_redirect()
        widgets = self._get_edit_widget(form=form, exclude_cols=exclude_cols)
        return self._get_related_views_widgets(
            item, filters={}, orders=get_order_args(), pages=get_page_args(),
            page_sizes=get_page_size_args(), widgets=widgets)

    def _check_rules_beside(self, form, item=None) -> None:
        """A form the form's own checks refused is also checked by the model's rules (nothing
        written; `item`: the stored row being edited), so that every error shows at once,
        each next to its field."""
        if item is None:
            item = self.datamodel.obj()
            populate(form)(item)
            refusal = rules_say(self.resource, item)
        else:
            refusal = rules_say(self.resource, item, populate(form))
        if isinstance(refusal, ValidationFailed):
            errors = rule_errors(form, refusal)
            if errors:
                show_errors_on_form(form, ValidationFailed(refusal.message, errors,
                                                           refusal.labels), self.label_columns,
                                    self.error_fields)

    def _fill_excluded(self, filters, exclude_cols, form) -> None:
        """A related list's add form fixes its parent from the URL filter (FAB's, on a
        per-request filter object)."""
        for key in exclude_cols:
            if key in form:
                form[key].data = self.datamodel.get_related_obj(key,
                                                                filters.get_filter_value(key))

    # -- delete --------------------------------------------------------------------------
    def _delete(self, pk):
        item = self.datamodel.get(pk, self._base_filters)
        if item is None:
            abort(404)
        try:
            self.resource.delete(db.session, current_viewer(), item, now())
        except DomainError as exc:
            flash(str(exc), "danger")
        else:
            self.post_delete(item)
            flash(str(self.delete_row_message), "success")
        self.update_redirect()

    # -- actions on several rows ---------------------------------------------------------
    def run_per_row(self, items, fn, done_message=None):
        """Run `fn(row)`, a domain rule, on each row as one use-case per row (write scope
        checked, committed or undone for that row alone); one report of what was done and
        what was refused, with each reason."""
        items = items if isinstance(items, list) else [items]
        viewer, done, refused = current_viewer(), [], []
        for item in items:
            label = str(item)
            try:
                act_on_row(db.session, viewer, item, fn)
            except DomainError as exc:
                refused.append(f"{label}: {exc}")
            else:
                done.append(label)
        if done:
            flash((done_message or _l("Done (%(count)d): %(rows)s")) % {
                "count": len(done), "rows": ", ".join(done)}, "success")
        if refused:
            flash(_("Refused (%(count)d): %(rows)s", count=len(refused),
                    rows="; ".join(refused)), "warning")
        return redirect(self._back_after_action())

    def post_add_redirect(self):
        return redirect(self._back_after_write())

    def post_edit_redirect(self):
        return redirect(self._back_after_write())

    def _back_after_write(self) -> str:
        """FAB's history, except a form of this view (a user who went from a refused add form
        to an edit form was sent back to an empty add form): then the list."""
        back = self.get_redirect()
        path = urlsplit(back).path
        if path.startswith((f"{self.route_base}/add", f"{self.route_base}/edit/")):
            return url_for(f"{self.endpoint}.list")
        return back

    def _back_after_action(self) -> str:
        """Back to the page of this view the action was run from (the list with its filters
        and page, or the record), else FAB's history: FAB's history returns the page *before*
        the list (the home page), where the report of the action made no sense."""
        referrer = urlsplit(request.referrer or "")
        back = referrer.path + (f"?{referrer.query}" if referrer.query else "")
        if referrer.netloc == request.host and back.startswith(f"{self.route_base}/"):
            return back
        return self.get_redirect()
