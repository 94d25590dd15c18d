"""The roles of ExamDesk and what each may do, declared once (docs/permissions.md is generated from it)."""
from __future__ import annotations

ADMIN = "Admin"
SUPPORT = "Support"
PEDAGOGY = "Pedagogy"
EXAM_MANAGER = "ExamManager"
CENTRE_MANAGER = "CentreManager"
CENTRE_STAFF = "CentreStaff"
EVALUATOR = "Evaluator"

ROLES = (ADMIN, SUPPORT, PEDAGOGY, EXAM_MANAGER, CENTRE_MANAGER, CENTRE_STAFF, EVALUATOR)
BODY_ROLES = frozenset({ADMIN, SUPPORT, PEDAGOGY, EXAM_MANAGER})
CENTRE_ROLES = frozenset({CENTRE_MANAGER, CENTRE_STAFF})
BODY = BODY_ROLES
CENTRES = CENTRE_ROLES
EVERYONE = frozenset(ROLES)

READ = ("can_list", "can_show")
WRITE = ("can_add", "can_edit", "can_delete")
LIST_TOOLS = ("can_export", "can_prefs")
MENU = ("menu_access",)

# (view or menu name, permissions, roles). Admin holds every permission of every view.
GRANTS: list[tuple[str, tuple[str, ...], frozenset[str]]] = [
    # Everyone logged in: own account, home page, language and active centre, help
    ("UserDBModelView", ("can_userinfo",), EVERYONE),
    ("UserInfoEditView", ("can_this_form_get", "can_this_form_post"), EVERYONE),
    ("ResetMyPasswordView", ("can_this_form_get", "can_this_form_post"), EVERYONE),
    ("AccountView", ("can_switch_centre", "can_keepalive"), EVERYONE),
    ("HelpView", ("can_page", "can_sitemap"), EVERYONE),
    ("MyAccountView", ("can_account", "can_profile"), EVERYONE),
    ("GuideView", READ + LIST_TOOLS + ("can_document",), EVERYONE),
    ("GuideView", WRITE, frozenset({SUPPORT})),
    ("Documentation", MENU, BODY),
    # Reference data
    ("Reference", MENU, BODY | CENTRES),
    ("ProductView", READ + LIST_TOOLS, BODY | CENTRES),
    ("Products", MENU, BODY | CENTRES),
    ("ProductView", WRITE, frozenset({SUPPORT})),
    ("TestComponentView", READ + LIST_TOOLS, BODY | CENTRES),
    ("Test components", MENU, BODY | CENTRES),
    ("TestComponentView", WRITE, frozenset({SUPPORT})),
    ("CentreView", READ + LIST_TOOLS, BODY | CENTRES),
    ("Centres", MENU, BODY | CENTRES),
    ("CentreView", WRITE, frozenset({SUPPORT})),
    ("CentreSettingsView", ("can_settings",), frozenset({CENTRE_MANAGER})),
    ("Centre settings", MENU, frozenset({CENTRE_MANAGER})),
    ("CentreUsersView", ("can_users",), frozenset({CENTRE_MANAGER})),
    ("My users", MENU, frozenset({CENTRE_MANAGER})),
    ("PriceListView", READ + LIST_TOOLS, BODY | CENTRES),
    ("Price lists", MENU, BODY | CENTRES),
    ("PriceListView", WRITE, frozenset({SUPPORT})),
    # "Tarifs" (seed 001): the centre records its own price per product, pre-filling its sessions
    ("PriceListView", WRITE, frozenset({CENTRE_MANAGER})),
    ("AgreementView", READ + LIST_TOOLS + ("can_document", "can_attachment"), BODY | CENTRES),
    ("Agreements", MENU, BODY | CENTRES),
    ("AgreementView", WRITE + ("can_decide", "can_request_documents"), frozenset({SUPPORT})),
    ("AgreementView", ("can_add", "request_renewal", "can_attach"), frozenset({CENTRE_MANAGER})),
    # REST API
    ("CentreApi", ("can_get", "can_info"), BODY | CENTRES),
    ("CentreApi", ("can_put", "can_post", "can_delete"), frozenset({SUPPORT})),
    ("AgreementApi", ("can_get", "can_info"), BODY | CENTRES),
    ("AgreementApi", ("can_put", "can_post"), frozenset({SUPPORT})),
    # Support asks for documents; a centre user is refused by the rule, with its reason
    ("AgreementApi", ("can_request_documents",), frozenset({SUPPORT}) | CENTRES),
    ("AgreementApi", ("can_post",), frozenset({CENTRE_MANAGER})),
    ("ProductApi", ("can_get", "can_info"), BODY | CENTRES),
    ("ProductApi", ("can_put", "can_post", "can_delete"), frozenset({SUPPORT})),
    # API documentation: every role calls the API (sessions, candidates, registrations, chat),
    # so every role reads its OpenAPI document and Swagger page; each call is still checked.
    ("OpenApi", ("can_get",), EVERYONE),
    ("SwaggerView", ("can_show",), EVERYONE),
    # --- i18n ---
    ("AccessibilityView", ("can_settings",), EVERYONE),
    # --- i18n end ---
    # --- sessions ---
    ("Exams", MENU, EVERYONE),
    ("Sessions", MENU, EVERYONE),
    ("ExamSessionView", READ + LIST_TOOLS, EVERYONE),
    ("ExamSessionView", ("can_add", "can_edit", "can_transition", "can_join", "can_import_rows",
                         "can_template", "can_documents", "can_document_pdf",
                         "can_documents_zip"), BODY | CENTRES),
    ("ExamSessionView", ("can_delete",), BODY | frozenset({CENTRE_MANAGER})),
    ("ExamSessionView", ("can_results_table", "can_results_xlsx"), BODY | CENTRES),
    ("SessionPriceView", READ + ("can_edit",) + LIST_TOOLS, BODY | CENTRES),
    ("Candidates", MENU, EVERYONE),
    ("CandidateView", READ + LIST_TOOLS, EVERYONE),
    ("CandidateView", WRITE, BODY | CENTRES),
    ("Registrations", MENU, EVERYONE),
    ("RegistrationView", READ + LIST_TOOLS, EVERYONE),
    ("RegistrationView", ("can_add", "can_edit", "withdraw", "mark_absent", "can_absence"),
     BODY | CENTRES),
    ("RegistrationView", ("can_results", "can_certificate", "can_identity",
                          "can_identity_file"), EVERYONE),
    ("Session examiners", MENU, BODY | CENTRES),
    ("SessionExaminerView", READ + WRITE + LIST_TOOLS, BODY | CENTRES),
    ("ExamSessionApi", ("can_get",), EVERYONE),
    ("ExamSessionApi", ("can_post", "can_put"), BODY | CENTRES),
    ("CandidateApi", ("can_get", "can_info"), EVERYONE),
    ("CandidateApi", ("can_post", "can_put"), BODY | CENTRES),
    ("RegistrationApi", ("can_get",), EVERYONE),
    ("RegistrationApi", ("can_put",), BODY | CENTRES),
    # scores: the service applies the role matrix (body: CE/CO/EE, evaluator: EO, centre: none)
    ("RegistrationApi", ("can_results",), EVERYONE),
    ("Pre-registrations", MENU, BODY | CENTRES),
    ("PreRegistrationView", READ + LIST_TOOLS + ("transfer", "refuse"), BODY | CENTRES),
    ("Contact requests", MENU, BODY | CENTRES),
    ("ContactRequestView", READ + LIST_TOOLS + ("mark_handled",), BODY | CENTRES),
    ("Generic documents", MENU, BODY | CENTRES),
    ("GenericDocumentView", READ + LIST_TOOLS + ("can_document",), BODY | CENTRES),
    ("GenericDocumentView", WRITE, frozenset({SUPPORT, PEDAGOGY})),
    # --- end sessions ---
    # --- missions ---
    ("Missions", MENU, BODY | CENTRES | frozenset({EVALUATOR})),
    ("Staff", MENU, BODY | CENTRES),
    ("StaffMemberView", READ + LIST_TOOLS + ("can_extract",), BODY | CENTRES),
    ("StaffMemberView", WRITE + ("can_import_teachings",), frozenset({EXAM_MANAGER})),
    ("TeachingView", READ, BODY | CENTRES | frozenset({EVALUATOR})),
    ("Unavailabilities", MENU, BODY | CENTRES | frozenset({EVALUATOR})),
    ("UnavailabilityView", READ + LIST_TOOLS + ("can_add", "can_delete"),
     BODY | CENTRES | frozenset({EVALUATOR})),
    ("Competences", MENU, BODY | CENTRES | frozenset({EVALUATOR})),
    ("CompetenceView", READ + LIST_TOOLS + ("can_add", "confirm", "withdraw", "can_mark"),
     frozenset({EXAM_MANAGER}) | CENTRES | frozenset({EVALUATOR})),
    ("CompetenceView", READ, BODY),
    ("CompetenceView", ("can_validate_entry",), CENTRES),
    ("Competence entry validations", MENU, frozenset({EXAM_MANAGER})),
    ("CompetenceLockView", READ + ("unlock",), frozenset({EXAM_MANAGER})),
    ("MissionView", READ + LIST_TOOLS + ("can_extract",), BODY | CENTRES | frozenset({EVALUATOR})),
    ("MissionView", ("can_convoke", "can_download_all", "can_mail_all", "can_service_sheet",
                     "can_service_grid"),
     frozenset({EXAM_MANAGER}) | CENTRES),
    ("MissionView", WRITE, frozenset({EXAM_MANAGER})),
    ("CommissionView", READ, BODY | CENTRES),
    ("CommissionView", WRITE, frozenset({EXAM_MANAGER})),
    ("Convocations", MENU, BODY | CENTRES | frozenset({EVALUATOR})),
    ("ConvocationView", READ + LIST_TOOLS + ("can_pdf",), BODY | CENTRES | frozenset({EVALUATOR})),
    ("ConvocationView", ("can_edit", "can_delete", "can_mail", "can_service"),
     frozenset({EXAM_MANAGER}) | CENTRES),
    ("Service done", MENU, frozenset({EXAM_MANAGER}) | CENTRES),
    ("ServiceDoneView", READ + LIST_TOOLS, frozenset({EXAM_MANAGER}) | CENTRES),
    ("ServiceDoneView", ("processed",), frozenset({EXAM_MANAGER})),
    ("Convocation signatures", MENU, frozenset({EXAM_MANAGER, CENTRE_MANAGER})),
    ("SignatureView", READ + ("can_preview",), frozenset({EXAM_MANAGER, CENTRE_MANAGER})),
    ("SignatureView", WRITE, frozenset({CENTRE_MANAGER})),
    ("Allowances", MENU, frozenset({EXAM_MANAGER, CENTRE_MANAGER})),
    ("AllowanceView", READ + LIST_TOOLS, frozenset({EXAM_MANAGER, CENTRE_MANAGER})),
    ("AllowanceView", WRITE + ("can_share", "can_remove_share", "transmit"),
     frozenset({EXAM_MANAGER, CENTRE_MANAGER})),
    ("AllowanceView", ("validate", "reject", "accept"), frozenset({EXAM_MANAGER})),
    ("Allowance rates", MENU, frozenset({EXAM_MANAGER})),
    ("AllowanceRateView", READ + WRITE, frozenset({EXAM_MANAGER})),
    ("Qualities", MENU, frozenset({EXAM_MANAGER})),
    ("QualityView", READ + WRITE, frozenset({EXAM_MANAGER})),
    ("StaffMemberApi", ("can_get", "can_info"), BODY | CENTRES | frozenset({EVALUATOR})),
    ("MissionApi", ("can_get", "can_info"), BODY | CENTRES | frozenset({EVALUATOR})),
    ("ConvocationApi", ("can_get", "can_info"), BODY | CENTRES | frozenset({EVALUATOR})),
    # --- end missions ---
    # --- chat ---
    ("Messaging", MENU, EVERYONE),
    ("Inbox", MENU, EVERYONE),
    ("Create a request", MENU, EVERYONE),
    ("ChatView", ("can_inbox", "can_conversation", "can_new", "can_send", "can_attachment",
                  "can_status", "can_unread"), EVERYONE),
    ("ChatView", ("can_reassign", "can_create_account", "can_canned"),
     frozenset({SUPPORT, PEDAGOGY})),
    ("Canned replies", MENU, frozenset({SUPPORT, PEDAGOGY})),
    ("CannedReplyView", READ + WRITE + LIST_TOOLS, frozenset({SUPPORT, PEDAGOGY})),
    ("ChatView", ("can_request_account",), frozenset({CENTRE_MANAGER})),
    ("Conversations", MENU, EVERYONE),
    ("E-mails sent", MENU, frozenset({SUPPORT})),
    ("OutboxEmailView", READ + LIST_TOOLS + ("can_resend", "can_attachment"),
     frozenset({SUPPORT})),
    ("ConversationView", READ + LIST_TOOLS, EVERYONE),
    ("ConversationApi", ("can_get", "can_info", "can_post"), EVERYONE),
    ("MessageApi", ("can_get", "can_info", "can_post"), EVERYONE),
    # --- chat ---
    # --- certs ---
    ("Certifications", MENU, BODY | CENTRES),
    ("Certification types", MENU, BODY | CENTRES),
    ("CertificationTypeView", READ + LIST_TOOLS, BODY | CENTRES),
    ("CertificationTypeView", WRITE, frozenset({SUPPORT})),
    ("Partner exam centres", MENU, BODY | CENTRES),
    ("PartnerExamCentreView", READ + LIST_TOOLS, BODY | CENTRES),
    ("PartnerExamCentreView", WRITE, frozenset({SUPPORT})),
    ("My orders", MENU, BODY | CENTRES),
    ("CertificationOrderView", READ + LIST_TOOLS, BODY | CENTRES),
    ("CertificationOrderView", ("can_order",), CENTRES),
    ("CertificationOrderView", ("mark_quoted", "mark_paid", "deliver"), frozenset({SUPPORT})),
    ("Stock movements", MENU, BODY | CENTRES),
    ("StockEntryView", READ + LIST_TOOLS, BODY | CENTRES),
    ("Groups", MENU, BODY | CENTRES),
    ("CandidateGroupView", READ + WRITE + LIST_TOOLS + ("can_associate", "can_remove"),
     BODY | CENTRES),
    ("GroupCandidatesView", READ + LIST_TOOLS, BODY | CENTRES),
    ("Certifications assigned", MENU, BODY | CENTRES),
    ("CertificationAssignmentView", READ + LIST_TOOLS + ("can_codes",), BODY | CENTRES),
    ("CertificationAssignmentView", ("can_assign", "can_plan", "cancel", "generate_codes"),
     CENTRES),
    ("CertificationAssignmentView", ("cancel", "mark_passed"), frozenset({SUPPORT})),
    ("Order certifications", MENU, CENTRES),
    ("Assign certifications", MENU, CENTRES),
    ("Plan at La Poste", MENU, CENTRES),
    ("Activation codes PDF", MENU, BODY | CENTRES),
    ("Activation codes xlsx", MENU, BODY | CENTRES),
    # --- end certs ---
    # --- requests ---
    ("Requests", MENU, BODY | CENTRES),
    ("All requests", MENU, BODY | CENTRES),
    *[(f"Requests: {kind}", MENU, BODY | CENTRES) for kind in (
        "accommodation", "exemption", "postponement", "fraud", "appeal", "anomaly")],
    ("ExamRequestView", READ + LIST_TOOLS + ("can_edit", "can_file", "can_attach",
                                             "can_file_document", "can_reregister",
                                             "can_correction"),
     BODY | CENTRES),
    ("ExamRequestView", ("can_take", "can_decide", "take_many"), frozenset({SUPPORT})),
    ("RegistrationView", ("file_request",), BODY | CENTRES),
    ("Purchase orders", MENU, BODY | CENTRES),
    ("PurchaseOrderView", READ + LIST_TOOLS + ("can_for_session", "can_pdf"), BODY | CENTRES),
    ("PurchaseOrderView", ("can_sign",), frozenset({CENTRE_MANAGER})),
    ("RequestApi", ("can_get",), BODY | CENTRES),
    ("RequestApi", ("can_put", "can_post"), BODY | CENTRES),
    ("RequestApi", ("can_decide",), frozenset({SUPPORT})),
    ("Postponement policies", MENU, BODY | CENTRES),
    ("PostponementPolicyView", READ + LIST_TOOLS, BODY | CENTRES),
    ("PostponementPolicyView", WRITE, frozenset({SUPPORT})),
    ("Training slots", MENU, BODY | CENTRES),
    ("TrainingSlotView", READ + LIST_TOOLS, BODY | CENTRES),
    ("TrainingSlotView", ("can_book",), CENTRES | frozenset({PEDAGOGY})),
    ("TrainingSlotView", WRITE, frozenset({PEDAGOGY})),
    ("Training bookings", MENU, BODY | CENTRES),
    ("TrainingBookingView", READ + LIST_TOOLS + ("can_ics",), BODY | CENTRES),
    ("TrainingBookingView", ("mark_trained",), frozenset({PEDAGOGY})),
    ("Training slot requests", MENU, BODY | CENTRES),
    ("TrainingSlotRequestView", READ + LIST_TOOLS, BODY | CENTRES),
    ("TrainingSlotRequestView", ("can_add",), CENTRES),
    # --- end requests ---
]


def role_permissions() -> dict[str, list[list[str]]]:
    """FAB_ROLES: role name -> [[view, permission], ...]; Admin is granted everything apart."""
    result: dict[str, list[list[str]]] = {role: [] for role in ROLES if role != ADMIN}
    for view, perms, roles in GRANTS:
        for role in roles:
            if role == ADMIN:
                continue
            for perm in perms:
                pair = [view, perm]
                if pair not in result[role]:
                    result[role].append(pair)
    return result


def permission_matrix() -> dict[tuple[str, str], set[str]]:
    """(view, permission) -> roles holding it (Admin excluded: it holds everything)."""
    matrix: dict[tuple[str, str], set[str]] = {}
    for role, pairs in role_permissions().items():
        for view, perm in pairs:
            matrix.setdefault((view, perm), set()).add(role)
    return matrix
