"""Session screen parts: the xlsx template download and the candidate / examiner import."""
from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_appbuilder import expose
from flask_appbuilder.security.decorators import has_access
from flask_babel import gettext as _

from app.documents.files import download, file_name
from app.documents.tables import Sheet, xlsx_bytes
from app.extensions import db
from app.security.context import current_viewer
from app.services.candidates import imports
from app.services.candidates.import_columns import template_sheets
from app.services.candidates.xlsx_guard import MAX_UPLOAD_BYTES
from app.services.clock import now
from app.services.errors import DomainError

KINDS = ("candidates", "examiners")


class SessionImportMixin:
    """Needs `_scoped(pk)` (ScopedRowMixin)."""

    @expose("/template/<pk>/<kind>")
    @has_access
    def template(self, pk, kind):
        item = self._scoped(pk)
        if kind not in KINDS:
            abort(404)
        if kind == "candidates":
            title, stem = _("Candidates"), _("%(number)s_candidates_import", number=item.number)
        else:
            title, stem = _("Examiners"), _("%(number)s_examiners_import", number=item.number)
        sheets = template_sheets(imports.columns_for(item, kind), title)
        return download(xlsx_bytes(*(Sheet(*sheet) for sheet in sheets)),
                        file_name(stem, "xlsx"))

    @expose("/import/<pk>/<kind>", methods=["GET", "POST"])
    @has_access
    def import_rows(self, pk, kind):
        item = self._scoped(pk)
        if kind not in KINDS:
            abort(404)
        issues, message = [], None
        if request.method == "POST":
            upload = request.files.get("file")
            data = upload.read(MAX_UPLOAD_BYTES + 1) if upload else b""
            run = imports.import_candidates if kind == "candidates" else imports.import_examiners
            try:
                result = run(db.session, current_viewer(), item, data, now(),
                             upload.filename if upload else "")
            except imports.ImportRejected as exc:
                issues, message = exc.issues, str(exc)
            except DomainError as exc:
                message = str(exc)
            else:
                flash(_("Import done: %(created)s added, %(already)s already present.",
                        created=result.created, already=result.already), "success")
                return redirect(url_for(".show", pk=item.id))
        return self.render_template("candidates/import.html", item=item, kind=kind,
                                    issues=issues, message=message), (422 if message else 200)
