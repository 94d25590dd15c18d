"""Reference data screens: products and their test components, price lists."""
from __future__ import annotations

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l

from app.models.reference import PriceList, Product, TestComponent
from app.services.reference.resources import PRICE_LISTS, PRODUCTS, TEST_COMPONENTS
from app.views.base import ExamModelView

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
    resource = PRODUCTS
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
    resource = TEST_COMPONENTS
    list_title = _l("Test components")
    show_title = _l("Test component")
    add_title = _l("Add a test component")
    edit_title = _l("Edit the test component")
    label_columns = COMMON_LABELS
    list_columns = ["product", "code", "label", "position"]
    add_columns = edit_columns = show_columns = ["product", "code", "label", "position"]
    search_columns = ["product", "code", "label"]


class PriceListView(ExamModelView):
    datamodel = SQLAInterface(PriceList)
    resource = PRICE_LISTS
    list_title = _l("Price lists")
    show_title = _l("Price")
    add_title = _l("Add a price")
    edit_title = _l("Edit the price")
    label_columns = COMMON_LABELS
    list_columns = ["centre", "product", "component", "amount_excl_vat", "vat_rate"]
    add_columns = show_columns = ["centre", "product", "component", "amount_excl_vat",
                                  "vat_rate"]
    edit_columns = ["product", "component", "amount_excl_vat", "vat_rate"]  # owner: fixed
    search_columns = ["centre", "product", "component"]
