"""Session screens: list, creation in 4 steps (product and price list, dates and capacity,
options and online visibility, summary: seed 001), status actions, joining a body session,
prices."""
from __future__ import annotations

from flask import flash, g, redirect, url_for
from flask_appbuilder import expose
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.security.decorators import has_access
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField

from app.extensions import db
from app.models.reference import TestComponent
from app.models.sessions import ExamSession, SessionExaminer, SessionPrice
from app.security.context import current_viewer
from app.security.filters import CENTRE_ACCOUNT_FILTER
from app.security.scope import owning_centre_id
from app.services.clock import now
from app.services.errors import DomainError
from app.services.formatting import format_amount, format_percent
from app.services.sessions import workflow as svc
from app.services.sessions.resources import SESSION_EXAMINERS, SESSION_PRICES, SESSIONS
from app.views.base import ExamModelView
from app.views.candidates.imports import SessionImportMixin
from app.views.candidates.registrations import RegistrationView
from app.views.sessions.documents import SessionDocumentsMixin
from app.views.sessions.results import SessionResultsMixin
from app.views.toolkit.scoped import ScopedRowMixin
from app.views.toolkit.steps import Step, StepsMixin

LABELS = {
    "number": _l("Session no."), "product": _l("Product"), "centre": _l("Centre"),
    "parent": _l("Body session"), "title": _l("Title"), "start_date": _l("Start date"),
    "end_date": _l("End date"), "capacity": _l("Places"), "status": _l("Status"),
    "has_anomalies": _l("Anomalies declared"), "online_visible": _l("Shown online"),
    "centre_deadline": _l("Centre deadline"),
    "registration_deadline": _l("Candidate deadline"),
    "registration_deadline_local": _l("Candidate and examiner deadline"),
    "centre_deadline_local": _l("Centre deadline"),
    "session": _l("Session"), "component": _l("Test component"),
    "amount_excl_vat": _l("Price excl. VAT"), "vat_rate": _l("VAT rate (%)"),
    "user": _l("User account"), "last_name": _l("Last name"), "first_name": _l("First name"),
    "email": _l("E-mail"), "needs_training": _l("Needs training"),
}


class SessionPriceView(ScopedRowMixin, ExamModelView):
    datamodel = SQLAInterface(SessionPrice)
    resource = SESSION_PRICES
    list_title = _l("Session prices")
    show_title = _l("Session price")
    edit_title = _l("Edit the session price")
    label_columns = LABELS
    list_columns = ["session", "component", "amount_excl_vat", "vat_rate"]
    show_columns = ["session", "component", "amount_excl_vat", "vat_rate"]
    edit_columns = ["amount_excl_vat", "vat_rate"]
    base_permissions = ["can_list", "can_show", "can_edit"]


class SessionExaminerView(ScopedRowMixin, ExamModelView):
    datamodel = SQLAInterface(SessionExaminer)
    resource = SESSION_EXAMINERS
    list_title = _l("Examiners")
    show_title = _l("Examiner")
    add_title = _l("Register an examiner")
    edit_title = _l("Edit the examiner")
    label_columns = LABELS
    list_columns = ["session", "last_name", "first_name", "email", "needs_training"]
    add_form_extra_fields = edit_form_extra_fields = {
        "needs_training": BooleanField(_l("Needs training"))}
    show_columns = add_columns = edit_columns = ["session", "user", "last_name", "first_name",
                                                 "email", "needs_training"]
    search_columns = ["session", "last_name", "email", "needs_training"]
    # An examiner is one of the centre's own accounts (the service's rule): the picker offers
    # no other, such as the centre's support contact.
    add_form_query_rel_fields = edit_form_query_rel_fields = {"user": [CENTRE_ACCOUNT_FILTER]}


