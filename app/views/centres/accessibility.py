"""Accessibility settings page: contrast, font size, line spacing and text justification."""
from __future__ import annotations

from flask import flash, g, redirect, request, url_for
from flask_appbuilder import BaseView, expose
from flask_appbuilder.security.decorators import has_access
from flask_babel import gettext as _

from app.extensions import db
from app.services.centres.accessibility import CHOICES, LABELS, save_settings, settings_of
from app.services.errors import ValidationFailed


class AccessibilityView(BaseView):
    route_base = "/accessibility"
    default_view = "settings"
    template = "centres/accessibility.html"

    @expose("/", methods=["GET", "POST"])
    @has_access
    def settings(self):
        errors: dict = {}
        values = settings_of(db.session, g.user.id)
        if request.method == "POST":
            values = {field: request.form.get(field, "") for field in CHOICES}
            try:
                save_settings(db.session, g.user.id, values)
                g.pop("accessibility_settings", None)
                flash(_("Your accessibility settings have been saved."), "success")
                return redirect(url_for(".settings"))
            except ValidationFailed as exc:
                errors = dict(exc.errors)
                flash(str(exc), "danger")
        return self.render_template(self.template, title=_("Accessibility"), values=values,
                                    choices=CHOICES, labels=LABELS, errors=errors)
