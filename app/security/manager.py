"""ExamDesk's security manager: roles checked in memory, lockout, audit of security events."""
from __future__ import annotations

import logging
import secrets

from flask import current_app, g, request, session
from flask_appbuilder.security.api import SecurityApi
from flask_appbuilder.security.sqla.manager import SecurityManager
from flask_babel import refresh
from sqlalchemy import inspect
from sqlalchemy.orm import joinedload
from werkzeug.security import generate_password_hash

from app.models.centres import ExamUser
from app.security import tokens
from app.security.roles import ADMIN, ROLES
from app.security.session_guard import end_sessions
from app.security.views import (
    ExamAuthDBView,
    ExamUserDBModelView,
    ExamUserStatsView,
    ResetMyPasswordView,
)
from app.services import audit
from app.services.centres import accounts
from app.services.clock import now

log = logging.getLogger("examdesk.security")


class ExamSecurityApi(SecurityApi):
    """FAB's JSON login; ExamDesk adds the per-IP rate limit to it (see register_views)."""


class ExamSecurityManager(SecurityManager):
    user_model = ExamUser
    security_api = ExamSecurityApi

    def __init__(self, appbuilder):
        self.userdbmodelview = ExamUserDBModelView
        self.authdbview = ExamAuthDBView
        self.resetmypasswordview = ResetMyPasswordView
        self.userstatschartview = ExamUserStatsView  # Chart.js, not Google Charts (offline)
        self.permission_version = 0
        super().__init__(appbuilder)
        self.reload_roles()

    def reload_roles(self) -> None:
        """(Re)read the roles' permissions from the configuration (FAB_ROLES, declared in
        app/security/roles.py): at start-up and at each permission sync. Every change of the
        table gets a new `permission_version`, so nothing computed from the former one is
        reused (the menu cache of app/views/menu.py)."""
        self._builtin_roles = self.create_builtin_roles()
        # Exact (view, permission) pairs per built-in role: no regex, no database query.
        self._builtin_pairs = {
            role: frozenset((view, perm) for view, perm in pairs)
            for role, pairs in self.builtin_roles.items()
        }
        self.permission_version += 1

    def permission_key(self, user) -> tuple:
        """Everything `has_access` answers from for this logged-in user: the version of the
        role table, the user's roles (their own and their groups', read from the database with
        the user on every request, so a change made by any process counts at the next request)
        and whether the account is active. Two users with the same key see the same menu."""
        roles = frozenset(role.name for role in self.get_user_roles(user))
        return self.permission_version, bool(user.is_active), roles

    def get_user_by_id(self, pk):
        """The user of each request with roles, groups, centres and accessibility settings in
        one query, not five."""
        return self.session.get(self.user_model, pk, options=[
            joinedload(ExamUser.roles), joinedload(ExamUser.groups),
            joinedload(ExamUser.centres), joinedload(ExamUser.setting)])

    # -- permissions ---------------------------------------------------------------------
    def _has_access_builtin_roles(self, role, permission_name, view_name) -> bool:
        return (view_name, permission_name) in self._builtin_pairs.get(role.name, ())

    def _has_view_access(self, user, permission_name, view_name) -> bool:
        roles = self.get_user_roles(user)
        if any(role.name == ADMIN for role in roles):
            return True
        return any(self._has_access_builtin_roles(role, permission_name, view_name)
                   for role in roles)

    def get_user_menu_access(self, menu_names=None):
        user = g.get("user")
        if user is None or not user.is_authenticated:
            return set()
        roles = self.get_user_roles(user)
        if any(role.name == ADMIN for role in roles):
            return set(menu_names or [])
        allowed = {view for role in roles for view, perm in self._builtin_pairs.get(role.name, ())
                   if perm == "menu_access"}
        return allowed if menu_names is None else allowed & set(menu_names)

    def create_db(self) -> None:
        """Alembic owns the schema; here only the roles are ensured once the tables exist."""
        engine = self.session.get_bind(mapper=None, clause=None)
        if not inspect(engine).has_table("ab_role"):
            return
        for name in (*ROLES, self.auth_role_public):
            if self.find_role(name) is None:
                self.add_role(name)

    def register_views(self):
        super().register_views()
        if self.is_auth_limited:
            for view in self.appbuilder.baseviews:
                if isinstance(view, SecurityApi):
                    self.limiter.limit(self.auth_rate_limit, methods=["POST"])(view.blueprint)

    # -- authentication ------------------------------------------------------------------
    def auth_user_db(self, username, password):
        user = self.find_user(username=username) if username else None
        if user is None and username:
            user = self.find_user(email=username)
        if user is not None and accounts.is_locked(user, now()):
            audit.log_security_event(self.session, "login_refused_locked", user=user,
                                     ip=_client_ip())
            g.login_locked = True
            return None
        return super().auth_user_db(username, password)

    def update_user_auth_stat(self, user, success=True):
        if success:
            accounts.record_successful_login(user)
            super().update_user_auth_stat(user, True)
            return
        cfg = current_app.config
        locked = accounts.record_failed_login(user, now(), cfg["LOGIN_LOCKOUT_THRESHOLD"],
                                              cfg["LOGIN_LOCKOUT_MINUTES"])
        self.update_user(user)
        audit.log_security_event(self.session, "login_failed", user=user, ip=_client_ip())
        if locked:
            audit.log_security_event(self.session, "lockout", user=user, ip=_client_ip(),
                                     detail=f"{cfg['LOGIN_LOCKOUT_MINUTES']} min")

    def load_user_jwt(self, _jwt_header, jwt_data):
        user = super().load_user_jwt(_jwt_header, jwt_data)
        if user is not None:
            audit.set_actor(audit.Actor(user.id, user.username, _client_ip()))
        return user

    def on_user_login(self, user):
        # The language the user chose last time is theirs again (ExamUser.language).
        if user.language in current_app.config["LANGUAGES"]:
            session["locale"] = user.language
            refresh()
        audit.log_security_event(self.session, "login", user=user, ip=_client_ip())

    def on_user_logout(self, user):
        user.session_version = (user.session_version or 1) + 1  # sessions and API tokens end
        self.session.commit()
        audit.log_security_event(self.session, "logout", user=user, ip=_client_ip())
        end_sessions(user.id)

    def create_jwt_manager(self, app):
        jwt_manager = super().create_jwt_manager(app)
        tokens.install(jwt_manager)
        return jwt_manager

    def add_user(self, username, first_name, last_name, email, role=None, password="",
                 hashed_password="", groups=None, commit=True):
        """Users created without a password get an unusable one until they set theirs."""
        if not password and not hashed_password:
            hashed_password = generate_password_hash(secrets.token_urlsafe(32))
        return super().add_user(username, first_name, last_name, email, role, password,
                                hashed_password, groups, commit=commit)


def _client_ip() -> str | None:
    try:
        return request.remote_addr
    except RuntimeError:
        return None
