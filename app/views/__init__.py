"""The one place that lists every screen and menu entry."""
from flask_babel import lazy_gettext as _l

from app.security.views import AccountView, PasswordView
from app.views.audit import AuditLogView
from app.views.centre_settings import CentreSettingsView
from app.views.chat import ChatView, ConversationView
from app.views.help import HelpView
from app.views.reference import (
    AgreementView,
    CentreView,
    PriceListView,
    ProductView,
    TestComponentView,
)

REFERENCE = "Reference"


def register_views(appbuilder) -> None:
    ref = {"category": REFERENCE, "category_label": _l("Reference data"),
           "category_icon": "fa-database"}
    appbuilder.add_view(CentreView, "Centres", label=_l("Centres"), icon="fa-building", **ref)
    appbuilder.add_view(ProductView, "Products", label=_l("Products"), icon="fa-cube", **ref)
    appbuilder.add_view(TestComponentView, "Test components", label=_l("Test components"),
                        icon="fa-list-ol", **ref)
    appbuilder.add_view(PriceListView, "Price lists", label=_l("Price lists"), icon="fa-eur",
                        **ref)
    appbuilder.add_view(AgreementView, "Agreements", label=_l("Agreements and contracts"),
                        icon="fa-file-text-o", **ref)
    appbuilder.add_view(CentreSettingsView, "Centre settings", label=_l("Centre settings"),
                        icon="fa-cog", href="/centre-settings/")
    appbuilder.add_view(AuditLogView, "Audit log", label=_l("Audit log"), icon="fa-history",
                        category="Security", category_label=_l("Security"))
    # --- chat ---
    chat = {"category": "Messaging", "category_label": _l("Messaging"),
            "category_icon": "fa-comments"}
    appbuilder.add_view(ChatView, "Inbox", label=_l("Messages"), icon="fa-inbox",
                        href="/chat/", **chat)
    appbuilder.add_link("Create a request", href="/chat/new", label=_l("Create a request"),
                        icon="fa-plus", **chat)
    appbuilder.add_view(ConversationView, "Conversations", label=_l("All conversations"),
                        icon="fa-comments-o", **chat)
    # --- chat ---
    appbuilder.add_view_no_menu(AccountView)
    appbuilder.add_view_no_menu(PasswordView)
    appbuilder.add_view_no_menu(HelpView)
