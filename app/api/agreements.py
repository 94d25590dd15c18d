"""REST resource `agreement`: agreement and contract requests, with the screen's rules (a
centre's request has no status or reference of its own: the server sets them)."""
from flask_appbuilder.api import expose, protect, safe
from flask_appbuilder.models.sqla.interface import SQLAInterface

from app.api.base import ExamModelRestApi, with_etag
from app.extensions import db
from app.models.centres import Agreement
from app.security.context import current_viewer
from app.services.centres import agreement_documents
from app.services.centres.resources import AGREEMENTS
from app.services.clock import now
from app.services.errors import DomainError


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

    @expose("/<int:pk>/request_documents", methods=["POST"])
    @protect()
    @safe
    def request_documents(self, pk):
        """Customer service asks the centre for the missing documents,
        `{"missing": "Attestation d'assurance"}` (the screen's use-case: the request becomes
        "Documents demandés", the centre is told): 403 for a centre user, 422 with the reason
        once decided or when `missing` is empty.
        ---
        post:
          responses:
            200:
              description: the request, its documents asked for
        """
        item = self.datamodel.get(pk, self._base_filters)
        if item is None:
            return self.response_404()
        data = self._json_object()
        if data is None:
            return self.response_400(message="Request is not a JSON object")
        missing = data.get("missing")
        try:
            agreement_documents.request_documents(
                db.session, current_viewer(), item,
                missing if isinstance(missing, str) else None, now())
        except DomainError as exc:
            return self.refusal(exc)
        response = self.response(200, result=self.show_model_schema.dump(item, many=False))
        return with_etag(response, item)
