"""Contextual help per screen and the site map of what the role may use."""
from __future__ import annotations

from flask import abort
from flask_appbuilder import BaseView, expose
from flask_appbuilder.security.decorators import has_access
from flask_babel import gettext as _

from app.views.help_pages import HELP_PAGES


class HelpView(BaseView):
    route_base = "/help"
    default_view = "sitemap"

    @expose("/page/<name>")
    @has_access
    def page(self, name):
        entry = HELP_PAGES.get(name)
        if entry is None:
            abort(404)
        return self.render_template("examdesk/help.html", title=entry["title"], entry=entry)

    @expose("/")
    @has_access
    def sitemap(self):
        return self.render_template("examdesk/sitemap.html", title=_("Site map"),
                                    menu=self.appbuilder.menu)
