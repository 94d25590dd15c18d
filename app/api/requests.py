"""REST resource `request`: the centres' requests with the screens' tenancy and use-cases."""
from flask_appbuilder.models.sqla.interface import SQLAInterface

from app.api.base import ExamModelRestApi
from app.models.requests import ExamRequest
from app.services.requests.resources import REQUESTS


class RequestApi(ExamModelRestApi):
    resource_name = "request"
    datamodel = SQLAInterface(ExamRequest)
    resource = REQUESTS
    list_columns = ["id", "number", "kind", "status", "session.number", "registration.number",
                    "created_at", "decided_at", "version"]
    show_columns = list_columns + ["reason", "extra_time_percent", "component.code",
                                   "decision_note", "new_registration.number",
                                   "conversation.id", "conversation.title"]
    edit_columns = ["conversation"]
    search_columns = ["number", "kind", "status", "created_at"]
    order_columns = ["number", "created_at", "decided_at"]
    include_route_methods = {"get", "get_list", "put", "delete"}
