"""The public pre-registration site (no login): visible centres, their open sessions, forms."""
from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_appbuilder import BaseView, expose
from flask_babel import gettext as _

from app.extensions import db
from app.services.candidates import preregistrations as svc
from app.services.clock import now
from app.services.errors import DomainError


class PublicSiteView(BaseView):
    route_base = "/public"
    default_view = "index"

    @expose("/")
    def index(self):
        return self.render_template("candidates/public.html",
                                    centres=svc.public_centres(db.session, now()))

    @expose("/preregister/<int:session_id>", methods=["POST"])
    def preregister(self, session_id):
        if request.form.get("website"):  # a field people never see: only robots fill it
            return redirect(url_for(".index"))
        try:
            svc.pre_register(db.session, session_id, request.form.to_dict(), now())
            flash(_("Thank you: your pre-registration was sent to the centre, which will "
                    "contact you."), "success")
        except DomainError as exc:
            flash(str(exc), "danger")
        return redirect(url_for(".index"))

    @expose("/contact/<int:centre_id>", methods=["POST"])
    def contact(self, centre_id):
        if request.form.get("website"):
            return redirect(url_for(".index"))
        try:
            svc.contact(db.session, centre_id, request.form.to_dict(), now())
            flash(_("Thank you: your message was sent to the centre."), "success")
        except DomainError as exc:
            flash(str(exc), "danger")
        return redirect(url_for(".index"))
