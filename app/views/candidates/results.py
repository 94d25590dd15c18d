"""Registration screen parts: results per component (oral marks by the evaluator) and the
certificate PDF once results are published."""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, request, send_file, url_for
from flask_appbuilder import expose
from flask_appbuilder.security.decorators import has_access
from flask_babel import gettext as _

from app.documents.candidates import certificate_filename, render_certificate
from app.documents.files import download
from app.extensions import db
from app.security.context import current_viewer
from app.services.candidates import registrations as reg_svc
from app.services.clock import now
from app.services.errors import DomainError
from app.services.uploads import resolve_upload


class RegistrationResultsMixin:
    """Needs `_scoped(pk)` (ScopedRowMixin)."""

    @expose("/results/<pk>", methods=["GET", "POST"])
    @has_access
    def results(self, pk):
        item = self._scoped(pk)
        viewer = current_viewer()
        status = 200
        if request.method == "POST":
            scores = {rc.component.code: request.form.get(f"score_{rc.component.code}")
                      for rc in item.components}
            try:
                reg_svc.enter_results(db.session, viewer, item, scores)
            except DomainError as exc:
                flash(str(exc), "danger")
                status = 422  # shown again with the scores as typed
            else:
                flash(_("Results saved."), "success")
                return redirect(url_for(".show", pk=item.id))
        assigned = reg_svc.is_assigned_evaluator(db.session, viewer, item)
        editable = {rc.component.code: reg_svc.can_mark(rc.component.code, viewer.is_body,
                                                        assigned)
                    for rc in item.components}
        return self.render_template("candidates/registration_results.html", item=item,
                                    editable=editable), status

    @expose("/identity/<pk>", methods=["GET", "POST"])
    @has_access
    def identity(self, pk):
        """Photo and signature of the candidate, taken at the exam by the session's evaluator."""
        item = self._scoped(pk)
        viewer = current_viewer()
        if request.method == "POST":
            uploads = {name: (f.filename, f.read()) for name in ("photo", "signature")
                       if (f := request.files.get(name)) and f.filename}
            try:
                reg_svc.record_photo_and_signature(db.session, viewer, item,
                                                   uploads.get("photo"), uploads.get("signature"))
            except DomainError as exc:
                flash(str(exc), "danger")
            else:
                flash(_("Photo and signature saved."), "success")
                return redirect(url_for(".identity", pk=item.id))
        return self.render_template(
            "candidates/registration_identity.html", item=item,
            can_record=reg_svc.is_assigned_evaluator(db.session, viewer, item))

    @expose("/identity_file/<pk>/<kind>")
    @has_access
    def identity_file(self, pk, kind):
        item = self._scoped(pk)
        path = resolve_upload(current_app.config["UPLOAD_FOLDER"],
                              getattr(item, kind, None) if kind in ("photo", "signature")
                              else None)
        if path is None:
            abort(404)
        return send_file(path)

    @expose("/certificate/<pk>")
    @has_access
    def certificate(self, pk):
        item = self._scoped(pk)
        try:
            attestation = reg_svc.certificate_attestation(db.session, current_viewer(), item,
                                                          now())
        except DomainError as exc:
            flash(str(exc), "warning")
            return redirect(url_for(".show", pk=item.id))
        return download(render_certificate(item, now(), attestation),
                        certificate_filename(item))
