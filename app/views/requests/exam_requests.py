"""Request screens: Support's queue per type, the request page with its history and decisions."""
from __future__ import annotations

from flask import abort, current_app, flash, g, redirect, request, url_for
from flask_appbuilder import expose
from flask_appbuilder.actions import action
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.security.decorators import has_access
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.documents.files import download
from app.extensions import db
from app.models.requests import ExamRequest, RequestKind, RequestStatus
from app.models.sessions import ExamSession
from app.security.context import current_viewer
from app.security.scope import scope_query
from app.services.clock import now
from app.services.errors import DomainError
from app.services.requests import documents as doc_svc
from app.services.requests import postponements as post_svc
from app.services.requests import resources
from app.services.requests import workflow as svc
from app.services.writes import act_on_row
from app.views.base import ExamModelView
from app.views.requests.badges import abbreviation, status_badge
from app.views.requests.filing import CorrectionMixin, RequestFilingMixin
from app.views.toolkit.scoped import ScopedRowMixin

LABELS = {
    "number": _l("Request no."), "kind": _l("Type"), "status": _l("Status"),
    "centre": _l("Centre"), "session": _l("Session"), "registration": _l("Registration"),
    "candidate_name": _l("Candidate"), "reason": _l("Reason"),
    "extra_time_percent": _l("Extra time (%)"), "component": _l("Test component"),
    "decision_note": _l("Decision note"), "decided_at": _l("Decision date"),
    "created_at": _l("Request date"), "new_registration": _l("New registration"),
    "conversation": _l("Conversation"), "decided_by": _l("Decided by"),
}
ACTIONS = {"filed": _l("Filed"), "taken": _l("Taken in charge"), "accepted": _l("Accepted"),
           "refused": _l("Refused"), "document": _l("Document added"),
           "reregistered": _l("Re-registered into session")}


class ExamRequestView(CorrectionMixin, RequestFilingMixin, ScopedRowMixin, ExamModelView):
    datamodel = SQLAInterface(ExamRequest)
    resource = resources.REQUESTS
    list_title = _l("Requests")
    show_title = _l("Request")
    edit_title = _l("Edit the request")
    show_template = "requests/request_show.html"
    label_columns = LABELS
    list_columns = ["number", "kind", "status", "centre", "session", "candidate_name",
                    "created_at", "decided_at"]
    show_columns = ["number", "kind", "status", "centre", "session", "registration",
                    "reason", "extra_time_percent", "component", "decision_note", "decided_at",
                    "decided_by", "new_registration", "created_at"]
    # The conversation is a relation (offered within the viewer's scope, checked by the
    # service): the page links to it by url_for, never to an address a user typed.
    edit_columns = ["conversation"]
    description_columns = {"conversation": _l("The messaging conversation about this "
                                              "request.")}
    # Age filter: "Request date" greater/smaller than a date.
    search_columns = ["number", "kind", "status", "centre", "session", "created_at"]
    formatters_columns = {"status": status_badge}
    base_order = ("created_at", "desc")
    exclude_route_methods = {"download", "add", "delete"}

    @expose("/show/<pk>", methods=["GET"])
    @has_access
    def show(self, pk):
        item = self._scoped(pk)
        viewer = current_viewer()
        g.request_item = item
        g.request_status = svc.status_label(item)
        g.request_code = abbreviation(item)
        g.request_can_decide = viewer.is_body and item.status in svc.OPEN
        g.request_targets = []
        g.request_actions = ACTIONS
        if (item.kind == RequestKind.POSTPONEMENT and item.status == RequestStatus.ACCEPTED
                and item.new_registration_id is None):
            policy = post_svc.policy_for(db.session, item.session.product_id)
            if viewer.is_body or policy.centre_may_reregister:
                g.request_targets = post_svc.target_sessions(db.session, item, now())
        return super().show(pk)

    def _run(self, pk, operation, done):
        """One button of the request page: `operation(request)` as one use-case."""
        item = self._scoped(pk)
        try:
            act_on_row(db.session, current_viewer(), item, operation)
        except DomainError as exc:
            flash(str(exc), "danger")
        else:
            flash(done, "success")
        return redirect(url_for(".show", pk=item.id))

    @expose("/take/<pk>", methods=["POST"])
    @has_access
    def take(self, pk):
        return self._run(pk, lambda i: svc.take_in_charge(db.session, i, g.user.id, now()),
                         _("The request is being processed."))

    @expose("/decide/<pk>", methods=["POST"])
    @has_access
    def decide(self, pk):
        accept = request.form.get("decision") == "accept"
        note = request.form.get("note", "")
        return self._run(pk, lambda i: svc.decide(db.session, i, accept, g.user.id, now(), note,
                                                  str(get_locale() or "fr")),
                         _("Decision recorded; the centre is notified."))

    @expose("/reregister/<pk>", methods=["POST"])
    @has_access
    def reregister(self, pk):
        self._scoped(pk)
        viewer = current_viewer()
        target_id = request.form.get("target", type=int)
        target = scope_query(db.session.query(ExamSession), ExamSession, viewer).filter(
            ExamSession.id == target_id).first()
        if target is None:
            flash(_("Choose the new session."), "danger")
            return redirect(url_for(".show", pk=pk))
        return self._run(pk, lambda i: post_svc.reregister(db.session, i, target, now(),
                                                           g.user.id, viewer.is_body),
                         _("The candidate is registered to the new session."))

    @expose("/attach/<pk>", methods=["POST"])
    @has_access
    def attach(self, pk):
        item = self._scoped(pk)
        upload = request.files.get("document")
        if upload is None or not upload.filename:
            flash(_("Choose a file."), "danger")
            return redirect(url_for(".show", pk=pk))
        try:
            resources.attach_document(db.session, current_viewer(), item, upload.filename,
                                      upload.read(), now())
        except DomainError as exc:
            flash(str(exc), "danger")
        else:
            flash(_("Document added."), "success")
        return redirect(url_for(".show", pk=item.id))

    @expose("/file_document/<pk>/<doc_id>")
    @has_access
    def file_document(self, pk, doc_id):
        item = self._scoped(pk)
        document = next((d for d in item.documents if str(d.id) == doc_id), None)
        path = doc_svc.resolve(current_app.config["UPLOAD_FOLDER"], document.document) \
            if document else None
        if path is None:
            abort(404)
        return download(path, document.filename)

    def show_actions(self, item) -> dict:
        return {}  # the record page has its own decision panel, offered while the request is open

    @action("take_many", _l("Take in charge"), _l("Take the selected requests in charge?"),
            "fa-hand-paper-o")
    def take_many(self, items):
        return self.run_per_row(
            items, lambda item: svc.take_in_charge(db.session, item, g.user.id, now()))
