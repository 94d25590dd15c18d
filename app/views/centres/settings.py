"""Paramètres centre: a centre manager edits their own centre's settings."""
from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_appbuilder import BaseView, expose
from flask_appbuilder.security.decorators import has_access
from flask_babel import gettext as _

from app.extensions import db
from app.models.centres import Centre, PublicVisibility
from app.security.context import current_viewer
from app.services.centres.centres import LABELS, SETTINGS_FIELDS, update_centre_settings
from app.services.centres.programmes import PROGRAMMES, programmes_of
from app.services.errors import DomainError, ValidationFailed


class CentreSettingsView(BaseView):
    route_base = "/centre-settings"
    default_view = "settings"
    template = "centres/centre_settings.html"

    @expose("/", methods=["GET", "POST"])
    @has_access
    def settings(self):
        viewer = current_viewer()
        centre = db.session.get(Centre, viewer.centre_id) if viewer.centre_id else None
        if centre is None and viewer.is_body:
            # Body staff have no centre of their own: they set a centre's settings from its record.
            flash(_("Choose the centre whose settings you want to change."), "info")
            return redirect(url_for("CentreView.list"))
        if centre is None:
            abort(404)
        errors: dict = {}
        data = {k: getattr(centre, k) for k in SETTINGS_FIELDS}
        data["public_visibility"] = centre.public_visibility.value
        if request.method == "POST":
            data = {k: request.form.get(k, "") for k in SETTINGS_FIELDS}
            try:
                update_centre_settings(db.session, viewer, centre, data,
                                       request.form.get("row_version"),
                                       request.form.getlist("programmes"))
                flash(_("The centre settings have been saved."), "success")
                return redirect(url_for(".settings"))
            except ValidationFailed as exc:
                errors = dict(exc.errors)
                flash(str(exc), "danger")
            except DomainError as exc:
                flash(str(exc), "danger")
        return self.render_template(
            self.template, title=_("Centre settings"), centre=centre, data=data,
            errors=errors, labels=LABELS, fields=SETTINGS_FIELDS,
            visibilities=PublicVisibility.choices(), programmes=PROGRAMMES,
            running=programmes_of(centre),
        )
