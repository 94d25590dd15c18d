"""The public pre-registration site (no login): visible centres, their open sessions, forms.
A refused form is shown again (422) with what the person typed and each error by its field."""
from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_appbuilder import BaseView, expose
from flask_babel import gettext as _

from app.extensions import db
from app.services.candidates import preregistrations as svc
from app.services.clock import now
from app.services.errors import DomainError
from app.services.parsing import date_hint


class PublicSiteView(BaseView):
    route_base = "/public"
    default_view = "index"

    @expose("/")
    def index(self):
        return self._page()

    def _page(self, refused=None, status=200):
        """`refused`: the form that failed (its kind and target id), its values and errors."""
        return self.render_template("candidates/public.html", refused=refused or {},
                                    centres=svc.public_centres(db.session, now()),
                                    date_hint=date_hint()), status

    def _send(self, kind, target_id, operation, thanks):
        if request.form.get("website"):  # a field people never see: only robots fill it
            return redirect(url_for(".index"))
        try:
            operation(db.session, target_id, request.form.to_dict(), now())
        except DomainError as exc:
            return self._page(dict(kind=kind, id=target_id, values=request.form,
                                   errors=getattr(exc, "errors", {}), message=str(exc)), 422)
        flash(thanks, "success")
        return redirect(url_for(".index"))

    @expose("/preregister/<int:session_id>", methods=["POST"])
    def preregister(self, session_id):
        return self._send("session", session_id, svc.pre_register,
                          _("Thank you: your pre-registration was sent to the centre, which "
                            "will contact you."))

    @expose("/contact/<int:centre_id>", methods=["POST"])
    def contact(self, centre_id):
        return self._send("centre", centre_id, svc.contact,
                          _("Thank you: your message was sent to the centre."))
