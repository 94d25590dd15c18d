"""Help texts of each screen, keyed by the view's endpoint (French and English through gettext)."""
from flask_babel import lazy_gettext as _l

from app.views.help.certifications import CERT_HELP_PAGES
from app.views.help.messaging import CHAT_HELP_PAGES
from app.views.help.missions import MISSION_HELP_PAGES
from app.views.help.requests import REQUEST_HELP_PAGES
from app.views.help.sessions import SESSION_HELP_PAGES
from app.views.help.tips import FORM_TIP, LIST_TIP

HELP_PAGES = {
    "HomeView": {
        "title": _l("Home"),
        "body": [_l("The home page summarises what needs your attention: your centres, "
                    "pending agreements and renewal requests."),
                 _l("The menu gives the screens your role may use; the site map lists them "
                    "all.")],
    },
    "CentreView": {
        "title": _l("Centres"),
        "body": [_l("The list shows the centres you may see. Staff see every centre; a centre "
                    "user sees only their active centre."), LIST_TIP],
    },
    "ProductView": {
        "title": _l("Products"),
        "body": [_l("A product is a test (TEF Canada, DFP…) with its test components. A modular "
                    "product is priced per test component."), LIST_TIP],
    },
    "TestComponentView": {
        "title": _l("Test components"),
        "body": [_l("The test components (CE, CO, EE, EO…) of each product, in their order."),
                 LIST_TIP],
    },
    "PriceListView": {
        "title": _l("Price lists"),
        "body": [_l("A centre's prices per product, excluding VAT, with the VAT rate. They are "
                    "the default of the centre's next sessions."), LIST_TIP],
    },
    "AgreementView": {
        "title": _l("Agreements and contracts"),
        "body": [_l("A centre requests an agreement; the body approves or rejects it. When an "
                    "agreement comes to its end, the centre requests its renewal."), LIST_TIP],
    },
    "CentreSettingsView": {
        "title": _l("Centre settings"),
        "body": [_l("Keep your centre's address, billing address and manager contact up to "
                    "date. Each missing or wrong field is named when you save."), FORM_TIP],
    },
    "CentreUsersView": {
        "title": _l("My users"),
        "body": [_l("The accounts of your centre with their role, and what each role may do. "
                    "New accounts are asked for through the messaging.")],
    },
    "AuditLogView": {
        "title": _l("Audit log"),
        "body": [_l("Every creation, modification and deletion of a record, every log-in and "
                    "every refused access, with its author, date and IP address."), LIST_TIP],
    },
    "ExamUserDBModelView": {
        "title": _l("Users"),
        "body": [_l("Accounts are created by staff; the user receives an e-mail with a link to "
                    "choose their password."),
                 _l("Give each account its roles and, for centre users, its centres.")],
    },
    "ExamUserStatsView": {
        "title": _l("User statistics"),
        "body": [_l("How many accounts log in and how often, drawn as a chart; the same numbers "
                    "follow as a table for screen readers.")],
    },
    "RoleModelView": {
        "title": _l("Roles"),
        "body": [_l("A role groups the permissions of a kind of user. The roles of ExamDesk are "
                    "set by the application; change them only with care.")],
    },
    "UserGroupModelView": {
        "title": _l("Groups"),
        "body": [_l("A group gives its roles to all of its users at once.")],
    },
    "UserStatsChartView": {
        "title": _l("User statistics"),
        "body": [_l("The number of log-ins per user.")],
    },
    "UserInfoEditView": {
        "title": _l("Profile"),
        "body": [_l("Change your first name, last name and e-mail address."), FORM_TIP],
    },
    "ResetMyPasswordView": {
        "title": _l("Change my password"),
        "body": [_l("At least 12 characters with an uppercase letter, a lowercase letter, a "
                    "digit and a special character.")],
    },
    "ResetPasswordView": {
        "title": _l("Reset a password"),
        "body": [_l("At least 12 characters with an uppercase letter, a lowercase letter, a "
                    "digit and a special character.")],
    },
    "AccessibilityView": {
        "title": _l("Accessibility"),
        "body": [_l("Choose a high contrast, a larger font, wider line spacing or justified "
                    "text. Your choices are kept on the server and apply wherever you log in.")],
    },
    "GuideView": {
        "title": _l("Documentation"),
        "body": [_l("The guides every centre downloads from its account area (administrator "
                    "guide, invigilator guide, scratch sheet, supervision document). Customer "
                    "service adds, replaces and orders them."), LIST_TIP],
    },
    "MyAccountView": {
        "title": _l("My account"),
        "body": [_l("Your profile and password, the documentation to download, and a contact "
                    "form that opens a conversation with customer service.")],
    },
    "HelpView": {
        "title": _l("Help"),
        "body": [_l("The Help link of the header opens the help of the screen you are on. The "
                    "site map lists every screen your role may use.")],
    },
    "SwaggerView": {
        "title": _l("API documentation"),
        "body": [_l("The REST API of ExamDesk, described in OpenAPI, for the tools of the body "
                    "and the centres."),
                 _l("Every role may read it. A tool logs in with POST /api/v1/security/login "
                    "and sends the token it receives in the Authorization header (Bearer); "
                    "each call is checked against the role and the centre of the account, as "
                    "on the screens.")],
        "api_docs": True,
    },
}

GENERIC_BODY = [
    _l("This screen is part of ExamDesk. Lists can be filtered, sorted and paged; a record is "
       "opened from its line, and the buttons above a record add, edit or delete it when your "
       "role allows."),
    FORM_TIP,
]

# Each domain keeps its screens' help in its own module.
HELP_PAGES.update(SESSION_HELP_PAGES)
HELP_PAGES.update(MISSION_HELP_PAGES)
HELP_PAGES.update(CHAT_HELP_PAGES)
HELP_PAGES.update(CERT_HELP_PAGES)
HELP_PAGES.update(REQUEST_HELP_PAGES)
