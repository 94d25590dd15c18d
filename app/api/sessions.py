"""REST resource `session`: the same use-cases as the session screens."""
from flask_appbuilder.models.sqla.interface import SQLAInterface

from app.api.base import ExamModelRestApi
from app.models.sessions import ExamSession
from app.services.sessions.resources import SESSIONS


class ExamSessionApi(ExamModelRestApi):
    resource_name = "session"
    datamodel = SQLAInterface(ExamSession)
    resource = SESSIONS
    list_columns = ["id", "number", "product.code", "centre.code", "start_date", "end_date",
                    "capacity", "status", "registration_deadline", "version"]
    show_columns = list_columns + ["title", "online_visible", "centre_deadline"]
    add_columns = ["product", "centre", "title", "start_date", "end_date", "capacity",
                   "online_visible"]
    edit_columns = ["title", "start_date", "end_date", "capacity", "online_visible"]
    search_columns = ["number", "status", "start_date"]
    order_columns = ["number", "start_date"]
    # No _info: it would list every product and centre id, and clients know them from /product.
    include_route_methods = {"get", "get_list", "post", "put", "delete"}
