"""Price-list rules: one price per product, or one per test component for modular products."""
from __future__ import annotations

from decimal import Decimal

from flask_babel import lazy_gettext as _l

from app.services.errors import DomainError, ValidationFailed

LABELS = {"amount_excl_vat": _l("Price excl. VAT"), "vat_rate": _l("VAT rate (%)")}


def check_amounts(item) -> None:
    """Raises ValidationFailed (every wrong amount) unless the price excl. VAT is zero or more
    and the VAT rate between 0 and 100."""
    errors = {}
    if item.amount_excl_vat is None or Decimal(item.amount_excl_vat) < 0:
        errors["amount_excl_vat"] = _l("must be zero or more.")
    if item.vat_rate is None or not (0 <= Decimal(item.vat_rate) <= 100):
        errors["vat_rate"] = _l("must be between 0 and 100.")
    if errors:
        raise ValidationFailed(_l("The price is not valid:"), errors, LABELS)


def check_price(item) -> None:
    """Raises DomainError when the price does not fit its product."""
    check_amounts(item)
    product, component = item.product, item.component
    if component is not None and product is not None and component.product_id != product.id:
        raise DomainError(_l("The test component does not belong to this product."))
    if component is not None and product is not None and not product.modular:
        raise DomainError(_l("Only modular products have a price per test component."))
