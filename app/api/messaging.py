"""REST resources `conversation` and `message`: list, read, send and mark read, with the
screens' tenancy; writes go through the chat service and are emitted live like socket ones."""
from __future__ import annotations

from flask import g, request
from flask_appbuilder.api import expose, permission_name, protect, safe
from flask_appbuilder.models.sqla.interface import SQLAInterface

from app.api.base import ExamModelRestApi
from app.chat.broadcast import broadcast_read, deliver
from app.extensions import db
from app.models.messaging import Conversation, ConversationKind, Message
from app.security.context import current_viewer
from app.services.clock import now as clock_now
from app.services.errors import DomainError, ValidationFailed
from app.services.messaging import chat
from app.services.messaging import search as chat_search

CONVERSATION_COLUMNS = ["id", "title", "centre.id", "centre.name", "kind", "status",
                        "linked_type", "linked_id", "assignee.id", "assignee.first_name",
                        "assignee.last_name", "created_by.id", "last_message_at",
                        "awaiting_since", "version"]
MESSAGE_COLUMNS = ["id", "conversation.id", "author.id", "author.first_name",
                   "author.last_name", "body", "created_at", "client_id", "internal"]


class _ChatApi(ExamModelRestApi):
    # put/delete stay routed (the tenancy walk expects 404/403 there) but are granted to
    # nobody but Admin; messages are never edited, writes go through the service.
    include_route_methods = {"get", "get_list", "info", "post", "put", "delete", "mark_read",
                             "search"}
    edit_columns = ["title"]

    def _payload(self) -> dict:
        data = request.get_json(silent=True)
        return data if isinstance(data, dict) else {}

    def _refusal(self, exc: DomainError):
        if isinstance(exc, chat.ConversationNotFound):
            return self.response_404()
        return self.refusal(exc)


class ConversationApi(_ChatApi):
    resource_name = "conversation"
    datamodel = SQLAInterface(Conversation)
    list_columns = show_columns = CONVERSATION_COLUMNS
    add_columns = ["title", "linked_type", "linked_id"]
    search_columns = ["title", "status", "kind", "centre", "assignee"]
    order_columns = ["id", "last_message_at", "awaiting_since", "title"]
    base_order = ("id", "desc")

    @expose("/", methods=["POST"])
    @protect()
    @safe
    @permission_name("post")
    def post(self):
        """Start a conversation: {title, body, centre_id (staff only), kind, linked_type,
        linked_id, client_id} -> 201 {id, result}."""
        data = self._payload()
        kind = (ConversationKind.EVALUATOR if data.get("kind") == "evaluator"
                else ConversationKind.GENERAL)
        try:
            conversation = chat.start_conversation(
                db.session, current_viewer(), g.user, title=data.get("title"),
                body=data.get("body"), now=clock_now(), centre_id=data.get("centre_id"),
                kind=kind, linked_type=data.get("linked_type"),
                linked_id=data.get("linked_id"), client_id=data.get("client_id"))
        except DomainError as exc:
            return self._refusal(exc)
        first = chat.messages_after(db.session, current_viewer(), conversation.id, 0, limit=1)
        deliver(first[0])
        return self.response(201, id=conversation.id,
                             result={"title": conversation.title,
                                     "message": chat.serialize_message(first[0])})


class MessageApi(_ChatApi):
    resource_name = "message"
    datamodel = SQLAInterface(Message)
    list_columns = show_columns = MESSAGE_COLUMNS
    add_columns = ["body", "client_id"]  # documentation only: post() reads its own payload
    edit_columns = ["body"]
    search_columns = ["conversation", "id", "author"]
    order_columns = ["id", "created_at"]
    base_order = ("id", "asc")

    @expose("/", methods=["POST"])
    @protect()
    @safe
    @permission_name("post")
    def post(self):
        """Send: {conversation_id, body, client_id, internal} -> 201 with the stored message
        (200 when a retry with the same client_id finds it already stored); `internal: true`
        (a staff note) is refused to anyone but staff with 403."""
        data = self._payload()
        try:
            message, created = chat.send_message(
                db.session, current_viewer(), g.user, data.get("conversation_id"),
                data.get("body"), data.get("client_id"), clock_now(),
                internal=data.get("internal"))
        except DomainError as exc:
            return self._refusal(exc)
        if created:
            deliver(message)
        return self.response(201 if created else 200, **chat.serialize_message(message))

    @expose("/read", methods=["POST"])
    @protect()
    @safe
    @permission_name("post")
    def mark_read(self):
        """Mark read: {conversation_id, last_read_id} -> the read receipt."""
        data = self._payload()
        try:
            receipt = chat.read_up_to(db.session, current_viewer(), g.user,
                                      data.get("conversation_id"), data.get("last_read_id"),
                                      clock_now())
        except DomainError as exc:
            return self._refusal(exc)
        payload = chat.serialize_receipt(receipt)
        broadcast_read(payload)
        return self.response(200, **payload)

    @expose("/search", methods=["GET"])
    @protect()
    @safe
    @permission_name("get")
    def search(self):
        """Search the messages and attachment names of the conversations the caller may see:
        ?text=<words>&page=<n>&page_size=<1..100> -> {count, page, has_more, result: [hit]};
        422 with errors.text when the search cannot run (empty, too short, too long). (`q`
        is every API's Rison argument, hence `text`.)"""
        try:
            results = chat_search.search_messages(
                db.session, current_viewer(), request.args.get("text", ""),
                page=request.args.get("page", 0),
                page_size=request.args.get("page_size", chat_search.PAGE_SIZE))
        except ValidationFailed as exc:
            return self.response(422, message=str(exc), errors={"text": [str(exc)]})
        return self.response(200, count=len(results.hits), page=results.page,
                             has_more=results.has_more,
                             result=[chat_search.serialize_hit(h) for h in results.hits])
