"""Per-IP rate limits on the forms anyone can post without logging in (public contact and
pre-registration forms, forgot-password and set-password), with FAB's Flask-Limiter: a flood
answers 429 with the error page in the user's language. The limit is read from the
configuration at each request (PUBLIC_FORM_RATE_LIMIT)."""
from __future__ import annotations

from flask import current_app

# Views whose every POST is a public form (their route_base's blueprint).
PUBLIC_FORM_VIEWS = ("PublicSiteView", "PasswordView")


def public_form_limit() -> str:
    return current_app.config["PUBLIC_FORM_RATE_LIMIT"]


def limit_public_forms(appbuilder) -> None:
    limiter = appbuilder.sm.limiter
    if limiter is None:
        return
    for view in appbuilder.baseviews:
        if type(view).__name__ in PUBLIC_FORM_VIEWS:
            limiter.limit(public_form_limit, methods=["POST"])(view.blueprint)
