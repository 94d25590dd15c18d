"""Exports of exactly the current list (filters, order, chosen columns, tenancy): CSV, xlsx, PDF."""
from __future__ import annotations

import io
from functools import lru_cache
from operator import attrgetter
from pathlib import Path

from flask import abort, current_app, flash, g, jsonify, make_response, request
from flask_appbuilder import expose
from flask_appbuilder.security.decorators import has_access, permission_name
from flask_babel import get_locale
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy.orm import selectinload

from app import jobs
from app.documents import tables
from app.documents.files import download
from app.documents.pdf import render_pdf
from app.extensions import db
from app.models.centres import Centre
from app.security.context import current_viewer
from app.services.clock import now
from app.services.formatting import to_local
from app.services.toolkit import export_jobs
from app.views.toolkit.format import bound_formatter, format_moment, typed_cell
from app.views.toolkit.state import read_state

CHUNK = 1000
FORMATS = ("csv", "xlsx", "pdf")
PDF_ROWS_PER_PAGE = 28


class ExportMixin:
    """`/export/<fmt>`: small lists stream at once, large ones run as a background job."""

    def export_headers(self, columns) -> list[str]:
        return [str(self.label_columns.get(c, c)) for c in columns]

    def _export_query(self, state, *, load_relations: bool = True):
        joined = state.filters.get_joined_filters(self._base_filters)
        order_column, order_direction = state.order_column, state.order_direction
        if not order_column:
            order_column, order_direction = self.base_order or (self.datamodel.get_pk_name(),
                                                                "asc")
        query = self.datamodel.session.query(self.datamodel.obj)
        if load_relations:
            query = query.options(*[selectinload(getattr(self.datamodel.obj, c))
                                    for c in state.columns if c in self._m2o_columns])
        query, order_column = self.order_query(query, order_column, order_direction)
        return joined, self.datamodel.apply_all(query, joined, order_column, order_direction)

    def export_count(self, state) -> int:
        joined = state.filters.get_joined_filters(self._base_filters)
        return self.datamodel.query_count(self.datamodel.session.query(self.datamodel.obj),
                                          joined)

    def export_rows(self, state, typed: bool = False):
        """The rows of the list in one streamed query (flat memory), formatted as on screen
        (`typed`: dates, date-times and numbers kept as values, for xlsx): only the shown
        columns when they are all columns or many-to-one relations (no ORM object per row),
        else the full rows."""
        plan = self._column_plan(state.columns, typed)
        if plan is not None:
            _, query = self._export_query(state, load_relations=False)
            selects, cells = plan
            for row in query.with_entities(*selects).yield_per(CHUNK):
                yield [cell(value) for cell, value in zip(cells, row, strict=True)]
            return
        _, query = self._export_query(state)
        cells = [self._cell_reader(col, typed=typed) for col in state.columns]
        for item in query.yield_per(CHUNK):
            yield [cell(item) for cell in cells]

    def _column_plan(self, columns, typed: bool = False):
        """(columns to select, value -> cell per column), or None when a column is neither a
        mapped column nor a many-to-one relation (a method, a dotted or a to-many column)."""
        model, selects, cells = self.datamodel.obj, [], []
        for col in columns:
            if col in self._m2o_columns:
                foreign = list(getattr(model, col).property.local_columns)
                if len(foreign) != 1:
                    return None
                selects.append(getattr(model, foreign[0].key))
                cells.append(self._relation_cell(col))
            elif col in self.datamodel.list_columns and not self.datamodel.is_relation(col):
                selects.append(getattr(model, col))
                cells.append(self._cell_reader(col, getter=lambda value: value, typed=typed))
            else:
                return None
        return selects, cells

    def _relation_cell(self, col):
        """foreign key -> the cell of the related row, each related row read once per export."""
        related = self.datamodel.get_related_model(col)
        shown = self._cell_reader(col, getter=lambda obj: obj)

        @lru_cache(maxsize=4096)
        def read(key):
            value = shown(None if key is None else self.datamodel.session.get(related, key))
            return "" if value is None else str(value)

        return read

    def _cell_reader(self, col, getter=None, typed: bool = False):
        """item -> the cell of `col` as the list shows it (formatter applied, tags removed);
        `getter` reads the value from what each row gives (default: an ORM object); `typed`
        keeps dates and numbers as values (typed_cell)."""
        if getter is not None:
            pass
        elif "." not in col and col in self.datamodel.get_columns_list():
            getter = attrgetter(col)
        else:
            def getter(item):
                return self.datamodel.get_values_item(item, [col])[0]
        formatter = self.formatters_columns.get(col)
        typed_reader = typed_cell(formatter) if typed else None
        if typed_reader is not None:
            formatter = typed_reader
        else:
            formatter = bound_formatter(formatter) if formatter is not None else None
        if formatter is None and self.datamodel.is_enum(col):
            formatter = lru_cache(maxsize=256)(lambda member: "" if member is None else str(member))

        def read(item):
            value = getter(item)
            if formatter is not None:
                value = formatter(value)
            return value.striptags() if isinstance(value, Markup) else value

        return read

    def export_filters_text(self, state) -> list[str]:
        lines = []
        for flt, value in state.filters.get_filters_values():
            if flt.arg_name is None:
                lines.append(_("Keyword: %(word)s", word=value[0]))
                continue
            shown = ", ".join(value) if isinstance(value, (list, tuple)) else value
            label = self.label_columns.get(flt.column_name, flt.column_name)
            lines.append(f"{label} {flt.name} {shown}")
        return lines

    def export_context(self, state) -> dict:
        viewer = current_viewer()
        centre = db.session.get(Centre, viewer.centre_id) if viewer.centre_id else None
        if viewer.is_body:
            centre_name = _("All centres")
        else:
            centre_name = centre.name if centre is not None else ""
        return {"title": str(self.list_title), "centre_name": centre_name,
                "filters": self.export_filters_text(state),
                "printed": format_moment(now()),  # a stored moment: naive UTC
                "headers": self.export_headers(state.columns), "orientation": "landscape"}

    def write_export(self, fmt, state, target, progress=None) -> None:
        """The list as `fmt` into `target` (a path or a binary file)."""
        headers = self.export_headers(state.columns)
        rows = self.export_rows(state, typed=fmt == "xlsx")
        if fmt == "csv":
            tables.write_csv(target, headers, rows, progress)
        elif fmt == "xlsx":
            tables.write_xlsx(target, tables.Sheet(str(self.list_title), headers, rows,
                                                   str(get_locale() or "fr")), progress=progress)
        else:
            data = render_pdf("documents/table.html", tables.counted(rows, progress),
                              PDF_ROWS_PER_PAGE, **self.export_context(state))
            if isinstance(target, (str, Path)):
                Path(target).write_bytes(data)
            else:
                target.write(data)

    def export_to(self, fmt, target, progress=None) -> None:
        """The list as the current request's arguments describe it (background jobs)."""
        self.write_export(fmt, read_state(self, pref=self._list_pref()), target, progress)

    def _download_name(self, fmt) -> str:
        stamp = to_local(now()).strftime("%Y%m%d-%H%M")  # the user's time, as the page shows
        return f"{type(self).__name__.removesuffix('View').lower()}-{stamp}.{fmt}"

    @expose("/export/<fmt>")
    @has_access
    def export(self, fmt):
        if fmt not in FORMATS:
            flash(_("Unknown export format."), "warning")
            return self._back_to_list()
        state = read_state(self, pref=self._list_pref())
        total = self.export_count(state)
        if total > current_app.config.get("EXPORT_BACKGROUND_ROWS", 5000):
            return self._start_export_job(fmt, total)
        if fmt == "csv":
            return download(tables.csv_chunks(self.export_headers(state.columns),
                                              self.export_rows(state)),
                            self._download_name("csv"))
        out = io.BytesIO()  # at most EXPORT_BACKGROUND_ROWS rows: larger lists run as a job
        self.write_export(fmt, state, out)
        return download(out.getvalue(), self._download_name(fmt))

    def _start_export_job(self, fmt, total):
        viewer = current_viewer()
        spec = {"query": request.query_string.decode("utf-8", "replace"),
                "locale": str(get_locale() or "fr"),
                "viewer": {"user_id": viewer.user_id, "roles": sorted(viewer.roles),
                           "centre_id": viewer.centre_id, "centre_ids": list(viewer.centre_ids)}}
        job = export_jobs.create_job(db.session, g.user.id, type(self).__name__, fmt, spec,
                                     total)
        thread = jobs.start_export(current_app._get_current_object(), job.id)
        flash(_("This export has %(count)d rows: it is being prepared in the background.",
                count=total), "info")
        response = make_response(self.render_template(
            "toolkit/export_job.html", job=job, progress=export_jobs.progress_of(job),
            title=self.list_title, view_name=type(self).__name__))
        if thread is not None:  # the job starts once this request's own work is over
            response.call_on_close(thread.start)
        return response

    def _owned_job(self, job_id):
        job = export_jobs.owned_job(db.session, job_id, g.user.id, type(self).__name__)
        if job is None:
            abort(404)
        return job

    @expose("/export_job/<job_id>")
    @has_access
    @permission_name("export")
    def export_job(self, job_id):
        job = self._owned_job(job_id)
        db.session.refresh(job)
        if request.args.get("json"):
            return jsonify(export_jobs.progress_of(job))
        return self.render_template("toolkit/export_job.html", job=job,
                                    progress=export_jobs.progress_of(job),
                                    title=self.list_title, view_name=type(self).__name__)

    @expose("/export_file/<job_id>")
    @has_access
    @permission_name("export")
    def export_file(self, job_id):
        job = self._owned_job(job_id)
        path = export_jobs.job_path(current_app.config["EXPORT_FOLDER"], job)
        if job.status != "done" or not path.is_file():
            abort(404)
        return download(path, job.filename or path.name)
