"""The account area ("Mon compte" of the Le Robert platform): profile and password, documentation, contact."""
from __future__ import annotations

from flask import flash, g, redirect, request, session, url_for
from flask_appbuilder import BaseView, expose
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.security.decorators import has_access
from flask_babel import get_locale, refresh
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import FileField

from app.extensions import db
from app.models.centres import Guide
from app.services.centres import profile
from app.services.centres.guides import active_guides
from app.services.centres.resources import GUIDES
from app.services.errors import ValidationFailed
from app.views.base import DocumentMixin, ExamModelView


class GuideView(DocumentMixin, ExamModelView):
    """Staff manage the guides; every centre downloads them from its account area."""

    datamodel = SQLAInterface(Guide)
    resource = GUIDES
    list_title = _l("Documentation")
    show_title = _l("Guide")
    add_title = _l("Add a guide")
    edit_title = _l("Edit the guide")
    label_columns = {"title": _l("Title"), "category": _l("Category"),
                     "product": _l("Product"), "document": _l("Document"),
                     "active": _l("Active"), "position": _l("Order"),
                     "upload": _l("Document (PDF, PNG, JPEG)")}
    list_columns = ["title", "category", "product", "active", "position"]
    show_columns = ["title", "category", "product", "document", "active", "position"]
    add_form_extra_fields = edit_form_extra_fields = {
        "upload": FileField(_l("Document (PDF, PNG, JPEG)"))}
    add_columns = edit_columns = ["title", "category", "product", "active", "position", "upload"]
    search_columns = ["title", "category", "product", "active"]
    base_order = ("position", "asc")
    formatters_columns = {"document": lambda v: _("Attached") if v else "—"}


class MyAccountView(BaseView):
    route_base = "/my-account"
    default_view = "account"

    @expose("/")
    @has_access
    def account(self):
        return self.render_template("centres/my_account.html", title=_("My account"),
                                    user=g.user, guides=active_guides(db.session))

    @expose("/profile", methods=["GET", "POST"])
    @has_access
    def profile(self):
        """"Modifier mon profil": names, phone, language, saved by the profile service."""
        user, languages = g.user, self.appbuilder.bm.languages
        values = {"first_name": user.first_name, "last_name": user.last_name,
                  "phone": user.phone or "", "language": user.language or get_locale().language}
        errors = {}
        if request.method == "POST":
            values = {k: request.form.get(k, "") for k in profile.LABELS}
            try:
                profile.update_profile(db.session, user, values, languages)
            except ValidationFailed as exc:
                errors = {k: str(v) for k, v in exc.errors.items()}
                flash(str(exc.message), "danger")
            else:
                session["locale"] = user.language
                refresh()
                flash(_("Your profile was saved."), "success")
                return redirect(url_for(".account"))
        page = self.render_template("centres/profile.html", title=_("Edit my profile"),
                                    values=values, errors=errors, labels=profile.LABELS,
                                    languages=languages, user=user)
        return page, (422 if errors else 200)
