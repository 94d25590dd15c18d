"""Messaging screens: inbox, conversation page, "Créer une demande", attachments, actions."""
from __future__ import annotations

import uuid
from functools import partial

from flask import abort, current_app, flash, g, jsonify, redirect, request, url_for
from flask_appbuilder import BaseView, expose
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.security.decorators import has_access, permission_name
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.chat.broadcast import deliver
from app.documents.files import PREVIEWABLE, download, preview
from app.extensions import db
from app.models.centres import Centre
from app.models.messaging import Conversation, ConversationKind, ConversationStatus
from app.security.context import current_viewer
from app.services.clock import now as clock_now
from app.services.errors import DomainError, NotAllowed
from app.services.messaging import account_requests as chat_accounts
from app.services.messaging import attachments as chat_files
from app.services.messaging import canned, chat
from app.services.messaging import inbox as chat_inbox
from app.services.messaging import search as chat_search
from app.services.messaging.notes import may_see_notes
from app.views.base import ExamModelView
from app.views.messaging.text import linkify


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"



def _attachment_or_404(pk):
    """(attachment, its file) of a conversation the viewer takes part in, else 404."""
    try:
        return chat_files.find_attachment(db.session, current_viewer(), pk,
                                          chat_files.attachment_folder(current_app.instance_path))
    except chat.ConversationNotFound:
        abort(404)

class ChatView(BaseView):
    """The live messaging pages; every rule is in app/services/messaging/chat*.py."""

    route_base = "/chat"
    default_view = "inbox"

    def _conversation_or_404(self, pk) -> Conversation:
        try:
            return chat.get_conversation(db.session, current_viewer(), pk)
        except chat.ConversationNotFound:
            abort(404)

    @expose("/")
    @has_access
    def inbox(self):
        viewer = current_viewer()
        flt = request.args.get("filter", "all")
        flt = flt if flt in chat_inbox.FILTERS else "all"
        all_centres = viewer.is_body and request.args.get("centres") == "all"
        rows = chat_inbox.inbox(db.session, viewer, clock_now(), flt=flt,
                                all_centres=all_centres)
        return self.render_template("messaging/inbox.html", rows=rows, flt=flt,
                                    filters=chat_inbox.FILTERS, all_centres=all_centres,
                                    viewer=viewer, format_waiting=chat_inbox.format_waiting)

    @expose("/search")
    @has_access
    @permission_name("inbox")
    def search(self):
        """Messages and attachment names of the conversations the user may see; a refused
        search says why next to the box, which keeps the typed text."""
        typed = request.args.get("q", "")
        results, error = None, None
        if "q" in request.args:
            try:
                results = chat_search.search_messages(db.session, current_viewer(), typed,
                                                      page=request.args.get("page", 0))
            except DomainError as exc:
                error = str(exc)
        return self.render_template("messaging/search.html", typed=typed, results=results,
                                    error=error), 200 if error is None else 422

    @expose("/conversation/<int:pk>")
    @has_access
    def conversation(self, pk):
        conversation = self._conversation_or_404(pk)
        viewer = current_viewer()
        messages = chat.messages_after(db.session, viewer, pk, 0)
        return self.render_template(
            "messaging/conversation.html", conversation=conversation, messages=messages,
            hit=request.args.get("message", type=int),
            receipts=chat.receipts(db.session, conversation), linkify=linkify, viewer=viewer,
            previewable=PREVIEWABLE, can_note=may_see_notes(viewer),
            staff=chat.staff_choices(db.session) if viewer.is_body else [],
            max_bytes=chat_files.MAX_ATTACHMENT_BYTES, allowed=sorted(chat_files.ALLOWED),
            # The form's idempotency key: a double post without JavaScript stores one message.
            form_key=uuid.uuid4().hex)

    @expose("/conversation/<int:pk>/canned")
    @has_access
    def canned(self, pk):
        """The canned replies for this conversation's composer, filled, in the user's language."""
        conversation = self._conversation_or_404(pk)
        return jsonify(canned.replies_for(db.session, current_viewer(), conversation,
                                          str(get_locale() or "fr")[:2]))

    @expose("/new", methods=["GET", "POST"])
    @has_access
    def new(self):
        viewer = current_viewer()
        form = request.form
        if request.method == "POST":
            kind = (ConversationKind.EVALUATOR if form.get("kind") == "evaluator"
                    else ConversationKind.GENERAL)
            centre_id = form.get("centre_id", type=int)
            try:
                conversation = chat.start_conversation(
                    db.session, viewer, g.user, title=form.get("title"), body=form.get("body"),
                    now=clock_now(), centre_id=centre_id, kind=kind,
                    linked_type=form.get("linked_type") or None,
                    linked_id=form.get("linked_id", type=int), client_id=form.get("client_id"))
            except DomainError as exc:
                flash(str(exc), "danger")
            else:
                deliver(conversation_first_message(conversation))
                flash(_("Your request has been sent."), "success")
                return redirect(url_for("ChatView.conversation", pk=conversation.id))
        centres = db.session.query(Centre).order_by(Centre.name).all() if viewer.is_body else []
        return self.render_template("messaging/new.html", form=form, centres=centres,
                                    viewer=viewer)

    @expose("/account-request", methods=["GET", "POST"])
    @has_access
    def request_account(self):
        form = request.form
        if request.method == "POST":
            try:
                conversation = chat_accounts.request_account(
                    db.session, current_viewer(), g.user, first_name=form.get("first_name"),
                    last_name=form.get("last_name"), email=form.get("email"),
                    role=form.get("role"), message=form.get("body"), now=clock_now())
            except DomainError as exc:
                flash(str(exc), "danger")
            else:
                deliver(conversation_first_message(conversation))
                flash(_("Your request has been sent."), "success")
                return redirect(url_for("ChatView.conversation", pk=conversation.id))
        return self.render_template("messaging/account_request.html", form=form,
                                    roles=chat_accounts.REQUESTABLE_ROLES)

    @expose("/conversation/<int:pk>/send", methods=["POST"])
    @has_access
    def send(self, pk):
        self._conversation_or_404(pk)
        upload = request.files.get("file")
        body, client_id = request.form.get("body"), request.form.get("client_id")
        internal = request.form.get("internal")
        viewer, folder = current_viewer(), chat_files.attachment_folder(current_app.instance_path)

        try:
            if upload and upload.filename:
                message, created = chat_files.send_file(
                    db.session, viewer, g.user, pk, body, client_id,
                    chat_files.Upload(upload.filename, upload.read()), folder, clock_now(),
                    internal=internal)
            else:
                message, created = chat.send_message(db.session, viewer, g.user, pk, body,
                                                     client_id, clock_now(), internal=internal)
        except DomainError as exc:
            if _wants_json():
                forbidden = isinstance(exc, NotAllowed)
                return (jsonify({"error": str(exc), "code": "forbidden" if forbidden else "invalid"}),
                        403 if forbidden else 400)
            flash(str(exc), "danger")
            return redirect(url_for("ChatView.conversation", pk=pk))
        if created:
            deliver(message)
        if _wants_json():
            return jsonify(chat.serialize_message(message))
        return redirect(url_for("ChatView.conversation", pk=pk))

    @expose("/attachment/<int:pk>")
    @has_access
    def attachment(self, pk):
        attachment, path = _attachment_or_404(pk)
        return download(path, attachment.filename, attachment.content_type)

    @expose("/attachment/<int:pk>/preview")
    @has_access
    @permission_name("attachment")
    def attachment_preview(self, pk):
        """An image or a PDF shown in the browser (safe headers); anything else: 404."""
        attachment, path = _attachment_or_404(pk)
        return preview(path, attachment.filename, attachment.content_type) or abort(404)

    @expose("/conversation/<int:pk>/status", methods=["POST"])
    @has_access
    def status(self, pk):
        self._conversation_or_404(pk)
        wanted = (ConversationStatus.CLOSED if request.form.get("status") == "closed"
                  else ConversationStatus.OPEN)
        try:
            chat.set_status(db.session, current_viewer(), pk, wanted, clock_now())
        except DomainError as exc:
            flash(str(exc), "danger")
            return redirect(url_for("ChatView.conversation", pk=pk))
        flash(_("The conversation is closed.") if wanted == ConversationStatus.CLOSED
              else _("The conversation is reopened."), "success")
        return redirect(url_for("ChatView.conversation", pk=pk))

    @expose("/conversation/<int:pk>/reassign", methods=["POST"])
    @has_access
    def reassign(self, pk):
        self._conversation_or_404(pk)
        try:
            conversation = chat.reassign(db.session, current_viewer(), pk,
                                         request.form.get("assignee_id", type=int))
        except DomainError as exc:
            flash(str(exc), "danger")
        else:
            flash(_("The conversation is now assigned to %(name)s.",
                    name=conversation.assignee.get_full_name()), "success")
        return redirect(url_for("ChatView.conversation", pk=pk))

    @expose("/conversation/<int:pk>/create-account", methods=["POST"])
    @has_access
    def create_account(self, pk):
        self._conversation_or_404(pk)
        sm = self.appbuilder.sm
        try:
            user = chat_accounts.create_requested_account(
                db.session, current_viewer(), g.user, pk,
                add_user=partial(sm.add_user, commit=False), find_role=sm.find_role,
                now=clock_now(), base_url=current_app.config["EXTERNAL_URL"],
                hours=current_app.config["PASSWORD_SET_HOURS"])
        except DomainError as exc:
            flash(str(exc), "danger")
        else:
            deliver(conversation_last_message(pk))
            flash(_("The account %(login)s has been created.", login=user.username), "success")
        return redirect(url_for("ChatView.conversation", pk=pk))

    @expose("/unread")
    @has_access
    def unread(self):
        counts = chat.unread_counts(db.session, current_viewer())
        return jsonify({"total": sum(counts.values()),
                        "conversations": {str(k): v for k, v in counts.items()}})


