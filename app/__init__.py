"""ExamDesk application factory: the only place that wires extensions, views, APIs and the CLI."""
from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask
from flask_appbuilder import AppBuilder
from sqlalchemy import inspect
from werkzeug.middleware.proxy_fix import ProxyFix

from app import models  # noqa: F401  (every table is registered before FAB starts)
from app.api import base as api_base
from app.api import register_apis
from app.chat import register_chat
from app.cli import register as register_cli
from app.extensions import csrf, db, mail, migrate, socketio
from app.models import sqlite_pragmas
from app.models.messaging import schema_name_filter
from app.security import headers, limits, session_guard
from app.security.roles import role_permissions
from app.services.centres.passwords import check_password_complexity
from app.views import errors, register_views
from app.views.context import init_templates
from app.views.toolkit import guards
from config import INSTANCE_DIR


def create_app(config_object: object | str = "config.Config", **overrides) -> Flask:
    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    app = Flask(__name__, instance_path=str(INSTANCE_DIR))
    app.config.from_object(config_object)
    app.config.update(overrides)
    _configure(app)
    init_extensions(app)
    init_appbuilder(app)
    init_request_hooks(app)
    init_chat(app)
    init_proxy(app)
    register_cli(app)
    return app


def _configure(app: Flask) -> None:
    app.config["FAB_ROLES"] = role_permissions()
    app.config.setdefault("FAB_PASSWORD_COMPLEXITY_VALIDATOR", check_password_complexity)
    Path(app.config["UPLOAD_FOLDER"]).mkdir(parents=True, exist_ok=True)
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("postgres://"):
        app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql+psycopg://" + uri[len("postgres://"):]
    elif uri.startswith("postgresql://"):
        app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql+psycopg://" + uri[len("postgresql://"):]
    logging.getLogger("examdesk").setLevel(logging.INFO)


def init_extensions(app: Flask) -> None:
    csrf.init_app(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(__file__).parent.parent / "migrations"),
                     render_as_batch=True, compare_type=True,
                     include_name=schema_name_filter)
    mail.init_app(app)
    with app.app_context():
        sqlite_pragmas.install(db.engine)


def init_appbuilder(app: Flask) -> None:
    with app.app_context():
        if not _schema_ready():  # before `flask db upgrade`: nothing to write permissions to
            app.config["FAB_UPDATE_PERMS"] = False
        # One AppBuilder per app: a shared one keeps the first app's views (docs/architecture.md).
        appbuilder = AppBuilder()
        appbuilder.init_app(app, db.session)
        register_views(appbuilder)
        register_apis(appbuilder)
        limits.limit_public_forms(appbuilder)


def _schema_ready() -> bool:
    return inspect(db.engine).has_table("ab_permission_view")


def init_request_hooks(app: Flask) -> None:
    session_guard.install(app)
    headers.install(app)
    init_templates(app)
    errors.install(app)
    guards.install(app)
    api_base.install(app)
    app.wsgi_app = sqlite_pragmas.readers_begin_deferred(app.wsgi_app)


def init_chat(app: Flask) -> None:
    socketio.init_app(
        app,
        async_mode=app.config["SOCKETIO_ASYNC_MODE"],
        message_queue=app.config.get("REDIS_URL"),
        manage_session=False,
    )
    register_chat(socketio)


def init_proxy(app: Flask) -> None:
    """Behind a balancer, the client's address (login limits, audit) and scheme come from its
    X-Forwarded-* headers; wrapped outermost so that Socket.IO requests get them too."""
    hops = app.config.get("TRUSTED_PROXIES", 0)
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
