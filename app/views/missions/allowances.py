"""Exam-centre head allowances and convocation signatures screens."""
from __future__ import annotations

from datetime import time, timedelta

from flask import abort, flash, redirect, request, url_for
from flask_appbuilder import expose
from flask_appbuilder.actions import action
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.security.decorators import has_access
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from sqlalchemy import select

from app.documents.files import download
from app.documents.missions import render_convocation
from app.extensions import db
from app.models.centres import Centre
from app.models.missions.allowances import (
    Allowance,
    AllowancePeriod,
    AllowanceProcessing,
    AllowanceRate,
    AllowanceStatus,
)
from app.models.missions.missions import (
    Convocation,
    ConvocationSignature,
    ConvocationSlot,
    Mission,
    MissionType,
    SignatureKind,
)
from app.models.missions.staff import StaffMember
from app.models.reference import Product
from app.security.context import current_viewer
from app.security.scope import scope_query
from app.services.clock import local_today, now
from app.services.errors import DomainError
from app.services.formatting import format_amount
from app.services.missions import allowances, resources
from app.services.writes import act_on_row
from app.views.base import ExamModelView
from app.views.missions.common import LABELS, ScopedDeleteMixin, enum_labels


class AllowanceRateView(ScopedDeleteMixin, ExamModelView):
    datamodel = SQLAInterface(AllowanceRate)
    resource = resources.ALLOWANCE_RATES
    list_title = show_title = add_title = edit_title = _l("Allowance rates")
    label_columns = {"bracket": _l("Bracket"), "label": _l("Label"), "amount": _l("Amount (€)")}
    list_columns = add_columns = edit_columns = show_columns = ["bracket", "label", "amount"]


class AllowanceView(ScopedDeleteMixin, ExamModelView):
    datamodel = SQLAInterface(Allowance)
    resource = resources.ALLOWANCES
    list_title = _l("Exam-centre head allowances")
    show_title = _l("Allowance")
    add_title = _l("Add an allowance")
    edit_title = _l("Edit the allowance")
    label_columns = LABELS
    # The exam manager sees every centre's allowances: the Centre column and filter say whose.
    list_columns = ["centre", "exam_session", "period", "total", "status", "processing"]
    show_columns = ["centre", "exam_session", "period", "first_test_date", "suggested_date",
                    "days_up_to_600", "days_over_600", "days_extra", "suggested_days", "total",
                    "status", "processing", "transmitted_at"]
    add_columns = ["centre", "exam_session", "period"]
    edit_columns = ["first_test_date", "days_up_to_600", "days_over_600", "days_extra"]
    description_columns = {
        "first_test_date": _l("Date from the exam management: see Suggested start."),
        "days_up_to_600": _l("Format xx,x < 100"), "days_over_600": _l("Format xx,x < 100"),
        "days_extra": _l("Format x,x <= 3")}
    search_columns = ["centre", "exam_session", "period", "status", "processing"]
    show_template = "missions/allowance_show.html"
    formatters_columns = {**enum_labels(period=AllowancePeriod, status=AllowanceStatus,
                                        processing=AllowanceProcessing),
                          "total": format_amount}
    edit_template = "missions/allowance_edit.html"
    error_fields = {"up_to_600": "days_up_to_600", "over_600": "days_over_600",
                    "extra": "days_extra"}

    def render_template(self, template, **kwargs):
        kwargs.setdefault("rates", {k: float(v) for k, v in
                                    allowances.current_rates(db.session).items()})
        kwargs.setdefault("allowance_of", lambda pk: self.datamodel.get(pk, self._base_filters))
        kwargs.setdefault("distribution", lambda a: allowances.compute_distribution(
            a.total, [s.amount for s in a.shares]))
        kwargs.setdefault("staff_choices", lambda: db.session.scalars(
            scope_query(select(StaffMember), StaffMember, current_viewer())
            .order_by(StaffMember.last_name)).all())
        return super().render_template(template, **kwargs)

    def _item(self, pk):
        item = self.datamodel.get(self._deserialize_pk_if_composite(pk), self._base_filters)
        if item is None:
            abort(404)
        return item

    @expose("/share/<pk>", methods=["POST"])
    @has_access
    def share(self, pk):
        """Add (or change) a staff member's share: a percentage or an amount."""
        item = self._item(pk)
        staff = db.session.scalar(scope_query(select(StaffMember).where(
            StaffMember.id == request.form.get("staff_member", type=int)), StaffMember,
            current_viewer()))
        by, value = request.form.get("by"), request.form.get("value")
        try:
            if staff is None:
                raise DomainError(_l("Choose a staff member of your centre."))
            resources.share_allowance(db.session, current_viewer(), item, staff,
                                      percentage=value if by == "percentage" else None,
                                      amount=value if by == "amount" else None)
        except DomainError as exc:
            flash(str(exc), "danger")
        return redirect(url_for(".show", pk=item.id))

    @expose("/remove_share/<pk>", methods=["POST"])
    @has_access
    def remove_share(self, pk):
        item = self._item(pk)
        try:
            resources.unshare_allowance(db.session, current_viewer(), item,
                                        request.form.get("share"))
        except DomainError as exc:
            flash(str(exc), "danger")
        return redirect(url_for(".show", pk=item.id))

    @action("transmit", _l("Transmit"),
            _l("Are you sure you want to validate and send this allowance entry? It will be "
               "transmitted to the managing service and you will no longer be able to change it "
               "online."), "fa-send", multiple=False, single=False)  # the button of the show page
    def transmit(self, item):
        at = now()
        try:
            act_on_row(db.session, current_viewer(), item,
                       lambda row: allowances.transmit(row, at))
        except DomainError as exc:
            flash(str(exc), "danger")
        else:
            flash(_("Your allowances were transmitted to the managing service."), "success")
        return redirect(url_for(".show", pk=item.id))

    def _process(self, items, processing):
        return self.run_per_row(items, lambda item: allowances.set_processing(item,
                                                                              processing))

    @action("validate", lazy_pgettext("allowance", "Validated"), _l("Mark as validated?"),
            "fa-check")
    def validate(self, items):
        return self._process(items, AllowanceProcessing.VALIDATED)

    @action("reject", lazy_pgettext("allowance", "Rejected"), _l("Mark as rejected?"),
            "fa-ban")
    def reject(self, items):
        return self._process(items, AllowanceProcessing.REJECTED)

    @action("accept", lazy_pgettext("allowance", "Accepted"), _l("Mark as accepted?"),
            "fa-thumbs-up")
    def accept(self, items):
        return self._process(items, AllowanceProcessing.ACCEPTED)


