"""The REST API: one ModelRestApi per resource, with the screens' roles and tenancy."""
from app.api.agreements import AgreementApi
from app.api.candidates import CandidateApi, RegistrationApi
from app.api.centres import CentreApi
from app.api.messaging import ConversationApi, MessageApi
from app.api.missions import ConvocationApi, MissionApi, StaffMemberApi
from app.api.reference import ProductApi
from app.api.requests import RequestApi
from app.api.sessions import ExamSessionApi


def register_apis(appbuilder) -> None:
    appbuilder.add_api(CentreApi)
    appbuilder.add_api(AgreementApi)
    appbuilder.add_api(ProductApi)
    # --- sessions ---
    appbuilder.add_api(ExamSessionApi)
    appbuilder.add_api(CandidateApi)
    appbuilder.add_api(RegistrationApi)
    # --- missions ---

    appbuilder.add_api(StaffMemberApi)
    appbuilder.add_api(MissionApi)
    appbuilder.add_api(ConvocationApi)
    # --- chat ---
    appbuilder.add_api(ConversationApi)
    appbuilder.add_api(MessageApi)
    # --- requests ---
    appbuilder.add_api(RequestApi)
