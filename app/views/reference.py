"""Reference data screens: products and test components, centres, price lists, agreements."""
from __future__ import annotations

from flask_appbuilder.actions import action
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import FileField

from app.models.reference import Agreement, Centre, PriceList, Product, TestComponent
from app.services import agreements
from app.services.clock import now
from app.views.base import DocumentMixin, ExamModelView

COMMON_LABELS = {
    "code": _l("Code"), "name": _l("Name"), "label": _l("Label"), "range": _l("Range"),
    "description": _l("Description"), "modular": _l("Modular"), "active": _l("Active"),
    "valid_from": _l("Valid from"), "valid_until": _l("Valid until"),
    "components": _l("Test components"), "product": _l("Product"), "position": _l("Order"),
    "centre": _l("Centre"), "component": _l("Test component"),
    "amount_excl_vat": _l("Price excl. VAT"), "vat_rate": _l("VAT rate (%)"),
    "type": _l("Type"), "timezone": _l("Time zone"), "language": _l("Language"),
    "address": _l("Address"), "postcode": _l("Postcode"), "city": _l("City"),
    "country": _l("Country"), "billing_address": _l("Billing address"),
    "billing_postcode": _l("Billing postcode"), "billing_city": _l("Billing city"),
    "billing_country": _l("Billing country"), "manager_role": _l("Manager's role"),
    "manager_last_name": _l("Manager's last name"),
    "manager_first_name": _l("Manager's first name"),
    "manager_email": _l("Manager's e-mail"), "manager_phone": _l("Manager's phone"),
    "support_contact": _l("Customer-service contact"),
    "public_visibility": _l("Visibility on the public site"),
    "is_exam_centre": _l("Exam centre"), "kind": _l("Kind"), "reference": _l("Reference"),
    "status": _l("Status"), "document": _l("Document"),
    "renewal_requested_at": _l("Renewal requested on"), "notes": _l("Notes"),
    "created_at": _l("Created on"), "updated_at": _l("Updated on"),
}


class ProductView(ExamModelView):
    datamodel = SQLAInterface(Product)
    list_title = _l("Products")
    show_title = _l("Product")
    add_title = _l("Add a product")
    edit_title = _l("Edit the product")
    label_columns = COMMON_LABELS
    list_columns = ["code", "name", "range", "modular", "active", "valid_from", "valid_until"]
    show_columns = ["code", "name", "range", "description", "modular", "active", "valid_from",
                    "valid_until", "components"]
    add_columns = edit_columns = ["code", "name", "range", "description", "modular", "active",
                                  "valid_from", "valid_until"]
    search_columns = ["code", "name", "range", "modular", "active"]
    base_order = ("code", "asc")


class TestComponentView(ExamModelView):
    datamodel = SQLAInterface(TestComponent)
    list_title = _l("Test components")
    show_title = _l("Test component")
    add_title = _l("Add a test component")
    edit_title = _l("Edit the test component")
    label_columns = COMMON_LABELS
    list_columns = ["product", "code", "label", "position"]
    add_columns = edit_columns = show_columns = ["product", "code", "label", "position"]
    search_columns = ["product", "code", "label"]


class CentreView(ExamModelView):
    datamodel = SQLAInterface(Centre)
    list_title = _l("Centres")
    show_title = _l("Centre")
    add_title = _l("Add a centre")
    edit_title = _l("Edit the centre")
    label_columns = COMMON_LABELS
    list_columns = ["code", "name", "type", "city", "country", "support_contact",
                    "is_exam_centre", "active"]
    fields = ["code", "name", "type", "is_exam_centre", "active", "timezone", "language",
              "address", "postcode", "city", "country", "billing_address", "billing_postcode",
              "billing_city", "billing_country", "manager_role", "manager_last_name",
              "manager_first_name", "manager_email", "manager_phone", "support_contact",
              "public_visibility"]
    add_columns = edit_columns = show_columns = fields
    search_columns = ["code", "name", "type", "city", "country", "support_contact", "active"]
    base_order = ("name", "asc")


class PriceListView(ExamModelView):
    datamodel = SQLAInterface(PriceList)
    list_title = _l("Price lists")
    show_title = _l("Price")
    add_title = _l("Add a price")
    edit_title = _l("Edit the price")
    label_columns = COMMON_LABELS
    list_columns = ["centre", "product", "component", "amount_excl_vat", "vat_rate"]
    add_columns = edit_columns = show_columns = ["centre", "product", "component",
                                                 "amount_excl_vat", "vat_rate"]
    search_columns = ["centre", "product", "component"]

    def pre_add(self, item):
        super().pre_add(item)
        _check_price(item)

    def pre_update(self, item):
        super().pre_update(item)
        _check_price(item)


def _check_price(item):
    from app.services.prices import check_price

    check_price(item)


class AgreementView(DocumentMixin, ExamModelView):
    datamodel = SQLAInterface(Agreement)
    list_title = _l("Agreements and contracts")
    show_title = _l("Agreement or contract")
    add_title = _l("Request an agreement")
    edit_title = _l("Edit the agreement or contract")
    label_columns = COMMON_LABELS
    list_columns = ["centre", "kind", "reference", "status", "valid_from", "valid_until",
                    "renewal_requested_at"]
    show_columns = ["centre", "kind", "reference", "status", "valid_from", "valid_until",
                    "document", "renewal_requested_at", "notes"]
    add_columns = edit_columns = ["centre", "kind", "reference", "status", "valid_from",
                                  "valid_until", "notes"]
    search_columns = ["centre", "kind", "reference", "status", "valid_until"]
    formatters_columns = {"document": lambda v: _("Attached") if v else "—"}
    add_form_extra_fields = edit_form_extra_fields = {
        "upload": FileField(_l("Document (PDF, PNG, JPEG)"))}
    add_columns = edit_columns = add_columns + ["upload"]

    def pre_add(self, item):
        super().pre_add(item)
        agreements.prepare_new(item, self._viewer_is_body())
        self.store_upload(item)

    def pre_update(self, item):
        super().pre_update(item)
        agreements.check_dates(item)
        self.store_upload(item)

    @staticmethod
    def _viewer_is_body() -> bool:
        from app.security.context import current_viewer

        return current_viewer().is_body

    @action("request_renewal", _l("Request the renewal"),
            _l("Request the renewal of the selected agreements?"), "fa-refresh")
    def request_renewal(self, items):
        return self.run_per_row(items, lambda item: agreements.request_renewal(item, now()))
