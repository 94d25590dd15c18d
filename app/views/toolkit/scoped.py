"""Row scoping for the sessions screens: a foreign or unknown row answers 404 on every route."""
from __future__ import annotations

from flask import abort
from flask_appbuilder import expose
from flask_appbuilder.security.decorators import has_access


class ScopedRowMixin:
    """`_scoped(pk)` loads a row within the viewer's scope; delete checks it before anything."""

    def _scoped(self, pk):
        item = self.datamodel.get(self._deserialize_pk_if_composite(pk), self._base_filters)
        if item is None:
            abort(404)
        return item

    @expose("/delete/<pk>", methods=["GET", "POST"])
    @has_access
    def delete(self, pk):
        # FAB answers a refused GET delete with a redirect before looking at the row.
        self._scoped(pk)
        return super().delete(pk)
