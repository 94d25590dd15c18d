"""Convocation screens: list, edit with dates, PDF, e-mail, service done of one convocation."""
from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_appbuilder import expose
from flask_appbuilder.actions import action
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.security.decorators import has_access
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField

from app.documents.files import download
from app.documents.missions import convocation_filename, convocation_pdf
from app.extensions import db
from app.models.missions.missions import Convocation, ConvocationOrigin, ExpensesStatus, ServiceDone
from app.security.context import current_viewer
from app.services.clock import local_today, now
from app.services.errors import DomainError
from app.services.missions import convocations, resources, service_done
from app.views.base import ExamModelView
from app.views.missions.common import (
    LABELS,
    ScopedDeleteMixin,
    enum_labels,
    yes_no,
)

DATES_HELP = _l("One line per date: JJ/MM/AAAA HH:MM-HH:MM")


class ConvocationView(ScopedDeleteMixin, ExamModelView):
    datamodel = SQLAInterface(Convocation)
    resource = resources.CONVOCATIONS
    exclude_route_methods = {"download", "add"}
    list_title = _l("Convocations")
    show_title = _l("Convocation")
    edit_title = _l("Edit the convocation")
    label_columns = LABELS
    list_columns = ["mission", "staff_member", "quality", "commission", "dates_display",
                    "origin", "expenses_status"]
    show_columns = ["mission", "staff_member", "quality", "commission", "jury", "room",
                    "dates_display", "observation", "origin", "expenses_status"]
    edit_columns = ["quality", "commission", "jury", "room", "dates", "observation"]
    edit_form_extra_fields = {"dates": TextAreaField(_l("Dates"), description=DATES_HELP)}
    search_columns = ["mission", "staff_member", "quality", "origin", "expenses_status"]
    show_template = "missions/convocation_show.html"
    formatters_columns = enum_labels(origin=ConvocationOrigin, expenses_status=ExpensesStatus)

    def prefill_form(self, form, pk):
        item = self.datamodel.get(pk, self._base_filters)
        if item is not None:
            form.dates.data = resources.slots_text(item)

    def _item(self, pk):
        item = self.datamodel.get(self._deserialize_pk_if_composite(pk), self._base_filters)
        if item is None:
            abort(404)
        return item

    @expose("/pdf/<pk>")
    @has_access
    def pdf(self, pk):
        item = self._item(pk)
        try:
            convocations.check_may_download(item, current_viewer())
        except DomainError:
            abort(403)
        data = convocation_pdf(db.session, item, local_today())
        return download(data, convocation_filename(item))

    @expose("/mail/<pk>", methods=["POST"])
    @has_access
    def mail(self, pk):
        item = self._item(pk)
        sent, refused = resources.mail_convocations(db.session, current_viewer(), [item], now())
        for reason in refused:
            flash(reason, "danger")
        if sent:
            flash(_("Convocation sent to %(to)s.", to=sent[0]), "success")
        return redirect(url_for(".show", pk=item.id))

    @expose("/service/<pk>", methods=["GET", "POST"])
    @has_access
    def service(self, pk):
        """Constat de service fait of this convocation."""
        item = self._item(pk)
        if request.method == "POST":
            data = {k: request.form.get(k) for k in ("scripts", "candidates", "hours",
                                                     "half_day_hours", "not_done_reason")}
            data["done"] = request.form.get("done") == "y"
            try:
                resources.attest_service(db.session, current_viewer(), item, data, now())
            except DomainError as exc:
                flash(str(exc), "danger")
            else:
                flash(_("Service done recorded."), "success")
                return redirect(url_for(".show", pk=item.id))
        return self.render_template("missions/service_form.html", item=item,
                                    service=item.service, form=request.form,
                                    title=_("Service done"))


class ServiceDoneView(ExamModelView):
    """What the centres attested; exam managers mark the expenses "Traité par gestionnaire"."""

    datamodel = SQLAInterface(ServiceDone)
    exclude_route_methods = {"download", "add", "edit", "delete"}
    list_title = show_title = _l("Service done")
    label_columns = LABELS
    list_columns = ["convocation", "done", "scripts", "candidates", "hours", "attested_at"]
    show_columns = list_columns + ["not_done_reason", "half_day_hours"]
    search_columns = ["done", "attested_at"]
    formatters_columns = yes_no("done")

    @action("processed", _l("Processed by the manager"),
            _l("Mark the expenses of these services as processed?"), "fa-check")
    def processed(self, items):
        return self.run_per_row(items, lambda item: service_done.mark_processed(
            item.convocation))
