"""REST resource `request`: the centres' requests with the screens' tenancy and use-cases."""
from flask import g
from flask_appbuilder.api import expose, permission_name, protect, safe
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l

from app.api.base import ExamModelRestApi
from app.extensions import db
from app.models.candidates import Registration
from app.models.requests import ExamRequest, RequestKind
from app.security.context import current_viewer
from app.security.scope import scope_query
from app.services.clock import now
from app.services.errors import DomainError, ValidationFailed
from app.services.messaging.chat import ConversationNotFound
from app.services.parsing import read_integer
from app.services.requests import conversations as from_chat
from app.services.requests import workflow
from app.services.requests.resources import REQUESTS, file_requests
from app.services.writes import act_on_row


class RequestApi(ExamModelRestApi):
    resource_name = "request"
    datamodel = SQLAInterface(ExamRequest)
    resource = REQUESTS
    list_columns = ["id", "number", "kind", "status", "session.number", "registration.number",
                    "created_at", "decided_at", "version"]
    show_columns = list_columns + ["reason", "extra_time_percent", "component.code",
                                   "decision_note", "new_registration.number",
                                   "conversation.id", "conversation.title"]
    edit_columns = ["conversation"]
    search_columns = ["number", "kind", "status", "created_at"]
    order_columns = ["number", "created_at", "decided_at"]
    include_route_methods = {"get", "get_list", "put", "delete", "post", "decide"}

    @expose("/", methods=["POST"])
    @protect()
    @safe
    @permission_name("post")
    def post(self):
        """File a request about a registration: {kind, registration_id, reason,
        extra_time_percent, component, conversation_id} -> 201 {id, result}. With
        `message_id` (a chat message the user may read), the reason defaults to its text, the
        registration to the one its conversation is about, and the request is linked to that
        conversation."""
        data, viewer = self._json_object() or {}, current_viewer()
        try:
            kind = RequestKind(data.get("kind"))
        except ValueError:
            return self.refusal(ValidationFailed(_l("Choose the type of request."),
                                                 {"kind": _l("is required.")}))
        try:
            prefill = (from_chat.prefill(db.session, viewer, data["message_id"])
                       if data.get("message_id") not in (None, "") else None)
        except ConversationNotFound:
            return self.response_404()
        registration_id = read_integer(data.get("registration_id")) or (
            prefill.registration.id if prefill and prefill.registration else None)
        registration = scope_query(db.session.query(Registration), Registration, viewer).filter(
            Registration.id == (registration_id or 0)).first()
        if registration is None:
            return self.response_404() if registration_id else self.refusal(ValidationFailed(
                _l("Choose the registration the request is about."),
                {"registration_id": _l("is required.")}))
        try:
            created = file_requests(
                db.session, viewer, kind, registrations=[registration], session=None,
                reason=data.get("reason") or (prefill.reason if prefill else ""), now=now(),
                extra_time_percent=read_integer(data.get("extra_time_percent")),
                component_code=data.get("component"),
                conversation_id=(prefill.conversation.id if prefill
                                 else data.get("conversation_id")))
        except DomainError as exc:
            return self.refusal(exc)
        item = created[0]
        return self.response(201, id=item.id, result={
            "number": item.number, "kind": item.kind.value, "status": item.status.value,
            "conversation_id": item.conversation_id})

    @expose("/<int:pk>/decide", methods=["POST"])
    @protect()
    @safe
    @permission_name("decide")
    def decide(self, pk):
        """Accept or refuse (Support): {decision: "accept"|"refuse", note} -> 200; the centre
        is told, and the decision is posted into the request's conversation."""
        item = self.datamodel.get(pk, self._base_filters)
        if item is None:
            return self.response_404()
        data = self._json_object() or {}
        try:
            act_on_row(db.session, current_viewer(), item, lambda i: workflow.decide(
                db.session, i, data.get("decision") == "accept", g.user.id, now(),
                data.get("note") or ""))
        except DomainError as exc:
            return self.refusal(exc)
        return self.response(200, id=item.id, result={"status": item.status.value,
                                                      "decision_note": item.decision_note})
