"""Session screen part: the results table ("Tableau de résultats") and its xlsx export."""
from __future__ import annotations

from flask import flash, redirect, url_for
from flask_appbuilder import expose
from flask_appbuilder.security.decorators import has_access

from app.documents.candidates import results_filename, results_xlsx
from app.documents.files import download
from app.extensions import db
from app.security.context import current_viewer
from app.services.candidates.results import results_table
from app.services.errors import DomainError


class SessionResultsMixin:
    """Needs `_scoped(pk)` (ScopedRowMixin)."""

    def _table(self, pk):
        item = self._scoped(pk)
        try:
            return item, results_table(db.session, current_viewer(), item)
        except DomainError as exc:
            flash(str(exc), "warning")
            return item, None

    @expose("/results_table/<pk>")
    @has_access
    def results_table(self, pk):
        item, table = self._table(pk)
        if table is None:
            return redirect(url_for(".show", pk=item.id))
        codes, rows = table
        return self.render_template("sessions/results_table.html", item=item, codes=codes,
                                    rows=rows)

    @expose("/results_xlsx/<pk>")
    @has_access
    def results_xlsx(self, pk):
        item, table = self._table(pk)
        if table is None:
            return redirect(url_for(".show", pk=item.id))
        return download(results_xlsx(item, *table), results_filename(item))
