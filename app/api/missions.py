"""REST resources of exam missions: staff_member, mission, convocation (read for centres)."""
from flask_appbuilder.models.sqla.interface import SQLAInterface

from app.api.base import ExamModelRestApi
from app.models.missions.missions import Convocation, Mission
from app.models.missions.staff import StaffMember
from app.services.missions.resources import CONVOCATIONS, MISSIONS, STAFF

# Writes stay with the screens (which apply every rule); only plain columns are writable
# here, for administrators, so that no relation drop-down is offered through _info.


class StaffMemberApi(ExamModelRestApi):
    resource_name = "staff_member"
    datamodel = SQLAInterface(StaffMember)
    resource = STAFF
    list_columns = ["id", "identifier", "last_name", "first_name", "post_discipline",
                    "centre.code", "last_convocation_date", "version"]
    show_columns = list_columns + ["birth_date", "secondary_centre.code", "professional_email",
                                   "professional_phone", "address"]
    add_columns = edit_columns = ["identifier", "last_name", "first_name", "birth_date",
                                  "post_discipline", "professional_email", "personal_email",
                                  "professional_phone", "personal_phone", "address"]
    search_columns = ["identifier", "last_name", "first_name", "post_discipline"]
    order_columns = ["identifier", "last_name", "first_name"]


class MissionApi(ExamModelRestApi):
    resource_name = "mission"
    datamodel = SQLAInterface(Mission)
    resource = MISSIONS
    list_columns = ["id", "number", "exam_session", "product.code", "type", "centre.code",
                    "starts_on", "ends_on", "open_to_centre", "remuneration", "version"]
    show_columns = list_columns + ["speciality.code", "speciality.label", "component.code",
                                   "juries", "rooms",
                                   "default_observation"]
    add_columns = edit_columns = ["number", "exam_session", "type", "starts_on",
                                  "ends_on", "juries", "rooms", "open_to_centre",
                                  "remuneration", "default_observation"]
    search_columns = ["number", "exam_session", "type", "starts_on"]
    order_columns = ["number", "starts_on"]


class ConvocationApi(ExamModelRestApi):
    resource_name = "convocation"
    datamodel = SQLAInterface(Convocation)
    resource = CONVOCATIONS
    list_columns = ["id", "mission.number", "staff_member.identifier", "staff_member.last_name",
                    "staff_member.first_name", "quality.label", "origin", "expenses_status",
                    "version"]
    show_columns = list_columns + ["commission.code", "jury", "room", "observation"]
    add_columns = edit_columns = ["observation"]
    search_columns = ["mission", "staff_member", "origin"]
    order_columns = ["id"]