class SignatureView(ScopedDeleteMixin, ExamModelView):
    datamodel = SQLAInterface(ConvocationSignature)
    resource = resources.SIGNATURES
    list_title = _l("Convocation signatures")
    show_title = add_title = edit_title = _l("Convocation signature")
    label_columns = LABELS
    list_columns = ["centre", "kind", "authority", "title", "name", "city"]
    add_columns = edit_columns = show_columns = list_columns
    list_template = "missions/signature_list.html"
    formatters_columns = enum_labels(kind=SignatureKind)

    @expose("/preview/<fmt>")
    @has_access
    def preview(self, fmt):
        """A sample convocation carrying the viewer's centre signatures."""
        if fmt != "pdf":
            abort(404)
        viewer = current_viewer()
        signatures = db.session.scalars(select(ConvocationSignature).where(
            ConvocationSignature.centre_id == viewer.centre_id)).all() if viewer.centre_id else []
        sample = _sample_convocation(viewer)
        return download(render_convocation(sample, True, signatures, local_today()),
                        "preview.pdf")


def _sample_convocation(viewer):
    """An unsaved convocation with example values, for the signature preview."""
    centre = db.session.get(Centre, viewer.centre_id) if viewer.centre_id else Centre(
        name="ExamDesk", code="-")
    day = local_today() + timedelta(days=7)
    mission = Mission(number="000000", exam_session=_("Example session"),
                      product=Product(code="TEF", name="TEF"), type=MissionType.MARKING,
                      centre=centre, starts_on=day, ends_on=day)
    person = StaffMember(identifier="-", last_name="Exemple", first_name="Camille")
    convocation = Convocation(mission=mission, staff_member=person)
    convocation.slots = [ConvocationSlot(day=day, starts_at=time(8), ends_at=time(12))]
    for obj in (convocation, mission, person):
        if obj in db.session:
            db.session.expunge(obj)
    return convocation
