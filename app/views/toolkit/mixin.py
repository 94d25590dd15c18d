"""The list toolkit every ExamModelView has: fresh filters, columns, density, saved views, actions."""
from __future__ import annotations

from urllib.parse import urlencode

from flask import flash, g, has_request_context, redirect, request, url_for
from flask_appbuilder import expose
from flask_appbuilder.security.decorators import has_access, permission_name
from flask_appbuilder.widgets import ListWidget
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import case
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models.toolkit import DENSITIES, SHARE_CENTRE, SHARE_PRIVATE, SHARE_STAFF
from app.security.context import current_viewer
from app.security.scope import write_clause
from app.services.errors import DomainError
from app.services.toolkit import listkit, listprefs
from app.views.toolkit.chips import filter_chips, filter_widgets
from app.views.toolkit.filters import extra_search_filters
from app.views.toolkit.format import default_formatters
from app.views.toolkit.relations import order_by_relation, sortable_relations
from app.views.toolkit.state import cached_state

DENSITY_LABELS = {"compact": _l("Compact"), "normal": _l("Normal"),
                  "comfortable": _l("Comfortable")}
SHARE_LABELS = {SHARE_PRIVATE: _l("Only me"), SHARE_CENTRE: _l("My centre"),
                SHARE_STAFF: _l("All staff")}


def related_load(model, path: str):
    """selectinload of a dotted relationship path ("components.component")."""
    option = None
    for name in path.split("."):
        attribute = getattr(model, name)
        option = selectinload(attribute) if option is None else option.selectinload(attribute)
        model = attribute.property.mapper.class_
    return option


class ExamListWidget(ListWidget):
    template = "toolkit/list_widget.html"


def uncounted_relation_choices(form_class, datamodel, rel_filters, key: str) -> dict:
    """The search form's relation drop-downs: one SELECT each, run once per request (FAB also
    counts the rows and reruns it). Returns {relation: choices function} for the list to reuse."""
    funcs = {}
    for name in dir(form_class):
        unbound = getattr(form_class, name, None)
        kwargs = getattr(unbound, "kwargs", None)
        if not isinstance(kwargs, dict) or "query_func" not in kwargs:
            continue
        if not datamodel.is_relation(name):
            continue
        related = datamodel.get_related_interface(name)
        filters = related.get_filters().add_filter_list((rel_filters or {}).get(name, []))
        funcs[name] = kwargs["query_func"] = _choices(related, filters, f"{key}.{name}")
    return funcs


def _choices(related, filters, key):
    # the relations each choice's text shows (a session's product), loaded with the choices
    shown = [selectinload(getattr(related.obj, name))
             for name in getattr(related.obj, "__display_relations__", ())]

    def rows():
        query = related.session.query(related.obj).options(*shown)
        return related.apply_all(query, filters).all()

    def choices():
        if not has_request_context():
            return rows()
        cache = request.environ.setdefault("examdesk.choices", {})
        if key not in cache:
            cache[key] = rows()
        return cache[key]

    return choices


def sortable_columns(datamodel, columns) -> list[str]:
    """The columns the database can sort by: a Python property computed per row cannot
    (FAB offers it, and clicking its header failed)."""
    kept = []
    for name in columns or []:
        attribute = getattr(datamodel.obj, name, None) if "." not in name else None
        if isinstance(attribute, property) and not hasattr(attribute, "_col_name"):
            continue
        kept.append(name)
    return kept


