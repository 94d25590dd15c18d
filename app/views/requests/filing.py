"""Filing requests: the form reached from a registration's row menu or a multi-selection."""
from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_appbuilder import expose
from flask_appbuilder.actions import action
from flask_appbuilder.security.decorators import has_access
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.models.candidates import Registration
from app.models.requests import RequestKind
from app.models.sessions import ExamSession
from app.security.context import current_viewer
from app.security.scope import scope_query
from app.services.clock import now
from app.services.errors import DomainError
from app.services.messaging.chat import ConversationNotFound
from app.services.requests import conversations as from_chat
from app.services.requests import resources

REGISTRATION_KINDS = [RequestKind.ACCOMMODATION, RequestKind.EXEMPTION,
                      RequestKind.POSTPONEMENT, RequestKind.FRAUD, RequestKind.APPEAL]


def _scoped_rows(model, ids):
    rows = scope_query(db.session.query(model), model, current_viewer()).filter(
        model.id.in_(ids)).all() if ids else []
    if len(rows) != len(set(ids)):
        abort(404)
    return rows


def _from_message():
    """The prefill of a request opened from the chat message `?message=<id>` (None without
    one); 404 for a message the user may not read."""
    if not request.values.get("message"):
        return None
    try:
        return from_chat.prefill(db.session, current_viewer(), request.values.get("message"))
    except ConversationNotFound:
        abort(404)


class RequestFilingMixin:
    """`/file`: one request per chosen registration (or one anomaly for a session); from a
    chat message (`?message=<id>`), prefilled and linked to its conversation."""

    @expose("/file", methods=["GET", "POST"])
    @has_access
    def file(self):
        reg_ids = [int(i) for i in request.values.getlist("reg") if i.isdigit()]
        session_id = request.values.get("session", type=int)
        prefill = _from_message()
        if prefill is not None and not reg_ids and prefill.registration is not None:
            reg_ids = [prefill.registration.id]
        registrations = _scoped_rows(Registration, reg_ids)
        session = _scoped_rows(ExamSession, [session_id])[0] if session_id else None
        if not registrations and session is None and prefill is None:
            abort(404)
        kinds = REGISTRATION_KINDS if registrations or prefill else [RequestKind.ANOMALY]
        if request.method == "POST" and prefill is not None and not registrations:
            flash(_("Choose the registration the request is about."), "danger")
        elif request.method == "POST":
            created = self._file_posted(registrations, session, prefill)
            if created:
                flash(_("%(count)s request(s) filed.", count=len(created)), "success")
                target = url_for(".show", pk=created[0].id) if len(created) == 1 \
                    else url_for(".list")
                return redirect(target)
        choices = [] if prefill is None else from_chat.registration_choices(
            db.session, current_viewer(), prefill.conversation, prefill.session)
        return self.render_template("requests/file.html", registrations=registrations,
                                    exam_session=session, kinds=kinds,
                                    chosen=request.values.get("kind", kinds[0].value),
                                    form_values=request.form, prefill=prefill,
                                    registration_choices=choices)

    def _file_posted(self, registrations, session, prefill=None):
        try:
            kind = RequestKind(request.form.get("kind", ""))
        except ValueError:
            flash(_("Choose the type of request."), "danger")
            return []
        upload = request.files.get("document")
        document = (upload.filename, upload.read()) if upload is not None and upload.filename \
            else None
        try:
            return resources.file_requests(
                db.session, current_viewer(), kind, registrations=registrations,
                session=session, reason=request.form.get("reason", ""), now=now(),
                extra_time_percent=request.form.get("extra_time_percent", type=int),
                component_code=request.form.get("component"), document=document,
                conversation_id=prefill.conversation.id if prefill else None)
        except DomainError as exc:
            flash(str(exc), "danger")
            return []


ANOMALY_ROWS = 3


class CorrectionMixin:
    """`/correction/<session>`: "Mise en correction", with or without declared anomalies."""

    @expose("/correction/<int:session_id>", methods=["GET", "POST"])
    @has_access
    def correction(self, session_id):
        session = _scoped_rows(ExamSession, [session_id])[0]
        if request.method == "POST":
            anomalies = [{"description": request.form.get(f"description_{i}", ""),
                          "virtual": request.form.get(f"virtual_{i}") == "y",
                          "justification": request.form.get(f"justification_{i}", "")}
                         for i in range(ANOMALY_ROWS)]
            anomalies = [a for a in anomalies if a["description"].strip() or a["virtual"]]
            try:
                resources.declare_correction(db.session, current_viewer(), session, anomalies,
                                             now())
            except DomainError as exc:
                flash(str(exc), "danger")
            else:
                flash(_("Session %(number)s: %(status)s.", number=session.number,
                        status=session.status.label), "success")
                return redirect(url_for("ExamSessionView.show", pk=session.id))
        return self.render_template("requests/correction.html", exam_session=session,
                                    rows=range(ANOMALY_ROWS), form_values=request.form)


class RegistrationRequestsMixin:
    """Added to the registrations list: "File a request" on a row or on a multi-selection."""

    @action("file_request", _l("File a request (accommodation, exemption, postponement…)"),
            None, "fa-paper-plane")
    def file_request(self, items):
        items = items if isinstance(items, list) else [items]
        return redirect(url_for("ExamRequestView.file", reg=[i.id for i in items]))
