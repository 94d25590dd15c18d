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

MAIL_KINDS = {
    "agreement_decision": _l("Agreement decision"),
    "agreement_documents": _l("Documents requested"),
    "agreement_renewal": _l("Agreement renewal"),
    "candidate_login": _l("Candidate's log-in"),
    "certification_convocation": _l("Certification convocation"),
    "certification_order": _l("Certification order"),
    "chat_message": _l("New message"),
    "convocation": _l("Convocation"),
    "convocation_copy": _l("Copy of a convocation"),
    "request_decision": _l("Request decision"),
    "training_booking": _l("Training booking"),
    "unavailability_overlap": _l("Unavailability overlapping a convocation"),
    "password_set": _l("Password to choose"),
    "password_reset": _l("Password reset"),
    "session_registrations_closed": _l("Registrations closed"),
    "session_session_held": _l("Session held"),
    "session_underfilled": _l("Session under-filled"),
    "session_full": _l("Session full"),
}
LANGUAGES = {"fr": _l("French"), "en": _l("English")}


def kind_label(kind: str | None) -> str:
    """What the e-mail is about, in the reader's language (the stored key is never shown)."""
    return str(MAIL_KINDS.get(kind or "", "—" if not kind else _l("Other")))


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
    formatters_columns = {"kind": kind_label,
                          "language": lambda code: str(LANGUAGES.get(code, code or "—"))}
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
