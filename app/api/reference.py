"""REST resource `product`."""
from flask_appbuilder.models.sqla.interface import SQLAInterface

from app.api.base import ExamModelRestApi
from app.models.reference import Product
from app.services.reference.resources import PRODUCTS


class ProductApi(ExamModelRestApi):
    resource_name = "product"
    datamodel = SQLAInterface(Product)
    resource = PRODUCTS
    list_columns = ["id", "code", "name", "range", "modular", "active", "version"]
    show_columns = ["id", "code", "name", "range", "description", "modular", "active",
                    "valid_from", "valid_until", "components.code", "components.label",
                    "version"]
    add_columns = edit_columns = ["code", "name", "range", "description", "modular", "active",
                                  "valid_from", "valid_until"]
    search_columns = ["code", "name", "range", "active"]
    order_columns = ["code", "name"]
