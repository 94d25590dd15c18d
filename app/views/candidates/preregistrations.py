"""Centre screens for the public site's pre-registrations (transfer) and contact requests."""
from __future__ import annotations

from flask_appbuilder.actions import action
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.models.candidates import ContactRequest, PreRegistration
from app.services.candidates import preregistrations as svc
from app.services.clock import now
from app.views.base import ExamModelView
from app.views.toolkit.scoped import ScopedRowMixin

LABELS = {"centre": _l("Centre"), "session": _l("Session"), "last_name": _l("Last name"),
          "first_name": _l("First name"), "birth_date": _l("Birth date"),
          "gender": _l("Gender"), "email": _l("E-mail"), "phone": _l("Phone"),
          "status": _l("Status"), "submitted_at": _l("Sent on"),
          "registration": _l("Registration"), "name": _l("Name"), "message": _l("Message"),
          "handled": _l("Processed")}


class PreRegistrationView(ScopedRowMixin, ExamModelView):
    datamodel = SQLAInterface(PreRegistration)
    list_title = _l("Online pre-registrations")
    show_title = _l("Online pre-registration")
    label_columns = LABELS
    list_columns = ["session", "last_name", "first_name", "birth_date", "email", "status",
                    "submitted_at"]
    show_columns = ["session", "last_name", "first_name", "birth_date", "gender", "email",
                    "phone", "status", "submitted_at", "registration"]
    search_columns = ["session", "last_name", "email", "status"]
    base_permissions = ["can_list", "can_show"]
    base_order = ("submitted_at", "desc")

    def show_actions(self, item) -> dict:
        return self.actions if svc.can_process(item) else {}

    @action("transfer", _l("Transfer into registrations"),
            _l("Register the selected people to their session?"), "fa-sign-in")
    def transfer(self, items):
        at = now()
        return self.run_per_row(items, lambda item: svc.transfer(db.session, item, at),
                                _("%(count)s pre-registration(s) transferred."))

    @action("refuse", _l("Refuse"), _l("Refuse the selected pre-registrations?"), "fa-ban")
    def refuse(self, items):
        return self.run_per_row(items, svc.refuse)


class ContactRequestView(ScopedRowMixin, ExamModelView):
    datamodel = SQLAInterface(ContactRequest)
    list_title = _l("Contact requests")
    show_title = _l("Contact request")
    label_columns = LABELS
    list_columns = ["name", "email", "phone", "submitted_at", "handled"]
    show_columns = ["name", "email", "phone", "message", "submitted_at", "handled"]
    search_columns = ["name", "email", "handled"]
    base_permissions = ["can_list", "can_show"]
    base_order = ("submitted_at", "desc")

    @action("mark_handled", _l("Mark as processed"), None, "fa-check")
    def mark_handled(self, items):
        return self.run_per_row(items, svc.mark_handled)
