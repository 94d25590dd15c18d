"""The outbox screen (Support, administrators): every e-mail sent, its documents, "Renvoyer"."""
from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_appbuilder import expose
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.security.decorators import has_access
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.documents.files import download
from app.extensions import db
from app.models.mail import OutboxEmail
from app.security.context import current_viewer
from app.services import outbox
from app.services.errors import DomainError, NotFound
from app.views.base import ExamModelView


class OutboxEmailView(ExamModelView):
    datamodel = SQLAInterface(OutboxEmail)
    base_permissions = ["can_list", "can_show", "can_resend", "can_attachment"]
    list_title = show_title = _l("E-mails sent")
    label_columns = {"created_at": _l("Date"), "recipient": _l("Recipient"),
                     "subject": _l("Subject"), "kind": _l("Kind"), "language": _l("Language"),
                     "documents": _l("Attachments"), "state": _l("State"),
                     "sent_at": _l("Sent at"), "body": _l("Message"),
                     "reference": _l("Reference"), "error": _l("Error")}
    list_columns = ["created_at", "recipient", "subject", "documents", "state"]
    show_columns = ["created_at", "recipient", "subject", "language", "kind", "state",
                    "body"]
    search_columns = ["created_at", "recipient", "subject", "kind"]
    base_order = ("created_at", "desc")
    show_template = "outbox/show.html"

    @expose("/attachment/<int:pk>/<int:attachment_id>")
    @has_access
    def attachment(self, pk, attachment_id):
        try:
            item = outbox.attachment_of(db.session, current_viewer(), pk, attachment_id)
        except NotFound:
            abort(404)
        except DomainError:
            abort(403)
        return download(item.data, item.filename, item.content_type.split(";")[0])

    @expose("/resend/<int:pk>", methods=["POST"])
    @has_access
    def resend(self, pk):
        email = self.datamodel.get(pk, self._base_filters)
        if email is None:
            abort(404)
        try:
            copy = outbox.resend_email(db.session, current_viewer(), email)
        except DomainError as exc:
            flash(str(exc), "danger")
            return redirect(url_for(".show", pk=pk))
        if copy.error:
            flash(_("The e-mail could not be sent again: %(error)s", error=copy.error),
                  "danger")
        else:
            flash(_("E-mail sent again to %(to)s.", to=copy.recipient), "success")
        return redirect(url_for(".show", pk=copy.id))
