"""The REST API: one ModelRestApi per resource, with the screens' roles and tenancy."""
from app.api.chat import ConversationApi, MessageApi
from app.api.reference import CentreApi, ProductApi


def register_apis(appbuilder) -> None:
    appbuilder.add_api(CentreApi)
    appbuilder.add_api(ProductApi)
    # --- chat ---
    appbuilder.add_api(ConversationApi)
    appbuilder.add_api(MessageApi)
