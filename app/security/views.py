"""Security screens: users with their centres, log-out by POST, set/forgot password, centre switch."""
from __future__ import annotations

from flask import abort, current_app, flash, g, redirect, request, session
from flask_appbuilder import expose
from flask_appbuilder.baseviews import BaseView
from flask_appbuilder.fieldwidgets import BS3PasswordFieldWidget
from flask_appbuilder.security.decorators import has_access, no_cache
from flask_appbuilder.security.forms import LoginForm_db, ResetPasswordForm
from flask_appbuilder.security.views import AuthDBView, UserDBModelView
from flask_appbuilder.security.views import ResetMyPasswordView as FabResetMyPasswordView
from flask_appbuilder.validators import PasswordComplexityValidator
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_user, logout_user
from werkzeug.security import generate_password_hash
from wtforms import PasswordField
from wtforms.validators import DataRequired, EqualTo

from app.extensions import db
from app.security.context import ACTIVE_CENTRE_KEY, reset_viewer
from app.security.redirects import safe_next
from app.security.session_guard import SESSION_VERSION_KEY, end_sessions
from app.services.centres import accounts
from app.services.centres.passwords import password_problems
from app.services.charts import user_login_stats
from app.services.clock import now
from app.services.errors import InvalidToken, ValidationFailed
from app.views.base import ExamModelView


class ExamUserDBModelView(UserDBModelView, ExamModelView):
    """Users: staff create accounts without a password; the user receives a set-password link."""

    class_permission_name = "UserDBModelView"
    list_columns = ["first_name", "last_name", "username", "email", "active", "roles", "centres"]
    add_columns = ["first_name", "last_name", "username", "active", "email", "language", "roles",
                   "centres"]
    edit_columns = add_columns
    show_fieldsets = [
        (_l("User info"), {"fields": ["username", "active", "roles", "centres", "login_count",
                                      "locked_until"]}),
        (_l("Personal Info"), {"fields": ["first_name", "last_name", "email", "language"],
                               "expanded": True}),
        (_l("Audit"), {"fields": ["last_login", "fail_login_count", "created_on", "changed_on"],
                       "expanded": False}),
    ]
    label_columns = {**UserDBModelView.label_columns, "centres": _l("Centres"),
                     "language": _l("Language"), "locked_until": _l("Locked until")}
    add_form_extra_fields: dict = {}
    resource = accounts.USERS
    # FAB's "a role or a group" check reads a groups field this form does not have.
    validators_columns = {"roles": [DataRequired()]}

    def post_add(self, item):
        flash(_("A set-password link was e-mailed to %(email)s.", email=item.email), "info")


class ExamUserStatsView(BaseView):
    """Logins per user, drawn by the vendored Chart.js (FAB's page loads Google Charts from the
    internet and draws nothing offline); same permission name as FAB's page."""

    class_permission_name = "UserStatsChartView"
    route_base = "/userstatschartview"
    default_view = "chart"

    @expose("/chart/")
    @has_access
    def chart(self):
        logins, failures = user_login_stats(db.session)
        return self.render_template("examdesk/user_stats.html", title=_("User's Statistics"),
                                    logins=logins, failures=failures)


class PasswordView(BaseView):
    """Forgot password (public) and set password from a single-use, expiring link."""

    route_base = "/password"
    default_view = "forgot"
    template_forgot = "examdesk/password_forgot.html"
    template_set = "examdesk/password_set.html"

    @expose("/forgot", methods=["GET", "POST"])
    def forgot(self):
        if request.method == "POST":
            accounts.request_password_reset(db.session, request.form.get("login", ""), now(),
                                            current_app.config["PASSWORD_RESET_HOURS"],
                                            current_app.config["EXTERNAL_URL"])
            # Same answer whether the account exists or not.
            flash(_("If an account matches, a link to choose a new password has been e-mailed."),
                  "info")
            return redirect(self.appbuilder.get_url_for_login)
        return self.render_template(self.template_forgot, title=_("Forgot your password?"))

    @expose("/set/<token>", methods=["GET", "POST"])
    def set_password(self, token):
        try:
            accounts.find_valid_token(db.session, token, now())
        except InvalidToken as exc:
            flash(str(exc), "danger")
            return redirect(self.appbuilder.get_url_for_login)
        errors = []
        if request.method == "POST":
            password = request.form.get("password", "")
            if password != request.form.get("confirm", ""):
                errors.append(_("Passwords must match"))
            problems = password_problems(password)
            if problems:
                errors.append(_("The password must contain %(list)s.",
                                list=", ".join(str(p) for p in problems)))
            if not errors:
                try:
                    accounts.set_password_from_link(db.session, token,
                                                    generate_password_hash(password), now())
                except InvalidToken as exc:
                    flash(str(exc), "danger")
                    return redirect(self.appbuilder.get_url_for_login)
                flash(_("Your password has been saved. You can now log in."), "success")
                return redirect(self.appbuilder.get_url_for_login)
        return self.render_template(self.template_set, title=_("Choose your password"),
                                    errors=errors, token=token)


