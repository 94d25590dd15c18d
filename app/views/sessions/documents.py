"""Session screen parts: the documents page, each PDF and the "download all" zip."""
from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_appbuilder import expose
from flask_appbuilder.security.decorators import has_access

from app.documents import sessions as session_docs
from app.documents.files import download
from app.extensions import db
from app.services.clock import local_today, now
from app.services.errors import DomainError
from app.services.sessions import documents as docs


class SessionDocumentsMixin:
    """Needs `_scoped(pk)` (ScopedRowMixin)."""

    def _available(self, pk):
        item = self._scoped(pk)
        try:
            docs.check_available(item, local_today())
        except DomainError as exc:
            flash(str(exc), "warning")
            return item, False
        return item, True

    @expose("/documents/<pk>")
    @has_access
    def documents(self, pk):
        item, ready = self._available(pk)
        return self.render_template("sessions/documents.html", item=item, ready=ready,
                                    documents=docs.documents_of(item),
                                    generic=docs.generic_documents(db.session, item))

    @expose("/document_pdf/<pk>/<kind>")
    @has_access
    def document_pdf(self, pk, kind):
        item, ready = self._available(pk)
        if kind not in docs.KINDS:
            abort(404)
        if not ready:
            return redirect(url_for(".documents", pk=item.id))
        return download(session_docs.render_document(db.session, item, kind, now()),
                        docs.document_filename(item, kind))

    @expose("/documents_zip/<pk>")
    @has_access
    def documents_zip(self, pk):
        item, ready = self._available(pk)
        if not ready:
            return redirect(url_for(".documents", pk=item.id))
        return download(session_docs.zip_all(db.session, item, now()),
                        f"{item.number}_documents.zip")
