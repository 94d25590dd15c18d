"""The home page: a dashboard per role (sessions, requests and messages join it later)."""
from __future__ import annotations

from flask import g, redirect
from flask_appbuilder import IndexView, expose

from app.extensions import db
from app.security.context import current_viewer
from app.services.charts import dashboard_charts
from app.services.clock import local_today
from app.services.dashboard import dashboard_for
from app.services.missions.staff_home import staff_home
from app.services.sessions.dashboard import sessions_panel
from app.views.locale import viewer_zone


class HomeView(IndexView):
    index_template = "examdesk/index.html"

    @expose("/")
    def index(self):
        user = g.get("user")
        if user is None or not user.is_authenticated:
            return redirect(self.appbuilder.get_url_for_login)
        viewer, today = current_viewer(), local_today()
        mine = staff_home(db.session, viewer, today)
        if mine is not None:  # a staff member: their missions, competences, unavailabilities
            panels = sessions_panel(db.session, viewer, today)
            return self.render_template("missions/staff_home.html", appbuilder=self.appbuilder,
                                        home=mine, next_sessions=panels.get("next_sessions", []))
        dashboard = dashboard_for(db.session, viewer)
        return self.render_template(
            self.index_template, appbuilder=self.appbuilder, dashboard=dashboard,
            charts=dashboard_charts(db.session, viewer, today, viewer_zone(),
                                    dashboard["certs"]))