class AccountView(BaseView):
    """The active centre switch and the inactivity keep-alive of the header."""

    route_base = "/account"
    default_view = "keepalive"

    @expose("/centre", methods=["POST"])
    @has_access
    def switch_centre(self):
        raw = request.form.get("centre_id", "")
        if not raw.isdigit() or int(raw) not in g.user.centre_ids:
            abort(404)
        session[ACTIVE_CENTRE_KEY] = int(raw)
        reset_viewer()
        flash(_("Active centre changed."), "info")
        return redirect(safe_next(request.form.get("next"), self.appbuilder.get_url_for_index))

    @expose("/keepalive", methods=["POST"])
    @has_access
    def keepalive(self):
        return {"ok": True, "idle_seconds": int(
            current_app.config["PERMANENT_SESSION_LIFETIME"].total_seconds())}


class ChangePasswordForm(ResetPasswordForm):
    """FAB's form (new password twice, complexity checked) plus the current password, first;
    the new one says the rule that is checked (FAB's says nothing is checked)."""

    current_password = PasswordField(_l("Current password"), validators=[DataRequired()],
                                     widget=BS3PasswordFieldWidget())
    password = PasswordField(
        _l("New password"), validators=[DataRequired(), PasswordComplexityValidator()],
        description=_l("At least 12 characters with an uppercase letter, a lowercase letter, "
                       "a digit and a special character."), widget=BS3PasswordFieldWidget())
    conf_password = PasswordField(
        _l("Confirm the new password"), description=_l("Please rewrite the password to confirm"),
        validators=[EqualTo("password", message=_l("Passwords must match"))],
        widget=BS3PasswordFieldWidget())


class ResetMyPasswordView(FabResetMyPasswordView):
    """FAB's name kept (its endpoint, permission and links): "Change my password" asks for the current one; every other session of the user, their
    API tokens and their open chat sockets end, this session goes on."""

    form = ChangePasswordForm
    form_title = _l("Change my password")

    def form_post(self, form) -> None:
        try:
            version = accounts.change_own_password(db.session, g.user,
                                                   form.current_password.data,
                                                   form.password.data)
        except ValidationFailed as exc:
            for name, message in exc.errors.items():
                form[name].errors = [*form[name].errors, str(message)]
            return self.render_template(self.form_template, title=self.form_title,
                                        widgets=self._get_edit_widget(form=form),
                                        appbuilder=self.appbuilder), 400
        session[SESSION_VERSION_KEY] = version
        end_sessions(g.user.id)
        flash(str(self.message), "info")
        return None


def logout_now() -> None:
    """Log out and invalidate every session of the user on the server."""
    user = g.get("user")
    if user is not None and getattr(user, "is_authenticated", False):
        current_app.appbuilder.sm.on_user_logout(user)
    logout_user()
    session.clear()


class ExamAuthDBView(AuthDBView):
    """FAB's database login, with ExamDesk's page, a log-out that only a POST performs, and
    `next=` through the one safe-redirect helper (FAB's lets "/\t/evil.example/" through)."""

    login_template = "examdesk/login.html"

    def _get_safe_next_url(self) -> str:
        return safe_next(request.args.get("next"), self.appbuilder.get_url_for_index)

    @expose("/login/", methods=["GET", "POST"])
    @no_cache
    def login(self):
        next_url = self._get_safe_next_url()
        if g.user is not None and g.user.is_authenticated:
            return redirect(next_url)
        form = LoginForm_db()
        if form.validate_on_submit():
            user = self.appbuilder.sm.auth_user_db(form.username.data, form.password.data)
            if not user:
                flash(str(self.invalid_login_message), "warning")
                return redirect(self.appbuilder.get_url_for_login_with(next_url))
            login_user(user, remember=False)
            return redirect(next_url)
        return self.render_template(self.login_template, title=self.title, form=form,
                                    appbuilder=self.appbuilder)

    @expose("/logout/", methods=["GET", "POST"])
    def logout(self):
        if request.method != "POST":  # no state change on GET: ask for confirmation
            return self.render_template("examdesk/logout_confirm.html", title=_("Log out"))
        logout_now()
        flash(_("You have been logged out."), "info")
        return redirect(self.appbuilder.get_url_for_login)
