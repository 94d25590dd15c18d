""""Mes utilisateurs": the centre manager's list of the centre's accounts and the role matrix."""
from __future__ import annotations

from flask import abort, redirect, url_for
from flask_appbuilder import BaseView, expose
from flask_appbuilder.security.decorators import has_access
from flask_babel import gettext as _

from app.extensions import db
from app.security.context import current_viewer
from app.services.centres.users import CAPABILITIES, centre_users, role_matrix
from app.services.errors import DomainError
from app.views.roles import role_label


class CentreUsersView(BaseView):
    route_base = "/my-users"
    default_view = "users"

    @expose("/", methods=["GET"])
    @has_access
    def users(self):
        if current_viewer().is_body:  # no centre of their own: every account, in the users list
            return redirect(url_for("ExamUserDBModelView.list"))
        try:
            users = centre_users(db.session, current_viewer())
        except DomainError:
            abort(404)
        return self.render_template("centres/my_users.html", title=_("My users"), users=users,
                                    matrix=role_matrix(), capabilities=CAPABILITIES,
                                    role_label=role_label)
