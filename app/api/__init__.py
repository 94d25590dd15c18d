"""The REST API: one ModelRestApi per resource, with the screens' roles and tenancy."""
from app.api.reference import CentreApi, ProductApi


def register_apis(appbuilder) -> None:
    appbuilder.add_api(CentreApi)
    appbuilder.add_api(ProductApi)
    # --- missions ---
    from app.api.missions import ConvocationApi, MissionApi, StaffMemberApi

    appbuilder.add_api(StaffMemberApi)
    appbuilder.add_api(MissionApi)
    appbuilder.add_api(ConvocationApi)
