"""Help texts of the exam mission screens (added to the help pages when the views register)."""
from flask_babel import lazy_gettext as _l

LIST_TIP = _l("Use the filters to narrow the list and the column headers to sort it.")

MISSION_HELP_PAGES = {
    "StaffMemberView": {
        "title": _l("Staff"),
        "body": [_l("The staff who work in your establishment, as main or secondary "
                    "establishment. Filter those available or convoked over a period, and "
                    "download the extracts (staff, teachings, missions) as CSV or PDF."),
                 LIST_TIP],
    },
    "TeachingView": {
        "title": _l("Teachings"),
        "body": [_l("Teachings are imported from the school information system: they cannot "
                    "be changed here.")],
    },
    "UnavailabilityView": {
        "title": _l("Unavailabilities"),
        "body": [_l("Declare when a staff member cannot be convoked. You may delete only the "
                    "unavailabilities you declared. One that overlaps a convocation is "
                    "reported to the exam managers by e-mail.")],
    },
    "CompetenceView": {
        "title": _l("Competences"),
        "body": [_l("Each competence lists its authors: SYS (from the teachings), an "
                    "establishment, the staff member or an exam manager, with (C) competent or "
                    "(I) not competent. It disappears only when every author has withdrawn it."),
                 _l("Once you tick \"I have finished entering the competences\", your entry is "
                    "locked until the exam managers unlock it.")],
    },
    "CompetenceLockView": {
        "title": _l("Competence entry validations"),
        "body": [_l("The establishments that validated their competence entry; unlock one to "
                    "let it change its entry again.")],
    },
    "MissionView": {
        "title": _l("Missions"),
        "body": [_l("The missions of your exam centre, for the chosen year, attested missions "
                    "hidden by default. Open a mission to convoke staff, download the "
                    "convocations as a zip or e-mail them, and print the service-done sheet."),
                 LIST_TIP],
    },
    "CommissionView": {
        "title": _l("Commissions"),
        "body": [_l("A commission groups scripts to mark or candidates to examine, with its "
                    "dates and number of candidates.")],
    },
    "ConvocationView": {
        "title": _l("Convocations"),
        "body": [_l("You edit, delete, download and e-mail only the convocations your centre "
                    "made; those made by the exam managers are read-only. Record the service "
                    "done of each convoked person once the mission has started.")],
    },
    "ServiceDoneView": {
        "title": _l("Service done"),
        "body": [_l("The services attested by the exam centres. Once the exam managers mark "
                    "the expenses as processed, the service done can no longer be changed.")],
    },
    "SignatureView": {
        "title": _l("Convocation signatures"),
        "body": [_l("The signatures printed on the convocations your centre makes: exam centre "
                    "head and establishment head, with authority, title, name and city. "
                    "Preview a sample convocation to check them.")],
    },
    "AllowanceView": {
        "title": _l("Exam-centre head allowances"),
        "body": [_l("Enter the start of the tests and the number of days per candidate "
                    "bracket: the total is computed. Distribute it among staff by percentage "
                    "or amount, never above the total, then transmit it: it becomes read-only "
                    "and the exam managers follow its processing.")],
    },
    "QualityView": {
        "title": _l("Qualities"),
        "body": [_l("The qualities a person may be convoked with. Dematerialised marking "
                    "missions offer only the Santorin qualities.")],
    },
    "AllowanceRateView": {
        "title": _l("Allowance rates"),
        "body": [_l("The amount of one day in each candidate bracket, used to compute the "
                    "exam-centre head allowances.")],
    },
}
