"""REST resources of candidates: candidate, registration (the screens' use-cases)."""
from flask_appbuilder.models.sqla.interface import SQLAInterface

from app.api.base import ExamModelRestApi
from app.models.candidates import REGISTRATION_CANDIDATE_FIELDS, Candidate, Registration
from app.services.candidates.resources import CANDIDATES, REGISTRATIONS


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
    include_route_methods = {"get", "get_list", "put", "delete"}
