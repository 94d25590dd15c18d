"""Centre settings validation and the price rules."""
from decimal import Decimal

import pytest

from app.models.reference import PriceList, Product, TestComponent
from app.services.centres.centres import check_centre_settings
from app.services.errors import DomainError
from app.services.reference.prices import check_price

VALID = {"name": "Centre", "address": "1 rue A", "postcode": "75001", "city": "Paris",
         "country": "FR", "manager_last_name": "Martin", "manager_first_name": "Claire",
         "manager_email": "c@example.org", "manager_phone": "+33 1 23 45 67 89",
         "timezone": "Europe/Paris", "language": "fr", "public_visibility": "hidden"}


def test_valid_settings_have_no_error():
    assert check_centre_settings(VALID) == {}


def test_every_wrong_field_is_named():
    errors = check_centre_settings({**VALID, "address": "", "postcode": "7500",
                                    "manager_email": "x", "timezone": "Mars/Olympus",
                                    "billing_city": "Lyon"})
    assert set(errors) == {"address", "postcode", "manager_email", "timezone",
                           "billing_address", "billing_postcode", "billing_country"}


def test_a_foreign_postcode_is_not_held_to_five_digits():
    assert check_centre_settings({**VALID, "country": "CA", "postcode": "H2X 1Y4"}) == {}


def test_a_component_price_needs_a_modular_product():
    product = Product(id=1, code="X", modular=False)
    component = TestComponent(id=2, product_id=1, code="CE")
    with pytest.raises(DomainError):
        check_price(PriceList(product=product, component=component,
                              amount_excl_vat=Decimal("10"), vat_rate=Decimal("20")))


def test_a_negative_price_is_refused():
    with pytest.raises(DomainError):
        check_price(PriceList(product=Product(id=1, code="X", modular=False),
                              amount_excl_vat=Decimal("-1"), vat_rate=Decimal("20")))
