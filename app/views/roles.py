"""The translated names of the roles, wherever a role is shown."""
from flask_babel import lazy_gettext as _l

ROLE_LABELS = {
    "Admin": _l("Administrator"), "Support": _l("Customer service"),
    "Pedagogy": _l("Pedagogical service"), "ExamManager": _l("Exam manager"),
    "CentreManager": _l("Centre manager"), "CentreStaff": _l("Centre staff"),
    "Evaluator": _l("Evaluator"), "Public": _l("Public"),
}


def role_label(name: str) -> str:
    return str(ROLE_LABELS.get(name, name))
