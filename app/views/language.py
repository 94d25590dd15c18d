"""Language switch that comes back to the page it was chosen on (FAB's goes to its history)."""
from __future__ import annotations

from flask import abort, g, redirect, request, session
from flask_appbuilder import BaseView, expose
from flask_babel import refresh

from app.extensions import db
from app.security.redirects import safe_next
from app.services.centres import accounts


class LanguageView(BaseView):
    route_base = "/language"
    default_view = "switch"

    @expose("/<string:locale>")
    def switch(self, locale):
        if locale not in self.appbuilder.bm.languages:
            abort(404)
        session["locale"] = locale
        user = g.get("user")
        if user is not None and getattr(user, "is_authenticated", False):
            accounts.set_language(db.session, user, locale, self.appbuilder.bm.languages)
        refresh()
        return redirect(safe_next(request.args.get("next"), self.appbuilder.get_url_for_index))
