"""Template helpers shared by every page: the viewer, role labels, help page names."""
from __future__ import annotations

from flask import Flask, g, request
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from app.security.context import current_viewer
from app.services.centres.accessibility import body_classes, settings_from
from app.views import programmes
from app.views.locale import init_locale
from app.views.menu import may_open, navbar_menu
from app.views.roles import role_label

AUDIT_ACTIONS = {
    "insert": _l("Created"), "update": _l("Modified"), "delete": _l("Deleted"),
    "login": _l("Logged in"), "login_failed": _l("Failed login"),
    "login_refused_locked": _l("Login refused (locked)"), "lockout": _l("Account locked"),
    "logout": _l("Logged out"), "access_denied": _l("Access denied"),
}


def audit_action_label(action: str) -> str:
    return str(AUDIT_ACTIONS.get(action, action))


def help_name() -> str:
    """The screen whose help the header links to: the current view, else the home page."""
    return request.blueprint or "HomeView"


def page_lang() -> str:
    return str(get_locale() or "fr")


def accessibility_settings() -> dict[str, str]:
    """The logged-in user's accessibility choices, loaded with the user of the request."""
    user = g.get("user")
    if user is None or not getattr(user, "is_authenticated", False):
        return settings_from(None)
    return settings_from(user.setting)


def accessibility_classes() -> str:
    return body_classes(accessibility_settings())


def use_numeric_dates(app: Flask) -> None:
    """Dates without an explicit format read JJ/MM/AAAA (and HH:mm) in French: CLDR short."""
    formats = app.extensions["babel"].instance.date_formats
    formats["date"] = "short"
    formats["datetime"] = "short"


def init_templates(app: Flask) -> None:
    use_numeric_dates(app)
    init_locale(app)
    programmes.install(app)
    app.jinja_env.globals.update(current_viewer=current_viewer, role_label=role_label,
                                 help_name=help_name, audit_action_label=audit_action_label,
                                 page_lang=page_lang, accessibility_classes=accessibility_classes,
                                 may_open=may_open, navbar_menu=navbar_menu)
