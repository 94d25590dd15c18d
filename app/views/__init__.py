"""The one place that lists every screen and menu entry."""
from flask_babel import lazy_gettext as _l

from app.security.views import AccountView, PasswordView
from app.views.audit import AuditLogView
from app.views.candidates.candidates import CandidateView
from app.views.candidates.preregistrations import ContactRequestView, PreRegistrationView
from app.views.candidates.public import PublicSiteView
from app.views.candidates.registrations import RegistrationView
from app.views.candidates.verify import VerifyAttestationView
from app.views.centres.accessibility import AccessibilityView
from app.views.centres.account import GuideView, MyAccountView
from app.views.centres.centres import AgreementView, CentreView
from app.views.centres.settings import CentreSettingsView
from app.views.centres.users import CentreUsersView
from app.views.certifications.assignments import CertificationAssignmentView
from app.views.certifications.groups import CandidateGroupView, GroupCandidatesView
from app.views.certifications.orders import (
    CertificationOrderView,
    CertificationTypeView,
    PartnerExamCentreView,
    StockEntryView,
)
from app.views.help.view import HelpView
from app.views.language import LanguageView
from app.views.messaging.canned import CannedReplyView
from app.views.messaging.chat import ChatView, ConversationView
from app.views.missions.allowances import AllowanceRateView, AllowanceView, SignatureView
from app.views.missions.convocations import ConvocationView, ServiceDoneView
from app.views.missions.missions import CommissionView, MissionView, QualityView
from app.views.missions.staff import (
    CompetenceLockView,
    CompetenceView,
    StaffMemberView,
    TeachingView,
    UnavailabilityView,
)
from app.views.outbox import OutboxEmailView
from app.views.reference.products import PriceListView, ProductView, TestComponentView
from app.views.requests.exam_requests import ExamRequestView
from app.views.requests.purchase_orders import PostponementPolicyView, PurchaseOrderView
from app.views.requests.training import (
    TrainingBookingView,
    TrainingSlotRequestView,
    TrainingSlotView,
)
from app.views.sessions.generic_documents import GenericDocumentView
from app.views.sessions.sessions import ExamSessionView, SessionExaminerView, SessionPriceView

REFERENCE = "Reference"
QUEUES = [("accommodation", _l("Accommodations")), ("exemption", _l("Exemptions")),
          ("postponement", _l("Postponements")), ("fraud", _l("Frauds and incidents")),
          ("appeal", _l("Appeals")), ("anomaly", _l("Anomalies"))]
SESSIONS = "Exams"