class ListToolkitMixin:
    """Mixed into ExamModelView: nothing here is per view, nothing is mutated per request."""

    list_template = "toolkit/list.html"
    list_widget = ExamListWidget
    # {shown column: relationship paths its cells read}, loaded with the page's rows (one
    # statement per relationship instead of one per row), e.g. {"absences": ("components",)}
    list_related: dict[str, tuple[str, ...]] = {}
    _choice_funcs: dict = {}
    _m2o_columns: frozenset = frozenset()
    _sorted_relations: frozenset = frozenset()

    def allowed_list_columns(self) -> list[str]:
        """The columns this list may show and export; override to narrow it per role."""
        return list(self.list_columns)

    def _init_toolkit(self) -> None:
        self.order_columns = sortable_columns(self.datamodel, self.order_columns)
        columns = set(self.list_columns) | set(self.show_columns or [])
        self._m2o_columns = frozenset(c for c in self.list_columns
                                      if "." not in c and self.datamodel.is_relation_many_to_one(c))
        self._sorted_relations = frozenset(sortable_relations(self.datamodel, self.list_columns))
        self.order_columns = self.order_columns + [
            c for c in self.list_columns if c in self._sorted_relations
            and c not in self.order_columns]
        self.formatters_columns = default_formatters(self.datamodel, sorted(columns),
                                                     self.formatters_columns)
        for col, flts in extra_search_filters(self.datamodel, self.search_columns).items():
            if col in self._filters.get_search_filters():
                self._filters.get_search_filters()[col].extend(flts)

    # -- state ------------------------------------------------------------------------------
    def _list_context(self) -> listprefs.ListContext:
        """The user's preference, saved views and ready exports of this list: one statement,
        read once per request."""
        user = g.get("user")
        if user is None or not getattr(user, "is_authenticated", False):
            return listprefs.ListContext()
        cache = request.environ.setdefault("examdesk.list_context", {})
        key = type(self).__name__
        if key not in cache:
            cache[key] = listprefs.list_context(db.session, current_viewer(), key)
        return cache[key]

    def _list_pref(self):
        return self._list_context().preference

    def list_state(self):
        return cached_state(self, self._list_pref)

    def _list(self, **kwargs):
        state = self.list_state()
        for message in state.messages:
            flash(str(message), "warning")
        widgets = self._get_list_widget(
            filters=state.filters, order_column=state.order_column,
            order_direction=state.order_direction, page=state.page,
            page_size=state.page_size, columns=state.columns, density=state.density, **kwargs)
        form = self.search_form.refresh()
        self.update_redirect()
        widgets["search"] = self.search_widget(
            route_base=self.route_base, form=form, include_cols=self.search_columns,
            exclude_cols=[], filters=state.filters)
        return widgets

    def _get_list_widget(self, filters, actions=None, order_column="", order_direction="",
                         page=None, page_size=None, widgets=None, columns=None, **kwargs):
        """FAB's, with the chosen columns passed to the widget (the view is never mutated)."""
        widgets = widgets or {}
        columns = columns or self.list_columns
        page_size = page_size or self.page_size
        if not order_column and self.base_order:
            order_column, order_direction = self.base_order
        joined = filters.get_joined_filters(self._base_filters)
        count, rows, writable = self.page_query(joined, columns, order_column, order_direction,
                                                page, page_size)
        pks = [self._serialize_pk_if_composite(pk) for pk in self.datamodel.get_keys(rows)]
        widgets["list"] = self.list_widget(writable=writable,
            label_columns=self.label_columns, include_columns=columns,
            value_columns=self.datamodel.get_values(rows, columns),
            order_columns=self.order_columns, formatters_columns=self.formatters_columns,
            page=page, page_size=page_size, count=count, pks=pks,
            actions=actions or self.actions, filters=filters,
            modelview_name=type(self).__name__, **kwargs)
        return widgets

    def page_query(self, joined, columns, order_column, order_direction, page, page_size):
        """(count, rows, writable) of one page, the shown many-to-one relations loaded in the
        same query; `writable`: the keys of the rows the viewer may change, read by the same
        query (None: every row), so that Edit and Delete show only on those."""
        dm = self.datamodel
        query = dm.session.query(dm.obj)
        count = dm.query_count(query, joined)
        clause = write_clause(dm.obj, current_viewer())
        if clause is not None:
            query = query.add_columns(case((clause, True), else_=False).label("writable"))
        loads = []
        for col in columns:
            if col in self._choice_funcs and col in self._m2o_columns:
                self._choice_funcs[col]()  # the drop-down's rows: relations resolve from them
            elif col in self._m2o_columns:
                loads.append(selectinload(getattr(dm.obj, col)))
        paths = {path for col in columns for path in self.list_related.get(col, ())}
        loads.extend(related_load(dm.obj, path) for path in sorted(paths))
        query, order_column = self.order_query(query.options(*loads), order_column,
                                               order_direction)
        query = dm.apply_all(query, joined, order_column, order_direction,
                             page=page, page_size=page_size)
        if clause is None:
            return count, query.all(), None
        pairs = query.all()
        rows = [item for item, _ in pairs]
        keys = dm.get_keys(rows)
        return count, rows, {self._serialize_pk_if_composite(key)
                             for key, (_, may_write) in zip(keys, pairs, strict=True) if may_write}

    def order_query(self, query, order_column, order_direction):
        """(query, order column left for FAB): a relation column is ordered here, by the
        text its cells start with; any other column by FAB."""
        if order_column in self._sorted_relations:
            return order_by_relation(query, self.datamodel.obj, order_column,
                                     order_direction), ""
        return query, order_column

    def render_template(self, template, **kwargs):
        if template == self.list_template and "widgets" in kwargs:
            kwargs["toolkit"] = self._toolbar_context()
        return super().render_template(template, **kwargs)

    def _toolbar_context(self) -> dict:
        state = self.list_state()
        context = self._list_context()
        viewer = current_viewer()
        sm = self.appbuilder.sm
        name = type(self).__name__
        shares = [SHARE_PRIVATE]
        if viewer.centre_id is not None:
            shares.append(SHARE_CENTRE)
        if viewer.is_body:
            shares.append(SHARE_STAFF)
        allowed = self.allowed_list_columns()
        hidden = [c for c in allowed if c not in state.columns]
        return {
            "state": state, "view_name": name,
            "columns": [(c, self.label_columns.get(c, c)) for c in state.columns],
            "hidden_columns": [(c, self.label_columns.get(c, c)) for c in hidden],
            "densities": [(d, DENSITY_LABELS[d]) for d in DENSITIES],
            "shares": [(s, SHARE_LABELS[s]) for s in shares],
            "saved_views": context.saved_views,
            "can_export": sm.has_access("can_export", self.class_permission_name),
            "can_prefs": sm.has_access("can_prefs", self.class_permission_name),
            "query": self._current_query(), "user_id": viewer.user_id,
            "chips": filter_chips(self, request.args), "filter_widgets": filter_widgets(self),
            "ready_exports": context.ready_jobs,
        }

    def _current_query(self, drop=("page_",)) -> str:
        items = [(k, v) for k in request.args for v in request.args.getlist(k)
                 if not k.startswith(drop)]
        return urlencode(items)

    def _back_to_list(self, query: str = ""):
        url = url_for(f"{type(self).__name__}.list")
        return redirect(f"{url}?{query}" if query else url)

    # -- preferences ------------------------------------------------------------------------
    @expose("/prefs", methods=["POST"])
    @has_access
    def prefs(self):
        """Save the chosen columns (in order) and/or the density of this list for this user."""
        columns = None
        if request.form.get("reset_columns"):
            columns = []
        elif "columns" in request.form:
            columns, refused = listkit.validate_columns(request.form.getlist("columns"),
                                                        self.allowed_list_columns())
            if refused or not columns:
                flash(_("Some chosen columns are not available: nothing was changed."), "danger")
                return self._back_to_list(request.form.get("query", ""))
        density = request.form.get("density") or None
        try:
            listprefs.save_preference(db.session, g.user.id, type(self).__name__, columns,
                                      density)
        except DomainError as exc:
            flash(str(exc), "danger")
        else:
            flash(_("Your list settings were saved."), "success")
        query = listprefs.clean_query(request.form.get("query", ""))
        query = "&".join(p for p in query.split("&") if p and not p.startswith("_cols="))
        return self._back_to_list(query)

    @expose("/saved_views/save", methods=["POST"])
    @has_access
    @permission_name("prefs")
    def saved_view_save(self):
        query = request.form.get("query", "")
        try:
            listprefs.save_view(db.session, current_viewer(), type(self).__name__,
                                request.form.get("name", ""), query,
                                request.form.get("share", SHARE_PRIVATE))
        except DomainError as exc:
            flash(str(exc), "danger")
        else:
            flash(_("The view was saved."), "success")
        return self._back_to_list(listprefs.clean_query(query))

    @expose("/saved_views/<int:saved_id>")
    @has_access
    @permission_name("prefs")
    def saved_view_open(self, saved_id):
        saved = listprefs.get_visible(db.session, current_viewer(), type(self).__name__,
                                      saved_id)
        if saved is None:
            flash(_("This saved view does not exist or is not shared with you."), "warning")
            return self._back_to_list()
        return self._back_to_list(saved.query)

    @expose("/saved_views/<int:saved_id>/delete", methods=["POST"])
    @has_access
    @permission_name("prefs")
    def saved_view_delete(self, saved_id):
        try:
            listprefs.delete_view(db.session, current_viewer(), type(self).__name__, saved_id)
        except DomainError as exc:
            flash(str(exc), "danger")
        else:
            flash(_("The saved view was deleted."), "success")
        return self._back_to_list()
