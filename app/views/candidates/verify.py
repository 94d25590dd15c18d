"""The public verification page of an attestation (no login): the code from the QR code or typed,
the birth date asked, and only the name, the product, the date and the levels shown."""
from __future__ import annotations

from flask import request
from flask_appbuilder import BaseView, expose

from app.extensions import db
from app.services.candidates import attestations
from app.services.clock import now
from app.services.parsing import ParseError, date_hint, parse_date


class VerifyAttestationView(BaseView):
    route_base = "/verify"
    default_view = "ask"

    @expose("/", methods=["GET"])
    def ask(self):
        return self._page(request.args.get("code", ""))

    @expose("/<code>", methods=["GET", "POST"])
    def verify(self, code):
        return self._page(code)

    def _page(self, code):
        result, error = None, None
        if request.method == "POST":
            code = request.form.get("code") or code
            try:
                born = parse_date(request.form.get("birth_date"))
            except ParseError as exc:
                born, error = None, str(exc.message)
            if error is None:
                result = attestations.verify(db.session, code, born, now(),
                                             ip=request.remote_addr)
        return self.render_template("candidates/verify.html", code=code, result=result,
                                    error=error, hint=date_hint(),
                                    typed=request.form.get("birth_date", ""))
