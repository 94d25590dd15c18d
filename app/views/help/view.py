"""Contextual help per screen and the site map of what the role may use."""
from __future__ import annotations

from flask import abort
from flask_appbuilder import BaseView, expose
from flask_appbuilder.api import BaseApi
from flask_appbuilder.security.decorators import has_access
from flask_babel import gettext as _

from app.views.help.pages import GENERIC_BODY, HELP_PAGES


class HelpView(BaseView):
    route_base = "/help"
    default_view = "sitemap"

    @expose("/page/<name>")
    @has_access
    def page(self, name):
        entry = HELP_PAGES.get(name) or self._generic_entry(name)
        if entry is None:
            abort(404)
        return self.render_template("help/help.html", title=entry["title"], entry=entry)

    @expose("/")
    @has_access
    def sitemap(self):
        return self.render_template("help/sitemap.html", title=_("Site map"),
                                    menu=self.appbuilder.menu)

    def _generic_entry(self, name: str) -> dict | None:
        """A screen added without its own help page: a generic page naming the screen."""
        view = next((v for v in self.appbuilder.baseviews
                     if v.endpoint == name and not isinstance(v, BaseApi)), None)
        if view is None:
            return None
        return {"title": screen_title(self.appbuilder.menu, view), "body": GENERIC_BODY}


def screen_title(menu, view) -> str:
    """The menu label of a view, else its list title, else its name without 'View'."""
    for item in menu.get_list():
        for entry in [item, *item.childs]:
            if getattr(entry, "baseview", None) is view and entry.label:
                return _(str(entry.label))
    title = getattr(view, "list_title", None)
    if title:
        return str(title)
    name = view.endpoint
    return name[:-4] if name.endswith("View") and len(name) > 4 else name