def conversation_first_message(conversation: Conversation):
    return chat.messages_after(db.session, current_viewer(), conversation.id, 0, limit=1)[0]


def conversation_last_message(conversation_id: int):
    return chat.messages_after(db.session, current_viewer(), conversation_id, 0)[-1]


class ConversationView(ExamModelView):
    """Every conversation the user may see, with the list toolkit (read-only: the thread is
    written on the conversation page)."""

    datamodel = SQLAInterface(Conversation)
    base_permissions = ["can_list", "can_show"]
    list_title = show_title = _l("Conversations")
    # The centre by name only: an evaluator sees their own conversation, not the centre record.
    list_columns = ["title", "centre.name", "kind", "status", "assignee", "last_message_at"]
    show_columns = ["title", "centre.name", "kind", "status", "assignee", "created_by",
                    "linked_type", "linked_id", "last_message_at", "awaiting_since"]
    search_columns = ["title", "centre", "kind", "status", "assignee"]
    base_order = ("last_message_at", "desc")
    label_columns = {
        "title": _l("Title"), "centre": _l("Centre"), "centre.name": _l("Centre"), "kind": _l("Kind"),
        "status": _l("Status"), "assignee": _l("Assigned to"), "created_by": _l("Started by"),
        "linked_type": _l("Linked record type"), "linked_id": _l("Linked record"),
        "last_message_at": _l("Last message"), "awaiting_since": _l("Waiting since"),
    }
