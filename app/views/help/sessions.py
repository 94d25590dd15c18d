"""Help texts of the sessions, candidates and pre-registration screens."""
from flask_babel import lazy_gettext as _l

from app.views.help.tips import FORM_TIP, LIST_TIP

SESSION_HELP_PAGES = {
    "ExamSessionView": {
        "title": _l("Sessions"),
        "body": [_l("A session is numbered with 7 digits and belongs to a product and a centre. "
                    "Its page offers only the status changes allowed now; a refused change says "
                    "why."),
                 _l("Candidates and examiners may be registered until 2 calendar days before "
                    "the session, midnight French time; the deadline is shown in the centre's "
                    "time zone."),
                 _l("A session is created in four steps: product and price list, dates and "
                    "places, options and online visibility, then a summary showing the prices "
                    "taken from your price list. Back keeps what you typed."), LIST_TIP],
    },
    "SessionPriceView": {
        "title": _l("Session prices"),
        "body": [_l("The prices of a session are copied from the centre's price list when the "
                    "session is created and stay editable, per test component for modular "
                    "products."), LIST_TIP],
    },
    "SessionExaminerView": {
        "title": _l("Examiners"),
        "body": [_l("The examiners registered on a session, each saying whether they need "
                    "training. They can be imported from the same xlsx template as the "
                    "candidates."), LIST_TIP],
    },
    "CandidateView": {
        "title": _l("Candidates"),
        "body": [_l("A candidate is created in five steps: identity, password and information "
                    "are required; contact details and miscellaneous are optional."),
                 _l("Each step is checked when you go to the next one; Back keeps what you "
                    "typed, and a summary shows everything before the candidate is created. "
                    "Civility, countries, languages, education, category and funding are "
                    "chosen from lists."), FORM_TIP],
    },
    "RegistrationView": {
        "title": _l("Registrations"),
        "body": [_l("A registration links a candidate to a session with its access code. Mark a "
                    "candidate withdrawn while registrations are open, absent per test "
                    "component once they are closed, one by one or on a selection."), LIST_TIP],
    },
    "GenericDocumentView": {
        "title": _l("Generic documents"),
        "body": [_l("Documents for every centre (candidate booklets, questionnaires) with their "
                    "type, recipient and number of copies, available from one week before the "
                    "session."), LIST_TIP],
    },
    "PreRegistrationView": {
        "title": _l("Online pre-registrations"),
        "body": [_l("People who pre-registered on the public site. Transfer them into "
                    "registrations of the session they chose."), LIST_TIP],
    },
    "ContactRequestView": {
        "title": _l("Contact requests"),
        "body": [_l("Messages left on the public site for your centre; they appear in your "
                    "to-do list until processed."), LIST_TIP],
    },
    "PublicSiteView": {
        "title": _l("Public site"),
        "body": [_l("The public page lists the centres that chose to appear and their sessions; "
                    "a person pre-registers or leaves a contact request without logging in.")],
    },
    "VerifyAttestationView": {
        "title": _l("Check an attestation"),
        "body": [_l("Anyone holding an attestation (an employer, a school, an administration) "
                    "checks it without logging in: the verification code printed under the QR "
                    "code and the holder's birth date show the name, the product, the date and "
                    "the levels, or that the attestation was revoked. Every check is recorded "
                    "in the audit trail.")],
    },
}
