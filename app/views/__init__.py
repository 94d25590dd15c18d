"""The one place that lists every screen and menu entry."""
from flask_babel import lazy_gettext as _l

from app.security.views import AccountView, PasswordView
from app.views.audit import AuditLogView
from app.views.centre_settings import CentreSettingsView
from app.views.help import HelpView
from app.views.reference import (
    AgreementView,
    CentreView,
    PriceListView,
    ProductView,
    TestComponentView,
)

REFERENCE = "Reference"
QUEUES = [("accommodation", _l("Accommodations")), ("exemption", _l("Exemptions")),
          ("postponement", _l("Postponements")), ("fraud", _l("Frauds and incidents")),
          ("appeal", _l("Appeals")), ("anomaly", _l("Anomalies"))]
SESSIONS = "Exams"


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
    # --- sessions ---
    from app.views.candidates import CandidateView, RegistrationView
    from app.views.sessions import ExamSessionView, SessionExaminerView, SessionPriceView

    exams = {"category": SESSIONS, "category_label": _l("Sessions and candidates"),
             "category_icon": "fa-calendar"}
    appbuilder.add_view(ExamSessionView, "Sessions", label=_l("Sessions"), icon="fa-calendar",
                        **exams)
    appbuilder.add_view(CandidateView, "Candidates", label=_l("Candidates"), icon="fa-users",
                        **exams)
    appbuilder.add_view(RegistrationView, "Registrations", label=_l("Registrations"),
                        icon="fa-id-card-o", **exams)
    appbuilder.add_view(SessionExaminerView, "Session examiners", label=_l("Examiners"),
                        icon="fa-user-circle", **exams)
    appbuilder.add_view_no_menu(SessionPriceView)
    # --- end sessions ---
    # --- requests ---
    from app.views.purchase_orders import PostponementPolicyView, PurchaseOrderView
    from app.views.requests import ExamRequestView

    req = {"category": "Requests", "category_label": _l("Requests"),
           "category_icon": "fa-inbox"}
    appbuilder.add_view(ExamRequestView, "All requests", label=_l("All requests"),
                        icon="fa-inbox", **req)
    for kind, label in QUEUES:
        appbuilder.add_link(f"Requests: {kind}", label=label, category="Requests",
                            href=f"/examrequestview/list/?_flt_0_kind={kind}")
    appbuilder.add_view(PurchaseOrderView, "Purchase orders", label=_l("Purchase orders"),
                        icon="fa-file-text", **req)
    appbuilder.add_view(PostponementPolicyView, "Postponement policies",
                        label=_l("Postponement policies"), icon="fa-sliders", **req)
    from app.views.training import (
        TrainingBookingView,
        TrainingSlotRequestView,
        TrainingSlotView,
    )

    appbuilder.add_view(TrainingSlotView, "Training slots", label=_l("Training slots"),
                        icon="fa-graduation-cap", **req)
    appbuilder.add_view(TrainingBookingView, "Training bookings",
                        label=_l("Training bookings"), icon="fa-calendar-check-o", **req)
    appbuilder.add_view(TrainingSlotRequestView, "Training slot requests",
                        label=_l("Requests for new training slots"), icon="fa-question", **req)
    # --- end requests ---
    appbuilder.add_view_no_menu(AccountView)
    appbuilder.add_view_no_menu(PasswordView)
    appbuilder.add_view_no_menu(HelpView)
