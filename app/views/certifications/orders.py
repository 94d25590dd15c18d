"""Certification Le Robert screens: types, partner exam centres, orders ("Commander"), stock."""
from __future__ import annotations

from flask import current_app, flash, g, redirect, request, url_for
from flask_appbuilder import expose
from flask_appbuilder.actions import action
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.security.decorators import has_access
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.models.certifications import (
    CertificationOrder,
    CertificationType,
    OrderStatus,
    PartnerExamCentre,
    StockEntry,
    StockMovement,
)
from app.security.context import current_viewer
from app.security.scope import owning_centre_id
from app.services.certifications import orders, resources
from app.services.clock import now
from app.services.errors import DomainError
from app.views.base import ExamModelView
from app.views.certifications.groups import READ_ONLY_ROUTES, labelled, short_date
from app.views.toolkit.scoped import ScopedRowMixin

LABELS = {
    "product": _l("Product"), "name": _l("Name"), "reference": _l("Reference"),
    "unit_price_excl_vat": _l("Unit price (excl. VAT)"), "vat_rate": _l("VAT rate (%)"),
    "centre_supervised": _l("Supervised by the centre"), "active": _l("Active"),
    "network": _l("Network"), "address": _l("Address"), "postcode": _l("Postcode"),
    "city": _l("City"), "centre": _l("Centre"), "number": _l("Order no."),
    "status": _l("Status"), "ordered_at": _l("Ordered on"), "quoted_at": _l("Quote sent on"),
    "paid_at": _l("Paid on"), "delivered_at": _l("Delivered on"),
    "subtotal_excl_vat": _l("Subtotal (excl. VAT)"), "vat_amount": _l("VAT"),
    "total_incl_vat": _l("Total (incl. VAT)"), "ordered_by": _l("Ordered by"),
    "summary": _l("Certifications"), "type": _l("Type"), "movement": _l("Movement"),
    "quantity": _l("Quantity"), "created_at": _l("Date"), "note": _l("Note"),
}
MONEY = {col: (lambda v: orders.money(v) if v is not None else "")
         for col in ("unit_price_excl_vat", "subtotal_excl_vat", "vat_amount", "total_incl_vat")}


class CertificationTypeView(ExamModelView):
    datamodel = SQLAInterface(CertificationType)
    resource = resources.TYPES
    list_title = _l("Certification types")
    show_title = _l("Certification type")
    add_title = _l("Add a certification type")
    edit_title = _l("Edit the certification type")
    label_columns = LABELS
    list_columns = ["product", "name", "reference", "unit_price_excl_vat", "vat_rate",
                    "centre_supervised", "active"]
    add_columns = edit_columns = show_columns = list_columns
    search_columns = ["product", "name", "reference", "centre_supervised", "active"]
    formatters_columns = MONEY
    base_order = ("reference", "asc")
    description_columns = {"centre_supervised": _l(
        "Ticked: the centre supervises the exam (activation codes). Unticked: it is taken in "
        "a partner exam centre such as La Poste (convocation e-mail).")}


class PartnerExamCentreView(ExamModelView):
    datamodel = SQLAInterface(PartnerExamCentre)
    resource = resources.PARTNERS
    list_title = _l("Partner exam centres")
    show_title = _l("Partner exam centre")
    add_title = _l("Add a partner exam centre")
    edit_title = _l("Edit the partner exam centre")
    label_columns = LABELS
    list_columns = ["network", "name", "address", "postcode", "city", "active"]
    add_columns = edit_columns = show_columns = list_columns
    search_columns = ["network", "name", "postcode", "city", "active"]
    base_order = ("name", "asc")


class CertificationOrderView(ScopedRowMixin, ExamModelView):
    datamodel = SQLAInterface(CertificationOrder)
    list_title = _l("My orders")
    show_title = _l("Certification order")
    label_columns = LABELS
    list_columns = ["number", "centre", "ordered_at", "summary", "subtotal_excl_vat",
                    "vat_amount", "total_incl_vat", "status"]
    show_columns = ["number", "centre", "status", "summary", "subtotal_excl_vat", "vat_amount",
                    "total_incl_vat", "ordered_by", "ordered_at", "quoted_at", "paid_at",
                    "delivered_at"]
    search_columns = ["number", "centre", "status", "ordered_at"]
    formatters_columns = {**MONEY, "status": labelled(OrderStatus), "ordered_at": short_date,
                          "quoted_at": short_date, "paid_at": short_date,
                          "delivered_at": short_date}
    base_order = ("ordered_at", "desc")
    exclude_route_methods = READ_ONLY_ROUTES

    @expose("/order", methods=["GET", "POST"])
    @has_access
    def order(self):
        """"Commander": quantities per type, amounts, then the order and the sales e-mail."""
        centre_id = owning_centre_id(current_viewer())
        if centre_id is None:
            flash(_("Only a centre can order certifications."), "warning")
            return redirect(url_for(".list"))
        types = list(db.session.scalars(select(CertificationType).where(
            CertificationType.active).order_by(CertificationType.reference)))
        if request.method == "POST":
            quantities = [(t, request.form.get(f"qty_{t.id}", "0")) for t in types]
            try:
                item = resources.order_certifications(
                    db.session, current_viewer(), quantities, now(),
                    sales_email=current_app.config["SALES_EMAIL"], ordered_by=g.user.email)
            except DomainError as exc:
                flash(str(exc), "danger")
                return self.render_template("certifications/order.html", types=types,
                                            money=orders.money, entered=request.form), 400
            flash(_("Order %(number)s sent: the sales service will send you a quote.",
                    number=item.number), "success")
            return redirect(url_for(".show", pk=item.id))
        return self.render_template("certifications/order.html", types=types, entered={},
                                    money=orders.money)

    @action("mark_quoted", _l("Mark as quoted"), _l("Mark the selected orders as quoted?"),
            "fa-file-text-o")
    def mark_quoted(self, items):
        return self.run_per_row(items, lambda o: orders.mark_quoted(o, now()))

    @action("mark_paid", _l("Mark as paid"), _l("Mark the selected orders as paid?"), "fa-eur")
    def mark_paid(self, items):
        return self.run_per_row(items, lambda o: orders.mark_paid(o, now()))

    @action("deliver", _l("Mark as delivered (adds to the stock)"),
            _l("Deliver the selected orders? Their quantities are added to the stock."),
            "fa-truck")
    def deliver(self, items):
        return self.run_per_row(items, lambda o: orders.deliver(db.session, o, now()))



class StockEntryView(ExamModelView):
    datamodel = SQLAInterface(StockEntry)
    list_title = _l("Stock movements")
    show_title = _l("Stock movement")
    label_columns = LABELS
    list_columns = ["created_at", "centre", "type", "movement", "quantity", "note"]
    show_columns = list_columns
    search_columns = ["created_at", "centre", "type", "movement"]
    base_order = ("created_at", "desc")
    formatters_columns = {"movement": labelled(StockMovement), "created_at": short_date,
                          "note": lambda v: v or ""}
    exclude_route_methods = READ_ONLY_ROUTES