class ExamSessionView(StepsMixin, SessionImportMixin, SessionDocumentsMixin,
                      SessionResultsMixin, ScopedRowMixin, ExamModelView):
    datamodel = SQLAInterface(ExamSession)
    resource = SESSIONS
    list_title = _l("Sessions")
    show_title = _l("Session")
    add_title = _l("Create a session")
    edit_title = _l("Edit the session")
    show_template = "sessions/session_show.html"
    label_columns = LABELS
    list_columns = ["number", "product", "title", "start_date", "status", "capacity",
                    "registration_deadline_local"]
    show_columns = ["number", "product", "centre", "parent", "title", "start_date", "end_date",
                    "capacity", "status", "has_anomalies", "online_visible",
                    "centre_deadline_local", "registration_deadline_local"]
    add_steps = [
        Step(_l("Product and price list"), ("product", "centre", "title")),
        Step(_l("Dates and capacity"), ("start_date", "end_date", "capacity")),
        Step(_l("Options and online visibility"), ("online_visible",), required=False),
    ]
    add_columns = ["product", "centre", "title", "start_date", "end_date", "capacity",
                   "online_visible"]
    edit_columns = ["title", "start_date", "end_date", "capacity", "online_visible"]
    search_columns = ["number", "product", "centre", "start_date", "status", "online_visible"]
    description_columns = {
        "centre": _l("Leave empty for a session organised by the body, which centres join."),
    }
    add_form_extra_fields = edit_form_extra_fields = {
        "online_visible": BooleanField(_l("Shown online"))}
    related_views = [RegistrationView, SessionPriceView, SessionExaminerView]
    base_order = ("start_date", "asc")

    def steps_summary_extra(self, form, item):
        """The summary shows the prices the session takes from the centre's price list."""
        centre_id = owning_centre_id(current_viewer()) or (item.centre.id if item.centre
                                                           else None)
        if item.product is None:
            return []
        prices = svc.prices_from_list(db.session, centre_id, item.product)
        rows = [(str(db.session.get(TestComponent, p.component_id))
                 if p.component_id else _("Whole product"),
                 _("%(amount)s excl. VAT, VAT %(rate)s", amount=format_amount(p.amount_excl_vat),
                   rate=format_percent(p.vat_rate)))
                for p in prices]
        return [(_l("Prices from your price list"),
                 rows or [(_("Price list"), _("No price for this product: set the session "
                                              "prices after creating it."))])]

    @expose("/show/<pk>", methods=["GET"])
    @has_access
    def show(self, pk):
        item = self._scoped(pk)
        viewer = current_viewer()
        g.session_transitions = svc.allowed_transitions(db.session, item, now(), viewer.is_body)
        g.session_item = item
        g.session_can_edit = viewer.is_body or viewer.is_centre_user
        g.session_is_body = viewer.is_body
        g.session_can_join = (item.centre_id is None and viewer.is_centre_user
                              and not viewer.is_body)
        g.session_joined = (svc.joined_session(db.session, item, owning_centre_id(viewer))
                            if g.session_can_join else None)
        return super().show(pk)

    @expose("/transition/<pk>/<name>", methods=["POST"])
    @has_access
    def transition(self, pk, name):
        item = self._scoped(pk)
        try:
            svc.change_status(db.session, current_viewer(), item, name, now())
        except DomainError as exc:
            flash(str(exc), "danger")
        else:
            flash(_("Session %(number)s: %(status)s.", number=item.number,
                    status=item.status.label), "success")
        return redirect(url_for(".show", pk=item.id))

    @expose("/join/<pk>", methods=["POST"])
    @has_access
    def join(self, pk):
        item = self._scoped(pk)
        try:
            child = svc.join_session(db.session, current_viewer(), item, now())
        except DomainError as exc:
            flash(str(exc), "danger")
            return redirect(url_for(".show", pk=item.id))
        flash(_("Your centre is registered to the session: %(number)s.", number=child.number),
              "success")
        return redirect(url_for(".show", pk=child.id))
