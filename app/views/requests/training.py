"""Examiner training screens: slots (Pedagogy), bookings and requests for new slots (centres)."""
from __future__ import annotations

from flask import flash, g, redirect, request, url_for
from flask_appbuilder import expose
from flask_appbuilder.actions import action
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.security.decorators import has_access
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.documents.files import download
from app.extensions import db
from app.models.requests import TrainingBooking, TrainingSlot, TrainingSlotRequest
from app.models.sessions import SessionExaminer
from app.security.context import current_viewer
from app.security.scope import scope_query
from app.services.clock import local_today, now
from app.services.errors import DomainError
from app.services.requests import resources
from app.services.requests import training as svc
from app.views.base import ExamModelView
from app.views.toolkit.scoped import ScopedRowMixin

LABELS = {"title": _l("Title"), "starts_at": _l("Start"),
          "duration_minutes": _l("Duration (minutes)"), "place": _l("Place"),
          "video_link": _l("Video link"), "capacity": _l("Seats"), "seats_left": _l("Seats left"),
          "slot": _l("Training slot"), "examiner": _l("Examiner"), "centre": _l("Centre"),
          "booked_at": _l("Booking date"), "trained_on": _l("Trained on"),
          "reference": _l("Reference"), "session": _l("Session"), "reason": _l("Reason"),
          "created_at": _l("Request date")}


class TrainingSlotView(ScopedRowMixin, ExamModelView):
    datamodel = SQLAInterface(TrainingSlot)
    resource = resources.TRAINING_SLOTS
    list_title = _l("Training slots")
    show_title = _l("Training slot")
    add_title = _l("Propose a training slot")
    edit_title = _l("Edit the training slot")
    show_template = "requests/training_slot_show.html"
    label_columns = LABELS
    list_columns = ["title", "starts_at", "duration_minutes", "place", "video_link", "capacity",
                    "seats_left"]
    show_columns = list_columns
    add_columns = edit_columns = ["title", "starts_at", "duration_minutes", "place",
                                  "video_link", "capacity"]
    search_columns = ["title", "starts_at", "place"]
    base_order = ("starts_at", "asc")

    @expose("/show/<pk>", methods=["GET"])
    @has_access
    def show(self, pk):
        g.training_slot = self._scoped(pk)
        g.training_examiners = svc.examiners_in_need(db.session, current_viewer())
        return super().show(pk)

    @expose("/book/<pk>", methods=["POST"])
    @has_access
    def book(self, pk):
        slot = self._scoped(pk)
        ids = [int(i) for i in request.form.getlist("examiner") if i.isdigit()]
        examiners = scope_query(db.session.query(SessionExaminer), SessionExaminer,
                                current_viewer()).filter(SessionExaminer.id.in_(ids)).all()
        if not examiners or len(examiners) != len(set(ids)):
            flash(_("Choose the examiners to book."), "danger")
            return redirect(url_for(".show", pk=slot.id))
        try:
            resources.book_examiners(db.session, current_viewer(), slot, examiners, now())
        except DomainError as exc:
            flash(str(exc), "danger")
        else:
            flash(_("%(count)s examiner(s) booked; they receive the invitation by e-mail.",
                    count=len(examiners)), "success")
        return redirect(url_for(".show", pk=slot.id))


class TrainingBookingView(ScopedRowMixin, ExamModelView):
    datamodel = SQLAInterface(TrainingBooking)
    list_title = _l("Training bookings")
    show_title = _l("Training booking")
    label_columns = LABELS
    list_columns = ["reference", "examiner", "slot", "centre", "booked_at", "trained_on"]
    show_columns = list_columns
    search_columns = ["slot", "centre", "trained_on"]
    exclude_route_methods = {"download", "add", "edit", "delete"}

    @expose("/ics/<pk>")
    @has_access
    def ics(self, pk):
        booking = self._scoped(pk)
        return download(svc.ics_for(booking), f"{booking.reference}.ics")

    @action("mark_trained", _l("Mark as trained today"), _l("Mark the selected examiners as "
                                                             "trained today?"), "fa-check")
    def mark_trained(self, items):
        return self.run_per_row(items, lambda item: svc.mark_trained(item, local_today()))


class TrainingSlotRequestView(ScopedRowMixin, ExamModelView):
    datamodel = SQLAInterface(TrainingSlotRequest)
    resource = resources.SLOT_REQUESTS
    list_title = _l("Requests for new training slots")
    show_title = _l("Request for new training slots")
    add_title = _l("Ask for new training slots")
    label_columns = LABELS
    list_columns = ["reference", "centre", "session", "reason", "created_at"]
    show_columns = list_columns
    add_columns = ["session", "reason"]
    search_columns = ["centre", "session", "created_at"]
    exclude_route_methods = {"download", "edit", "delete"}
