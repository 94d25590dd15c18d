"""Reference data rows as resources: products and test components (generic), price lists."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from app.models.reference import PriceList, Product, TestComponent
from app.security.scope import Viewer
from app.services.reference.prices import check_price
from app.services.resources import Resource


class PriceListResource(Resource):
    """A price fits its product: one price, or one per component of a modular product."""

    def before_create(self, db: Session, viewer: Viewer, item: PriceList, now: datetime):
        check_price(item)

    def before_update(self, db: Session, viewer: Viewer, item: PriceList, now: datetime):
        check_price(item)


PRODUCTS = Resource(Product)
TEST_COMPONENTS = Resource(TestComponent)
PRICE_LISTS = PriceListResource(PriceList)
