"""REST resource `agreement`: agreement and contract requests, with the screen's rules (a
centre's request has no status or reference of its own: the server sets them)."""
from flask_appbuilder.models.sqla.interface import SQLAInterface

from app.api.base import ExamModelRestApi
from app.models.centres import Agreement
from app.services.centres.resources import AGREEMENTS


class AgreementApi(ExamModelRestApi):
    resource_name = "agreement"
    datamodel = SQLAInterface(Agreement)
    resource = AGREEMENTS
    list_columns = ["id", "centre.code", "kind", "reference", "status", "valid_from",
                    "valid_until", "renewal_requested_at", "version"]
    show_columns = list_columns + ["notes"]
    add_columns = ["centre", "kind", "reference", "status", "valid_from", "valid_until", "notes"]
    edit_columns = ["kind", "reference", "status", "valid_from", "valid_until", "notes"]
    search_columns = ["kind", "reference", "status", "valid_until"]
    order_columns = ["reference", "valid_from", "valid_until"]

    def _init_model_schemas(self):
        super()._init_model_schemas()
        # A centre sends neither (the server sets them); customer service's may be given.
        for name in ("reference", "status"):
            self.add_model_schema.fields[name].required = False
