"""REST resources of sessions and candidates: session, candidate, registration."""
from flask_appbuilder.api import expose, permission_name, protect
from flask_appbuilder.models.sqla.interface import SQLAInterface

from app.api.base import ExamModelRestApi
from app.extensions import db
from app.models.candidates import Candidate, Registration
from app.models.sessions import ExamSession
from app.services import candidates as cand_svc
from app.services import registrations as reg_svc
from app.services import sessions as svc
from app.services.errors import DomainError


class GuardedDeleteApi(ExamModelRestApi):
    """DELETE answers 422 with the reason when a rule refuses it (FAB would answer 500)."""

    @staticmethod
    def check_delete(item):
        return None

    @expose("/<pk>", methods=["DELETE"])
    @protect()
    @permission_name("delete")
    def delete(self, pk):
        item = self.datamodel.get(pk, self._base_filters)
        if item is None:
            return self.response_404()
        try:
            self.check_delete(item)
        except DomainError as exc:
            return self.response_422(message=str(exc))
        return super().delete(pk)


class ExamSessionApi(GuardedDeleteApi):
    resource_name = "session"
    datamodel = SQLAInterface(ExamSession)
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


    @staticmethod
    def check_delete(item):
        svc.check_deletable(item)


class CandidateApi(ExamModelRestApi):
    resource_name = "candidate"
    datamodel = SQLAInterface(Candidate)
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

    def pre_add(self, item):
        super().pre_add(item)
        cand_svc.prepare_candidate(db.session, item)

    def pre_update(self, item):
        super().pre_update(item)
        cand_svc.prepare_candidate(db.session, item)


class RegistrationApi(GuardedDeleteApi):
    resource_name = "registration"
    datamodel = SQLAInterface(Registration)
    list_columns = ["id", "number", "session.number", "candidate.last_name",
                    "candidate.first_name", "status", "access_code", "registered_at",
                    "version"]
    show_columns = list_columns + ["components.id", "components.absent",
                                   "components.score", "notes"]
    edit_columns = ["notes"]
    search_columns = ["number", "status", "access_code"]
    order_columns = ["number", "registered_at"]
    include_route_methods = {"get", "get_list", "put", "delete"}

    @staticmethod
    def check_delete(item):
        reg_svc.check_deletable(item)
