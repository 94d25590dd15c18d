"""Configuration read from the environment; SQLite in the instance folder by default."""
import os
import secrets
import sys
from datetime import timedelta
from pathlib import Path

from flask_appbuilder.const import AUTH_DB

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("EXAMDESK_INSTANCE", BASE_DIR / "instance"))


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _async_mode() -> str:
    """gevent where the standard library is patched (gunicorn's gevent worker, deploy/serve.py),
    else threads; never auto-detected by Flask-SocketIO, which would pick eventlet if present."""
    monkey = sys.modules.get("gevent.monkey")
    return "gevent" if monkey is not None and monkey.is_module_patched("socket") else "threading"


def _secret_key() -> str:
    """The SECRET_KEY from the environment, else one generated once into the instance folder."""
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if _env_bool("EXAMDESK_PRODUCTION", False):
        raise RuntimeError("SECRET_KEY must be set in production (EXAMDESK_PRODUCTION=1)")
    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    path = INSTANCE_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


class Config:
    APP_NAME = "ExamDesk"
    APP_THEME = ""
    SECRET_KEY = _secret_key()
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'examdesk.db'}"
    )
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    REDIS_URL = os.environ.get("REDIS_URL")  # Socket.IO message queue + RQ when set
    # The sessions' scheduler (app/jobs.py: start_scheduler), started by each gunicorn worker:
    # one pass every SCHEDULER_INTERVAL seconds; 0 switches it off.
    SCHEDULER_INTERVAL = int(os.environ.get("SCHEDULER_INTERVAL", "300"))
    # The same pass tells a centre this many days before its agreement ends (once).
    AGREEMENT_RENEWAL_NOTICE_DAYS = int(os.environ.get("AGREEMENT_RENEWAL_NOTICE_DAYS", "60"))
    # Alembic owns the schema: FAB must never create_all (its create_all before `db upgrade`
    # makes the first migration fail on tables that already exist).
    FAB_CREATE_DB = _env_bool("FAB_CREATE_DB", False)
    FAB_UPDATE_PERMS = _env_bool("FAB_UPDATE_PERMS", True)
    FAB_SECURITY_MANAGER_CLASS = "app.security.manager.ExamSecurityManager"
    FAB_BASE_TEMPLATE = "examdesk/base.html"
    FAB_INDEX_VIEW = "app.views.home.HomeView"
    FAB_API_SWAGGER_UI = True
    FAB_ADD_SECURITY_PERMISSION_VIEW = False
    FAB_ADD_SECURITY_VIEW_MENU_VIEW = False
    FAB_ADD_SECURITY_PERMISSION_VIEWS_VIEW = False

    # Authentication
    AUTH_TYPE = AUTH_DB
    AUTH_ROLE_ADMIN = "Admin"
    AUTH_ROLE_PUBLIC = "Public"
    AUTH_USER_REGISTRATION = False
    FAB_PASSWORD_COMPLEXITY_ENABLED = True
    AUTH_RATE_LIMITED = True
    AUTH_RATE_LIMIT = os.environ.get("AUTH_RATE_LIMIT", "30 per minute")
    RATELIMIT_ENABLED = _env_bool("RATELIMIT_ENABLED", True)
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    # Public forms (contact, pre-registration, forgot/set password): per client address.
    PUBLIC_FORM_RATE_LIMIT = os.environ.get("PUBLIC_FORM_RATE_LIMIT",
                                            "5 per minute;30 per hour")
    LOGIN_LOCKOUT_THRESHOLD = int(os.environ.get("LOGIN_LOCKOUT_THRESHOLD", "10"))
    LOGIN_LOCKOUT_MINUTES = int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15"))
    PASSWORD_RESET_HOURS = int(os.environ.get("PASSWORD_RESET_HOURS", "2"))
    PASSWORD_SET_HOURS = int(os.environ.get("PASSWORD_SET_HOURS", "72"))

    # Sessions: 30 minutes of inactivity, warning 5 minutes before (docs/domain.md)
    PERMANENT_SESSION_LIFETIME = timedelta(minutes=int(os.environ.get("IDLE_MINUTES", "30")))
    IDLE_WARNING_MINUTES = 5
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", True)
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    REMEMBER_COOKIE_HTTPONLY = True
    WTF_CSRF_ENABLED = True
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the (30-minute idle) session

    # Languages: French first
    BABEL_DEFAULT_LOCALE = "fr"
    BABEL_DEFAULT_TIMEZONE = "Europe/Paris"
    LANGUAGES = {
        "fr": {"flag": "fr", "name": "Français"},
        "en": {"flag": "gb", "name": "English"},
    }
    BABEL_TRANSLATION_DIRECTORIES = "translations"

    # Mail: outbox table and log unless MAIL_SERVER is set
    MAIL_SERVER = os.environ.get("MAIL_SERVER")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "25"))
    MAIL_USE_TLS = _env_bool("MAIL_USE_TLS", False)
    MAIL_USE_SSL = _env_bool("MAIL_USE_SSL", False)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    SALES_EMAIL = os.environ.get("SALES_EMAIL", "ventes@examdesk.local")  # certification orders
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "ExamDesk <no-reply@examdesk.local>")
    EXTERNAL_URL = os.environ.get("EXTERNAL_URL", "http://127.0.0.1:5000")

    UPLOAD_FOLDER = os.environ.get("UPLOAD_FOLDER", str(INSTANCE_DIR / "uploads"))
    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_UPLOAD_MB", "20")) * 1024 * 1024
    SOCKETIO_ASYNC_MODE = os.environ.get("SOCKETIO_ASYNC_MODE") or _async_mode()
    # Proxies in front that set X-Forwarded-For/-Proto (1 behind deploy/serve.py's HAProxy).
    TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))

    # List toolkit: page-size cap, exports run in the background above this many rows
    LIST_MAX_PAGE_SIZE = int(os.environ.get("LIST_MAX_PAGE_SIZE", "100"))
    EXPORT_BACKGROUND_ROWS = int(os.environ.get("EXPORT_BACKGROUND_ROWS", "5000"))
    EXPORT_FOLDER = os.environ.get("EXPORT_FOLDER", str(INSTANCE_DIR / "exports"))
    # Export files (and their jobs) are deleted this many days after they were asked for
    EXPORT_RETENTION_DAYS = int(os.environ.get("EXPORT_RETENTION_DAYS", "7"))


class DevelopmentConfig(Config):
    """`make run`: plain HTTP on 127.0.0.1, so the session cookie cannot be Secure-only."""

    SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", False)
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE

