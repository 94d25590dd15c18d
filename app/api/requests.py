"""REST resource `request`: the centres' requests with the screens' tenancy."""
from flask_appbuilder.models.sqla.interface import SQLAInterface

from app.api.base import GuardedDeleteApi
from app.models.requests import ExamRequest
from app.services.requests.workflow import check_deletable


class RequestApi(GuardedDeleteApi):
    resource_name = "request"
    datamodel = SQLAInterface(ExamRequest)
    list_columns = ["id", "number", "kind", "status", "session.number", "registration.number",
                    "created_at", "decided_at", "version"]
    show_columns = list_columns + ["reason", "extra_time_percent", "component.code",
                                   "decision_note", "new_registration.number",
                                   "conversation_link"]
    edit_columns = ["conversation_link"]
    search_columns = ["number", "kind", "status", "created_at"]
    order_columns = ["number", "created_at", "decided_at"]
    include_route_methods = {"get", "get_list", "put", "delete"}

    @staticmethod
    def check_delete(item):
        check_deletable(item)
