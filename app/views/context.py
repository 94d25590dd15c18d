"""Template helpers shared by every page: the viewer, role labels, help page names."""
from __future__ import annotations

from flask import Flask, request
from flask_babel import lazy_gettext as _l

from app.security.context import current_viewer
from app.views.help_pages import HELP_PAGES

ROLE_LABELS = {
    "Admin": _l("Administrator"), "Support": _l("Customer service"),
    "Pedagogy": _l("Pedagogical service"), "ExamManager": _l("Exam manager"),
    "CentreManager": _l("Centre manager"), "CentreStaff": _l("Centre staff"),
    "Evaluator": _l("Evaluator"), "Public": _l("Public"),
}
AUDIT_ACTIONS = {
    "insert": _l("Created"), "update": _l("Modified"), "delete": _l("Deleted"),
    "login": _l("Logged in"), "login_failed": _l("Failed login"),
    "login_refused_locked": _l("Login refused (locked)"), "lockout": _l("Account locked"),
    "logout": _l("Logged out"), "access_denied": _l("Access denied"),
}


def role_label(name: str) -> str:
    return str(ROLE_LABELS.get(name, name))


def audit_action_label(action: str) -> str:
    return str(AUDIT_ACTIONS.get(action, action))


def help_name() -> str:
    blueprint = request.blueprint or "HomeView"
    return blueprint if blueprint in HELP_PAGES else "HomeView"


def init_templates(app: Flask) -> None:
    app.jinja_env.globals.update(current_viewer=current_viewer, role_label=role_label,
                                 help_name=help_name, audit_action_label=audit_action_label)
