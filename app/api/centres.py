"""REST resource `centre`."""
from flask_appbuilder.models.sqla.interface import SQLAInterface

from app.api.base import ExamModelRestApi
from app.models.centres import Centre
from app.services.centres.resources import CENTRES


class CentreApi(ExamModelRestApi):
    resource_name = "centre"
    datamodel = SQLAInterface(Centre)
    resource = CENTRES
    list_columns = ["id", "code", "name", "type", "city", "country", "is_exam_centre", "version"]
    show_columns = ["id", "code", "name", "type", "timezone", "language", "address", "postcode",
                    "city", "country", "manager_last_name", "manager_first_name",
                    "manager_email", "manager_phone", "public_visibility", "is_exam_centre",
                    "version"]
    add_columns = edit_columns = ["code", "name", "type", "timezone", "language", "address",
                                  "postcode", "city", "country", "is_exam_centre"]
    search_columns = ["code", "name", "city", "country"]
    order_columns = ["code", "name", "city"]
