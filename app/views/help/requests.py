"""Help texts of the requests, purchase orders and examiner training screens."""
from flask_babel import lazy_gettext as _l

LIST_TIP = _l("Use the filters to narrow the list and the column headers to sort it.")

REQUEST_HELP_PAGES = {
    "ExamRequestView": {
        "title": _l("Requests"),
        "body": [_l("Accommodations (extra time), exemptions, postponements, fraud or incident "
                    "reports, appeals and session anomalies, each numbered with its status and "
                    "history. Accommodations and exemptions may be requested only while "
                    "registrations are open."),
                 _l("Customer service processes them per type; each decision appears on the "
                    "centre's home page and is e-mailed to the centre."), LIST_TIP],
    },
    "PostponementPolicyView": {
        "title": _l("Postponement policies"),
        "body": [_l("Per product: how many postponements a candidate may have, until how many "
                    "days before the session, and whether the centre may re-register the "
                    "candidate itself."), LIST_TIP],
    },
    "PurchaseOrderView": {
        "title": _l("Purchase orders"),
        "body": [_l("The purchase order of a session is first an unsigned quote; the centre "
                    "manager signs it, and the signed order can no longer change."), LIST_TIP],
    },
    "TrainingSlotView": {
        "title": _l("Training slots"),
        "body": [_l("The pedagogical service proposes training slots; centres book one for each "
                    "examiner who needs training."), LIST_TIP],
    },
    "TrainingBookingView": {
        "title": _l("Training bookings"),
        "body": [_l("The examiners booked on a training slot; a full slot refuses new "
                    "bookings."), LIST_TIP],
    },
    "TrainingSlotRequestView": {
        "title": _l("Requests for new training slots"),
        "body": [_l("When no slot suits, a centre asks for new ones, giving a reason (required)."),
                 LIST_TIP],
    },
}
