"""Error pages in the application's layout and the user's language, with a way back; the REST
API keeps answering JSON. Registered by create_app for every error a user can reach."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, current_app, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from app.extensions import db
from app.security.redirects import safe_next
from app.services.writes import abandon

PAGES = {
    400: (_l("The request is not valid"),
          _l("The address or the form sent is not valid. Go back and try again.")),
    403: (_l("Access denied"), _l("You do not have the right to open this page.")),
    404: (_l("Page not found"),
          _l("This page or this record does not exist, or is not within your reach.")),
    405: (_l("Action not possible"), _l("This address cannot be used this way.")),
    409: (_l("Conflicting change"),
          _l("This record was changed by someone else. Reload it and apply your changes "
             "again.")),
    413: (_l("File too large"), _l("The file sent is larger than what is accepted here.")),
    422: (_l("Request refused"), _l("What was sent cannot be processed.")),
    429: (_l("Too many requests"), _l("Too many requests in a short time: wait a moment, "
                                      "then try again.")),
    500: (_l("Server error"), _l("Something went wrong on our side and it has been recorded. "
                                 "Try again in a moment.")),
}
CSRF_PAGE = (_l("The page has expired"),
             _l("The form was open too long, or it was sent without its security token: go "
                "back, reload the page and send it again."))


def back_url() -> str | None:
    """The page the user came from, when it is a page of this site."""
    referrer = request.referrer or ""
    parts = urlsplit(referrer)
    if not referrer or parts.netloc != request.host or parts.path == request.path:
        return None
    return safe_next(parts.path + (f"?{parts.query}" if parts.query else ""), None)


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def render_error(code: int, title, message):
    if _wants_json():
        return jsonify(message=str(message)), code
    appbuilder = current_app.appbuilder
    page = render_template("examdesk/error.html", base_template=appbuilder.base_template,
                           appbuilder=appbuilder, code=code, title=title, message=message,
                           back=back_url(), home=appbuilder.get_url_for_index)
    return page, code


def handle_http_error(exc: HTTPException):
    code = exc.code or 500
    title, message = PAGES.get(code, PAGES[400 if code < 500 else 500])
    if code == 500 and isinstance(exc, InternalServerError):
        abandon(db.session)  # the failed request may have left a broken transaction
    return render_error(code, title, message)


def handle_csrf_error(exc: CSRFError):
    return render_error(400, *CSRF_PAGE)


def install(app: Flask) -> None:
    app.register_error_handler(CSRFError, handle_csrf_error)
    # 500 also receives every unexpected exception once Flask has logged it (not in tests,
    # where exceptions propagate to the test).
    for code in PAGES:
        app.register_error_handler(code, handle_http_error)
