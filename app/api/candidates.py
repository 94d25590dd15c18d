"""REST resources of candidates: candidate, registration (the screens' use-cases)."""
from flask_appbuilder.api import expose, protect, safe
from flask_appbuilder.models.sqla.interface import SQLAInterface

from app.api.base import ExamModelRestApi
from app.extensions import db
from app.models.candidates import REGISTRATION_CANDIDATE_FIELDS, Candidate, Registration
from app.security.context import current_viewer
from app.services.candidates import registrations as reg_svc
from app.services.candidates.resources import CANDIDATES, REGISTRATIONS
from app.services.errors import DomainError


class CandidateApi(ExamModelRestApi):
    resource_name = "candidate"
    datamodel = SQLAInterface(Candidate)
    resource = CANDIDATES
    list_columns = ["id", "last_name", "first_name", "birth_date", "gender", "email",
                    "nationality", "version"]
    show_columns = ["id", "civility", "last_name", "birth_name", "first_name", "birth_date",
                    "birth_postcode", "birth_city", "birth_country", "gender", "mother_tongue",
                    "nationality", "email", "phone", "address", "id_number", "motivation",
                    "education_level", "socio_professional_category", "french_mother_tongue",
                    "employed", "funding", "version"]
    add_columns = edit_columns = [c for c in show_columns if c not in ("id", "version")]
    search_columns = ["last_name", "first_name", "email", "birth_date"]
    order_columns = ["last_name", "first_name", "birth_date"]


class RegistrationApi(ExamModelRestApi):
    resource_name = "registration"
    datamodel = SQLAInterface(Registration)
    resource = REGISTRATIONS
    list_columns = ["id", "number", "session.number", "candidate.last_name",
                    "candidate.first_name",
                    *(f"candidate.{field}" for field in REGISTRATION_CANDIDATE_FIELDS),
                    "status", "access_code", "registered_at", "version"]
    show_columns = list_columns + ["components.id", "components.absent",
                                   "components.score", "notes"]
    edit_columns = ["notes"]
    search_columns = ["number", "status", "access_code"]
    order_columns = ["number", "registered_at"]
    include_route_methods = {"get", "get_list", "put", "delete", "results"}

    @expose("/<int:pk>/results", methods=["POST"])
    @protect()
    @safe
    def results(self, pk):
        """Enter scores, `{"scores": {"CE": "412", "EO": "15,5"}}`, by the role matrix of
        reg_svc.can_mark: 403 with the reason for a score the viewer may not enter.
        ---
        post:
          responses:
            200:
              description: the scores saved
        """
        item = self.datamodel.get(pk, self._base_filters)
        if item is None:
            return self.response_404()
        data = self._json_object()
        scores = data.get("scores") if data else None
        if not isinstance(scores, dict):
            return self.response_400(message="Expected {\"scores\": {\"CE\": \"412\"}}")
        try:
            changed = reg_svc.enter_results(db.session, current_viewer(), item, {
                str(k).upper(): None if v is None else str(v) for k, v in scores.items()})
        except DomainError as exc:
            return self.refusal(exc)
        return self.response(200, changed=changed, result={
            rc.component.code: None if rc.score is None else str(rc.score)
            for rc in item.components})