def register_mission_views(appbuilder) -> None:
    # --- missions ---
    cat = {"category": "Missions", "category_label": _l("Exam missions"),
           "category_icon": "fa-briefcase"}
    appbuilder.add_view(StaffMemberView, "Staff", label=_l("Staff"), icon="fa-users", **cat)
    appbuilder.add_view(UnavailabilityView, "Unavailabilities", label=_l("Unavailabilities"),
                        icon="fa-calendar-times-o", **cat)
    appbuilder.add_view(CompetenceView, "Competences", label=_l("Competences"),
                        icon="fa-graduation-cap", **cat)
    appbuilder.add_view(CompetenceLockView, "Competence entry validations",
                        label=_l("Competence entry validations"), icon="fa-lock", **cat)
    appbuilder.add_view(MissionView, "Missions", label=_l("Missions"), icon="fa-tasks", **cat)
    appbuilder.add_view(ConvocationView, "Convocations", label=_l("Convocations"),
                        icon="fa-envelope-o", **cat)
    appbuilder.add_view(ServiceDoneView, "Service done", label=_l("Service done"),
                        icon="fa-check-square-o", **cat)
    appbuilder.add_view(SignatureView, "Convocation signatures",
                        label=_l("Convocation signatures"), icon="fa-pencil", **cat)
    appbuilder.add_view(AllowanceView, "Allowances", label=_l("Exam-centre head allowances"),
                        icon="fa-eur", **cat)
    appbuilder.add_view(AllowanceRateView, "Allowance rates", label=_l("Allowance rates"),
                        icon="fa-table", **cat)
    appbuilder.add_view(QualityView, "Qualities", label=_l("Qualities"), icon="fa-id-badge",
                        **cat)
    appbuilder.add_view_no_menu(TeachingView)
    appbuilder.add_view_no_menu(CommissionView)
    # --- end missions ---


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
    appbuilder.add_view(CentreUsersView, "My users", label=_l("My users"), icon="fa-users",
                        href="/my-users/")
    appbuilder.add_view(AuditLogView, "Audit log", label=_l("Audit log"), icon="fa-history",
                        category="Security", category_label=_l("Security"))

    # --- sessions ---
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

    appbuilder.add_view(PreRegistrationView, "Pre-registrations",
                        label=_l("Online pre-registrations"), icon="fa-globe", **exams)
    appbuilder.add_view(ContactRequestView, "Contact requests", label=_l("Contact requests"),
                        icon="fa-envelope-o", **exams)
    appbuilder.add_view_no_menu(PublicSiteView)
    appbuilder.add_view_no_menu(VerifyAttestationView)

    appbuilder.add_view(GenericDocumentView, "Generic documents",
                        label=_l("Generic documents"), icon="fa-files-o", **exams)
    # --- end sessions ---
    register_mission_views(appbuilder)
    # --- chat ---
    chat = {"category": "Messaging", "category_label": _l("Messaging"),
            "category_icon": "fa-comments"}
    appbuilder.add_view(ChatView, "Inbox", label=_l("Messages"), icon="fa-inbox",
                        href="/chat/", **chat)
    appbuilder.add_link("Create a request", href="/chat/new", label=_l("Create a request"),
                        icon="fa-plus", **chat)
    appbuilder.add_view(ConversationView, "Conversations", label=_l("All conversations"),
                        icon="fa-comments-o", **chat)
    appbuilder.add_view(OutboxEmailView, "E-mails sent", label=_l("E-mails sent"),
                        icon="fa-envelope", **chat)
    appbuilder.add_view(CannedReplyView, "Canned replies", label=_l("Canned replies"),
                        icon="fa-reply", **chat)
    # --- chat ---
    # --- certs ---
    certs = {"category": "Certifications", "category_label": _l("Certification Le Robert"),
             "category_icon": "fa-certificate"}
    appbuilder.add_view(CertificationOrderView, "My orders", label=_l("My orders"),
                        icon="fa-shopping-cart", **certs)
    appbuilder.add_view(StockEntryView, "Stock movements", label=_l("Stock movements"),
                        icon="fa-exchange", **certs)
    appbuilder.add_view(CandidateGroupView, "Groups", label=_l("Groups"), icon="fa-object-group",
                        **certs)
    appbuilder.add_view(CertificationAssignmentView, "Certifications assigned",
                        label=_l("Certifications assigned"), icon="fa-id-badge", **certs)
    appbuilder.add_view(CertificationTypeView, "Certification types",
                        label=_l("Certification types"), icon="fa-tags", **certs)
    appbuilder.add_view(PartnerExamCentreView, "Partner exam centres",
                        label=_l("Partner exam centres"), icon="fa-map-marker", **certs)
    appbuilder.add_view_no_menu(GroupCandidatesView)
    links = [("Order certifications", _l("Order certifications"),
              "/certificationorderview/order", "fa-cart-plus"),
             ("Assign certifications", _l("Certifications you supervise"),
              "/certificationassignmentview/assign", "fa-check-square-o"),
             ("Plan at La Poste", _l("Plan in a La Poste exam centre"),
              "/certificationassignmentview/plan", "fa-envelope-o"),
             ("Activation codes PDF", _l("Activation codes (PDF)"),
              "/certificationassignmentview/codes/pdf", "fa-file-pdf-o"),
             ("Activation codes xlsx", _l("Activation codes (xlsx)"),
              "/certificationassignmentview/codes/xlsx", "fa-file-excel-o")]
    for name, label, href, icon in links:
        appbuilder.add_link(name, href=href, label=label, icon=icon, **certs)
    # --- end certs ---
    # --- requests ---
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

    appbuilder.add_view(TrainingSlotView, "Training slots", label=_l("Training slots"),
                        icon="fa-graduation-cap", **req)
    appbuilder.add_view(TrainingBookingView, "Training bookings",
                        label=_l("Training bookings"), icon="fa-calendar-check-o", **req)
    appbuilder.add_view(TrainingSlotRequestView, "Training slot requests",
                        label=_l("Requests for new training slots"), icon="fa-question", **req)
    # --- end requests ---
    # --- account area ---
    appbuilder.add_view(GuideView, "Documentation", label=_l("Documentation"), icon="fa-book",
                        **ref)
    appbuilder.add_view_no_menu(MyAccountView)
    # --- end account area ---
    appbuilder.add_view_no_menu(AccountView)
    appbuilder.add_view_no_menu(PasswordView)
    appbuilder.add_view_no_menu(HelpView)
    # --- i18n ---
    appbuilder.add_view_no_menu(AccessibilityView)
    appbuilder.add_view_no_menu(LanguageView)
    # --- i18n end ---
