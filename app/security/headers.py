"""Security headers on every response (pages, API, static files, error pages): a strict
Content-Security-Policy, no MIME sniffing, no framing, a same-origin referrer.

Scripts run only from the application's own files. Flask-AppBuilder's templates still carry a
few inline scripts; each is marked with the request's nonce (`baselib.get_nonce()` calls the
`csp_nonce()` global defined here), so the policy lists that nonce only when a page used it.
Style attributes remain in FAB's markup, hence `style-src 'unsafe-inline'` (styles run no code).
"""
from __future__ import annotations

import secrets

from flask import Flask, g

NONCE_KEY = "examdesk_csp_nonce"
FIXED_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def csp_nonce() -> str:
    """This request's script nonce, created the first time a template asks for it."""
    nonce = g.get(NONCE_KEY)
    if nonce is None:
        nonce = secrets.token_urlsafe(18)
        setattr(g, NONCE_KEY, nonce)
    return nonce


def content_security_policy(nonce: str | None) -> str:
    scripts = "'self'" + (f" 'nonce-{nonce}'" if nonce else "")
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ])


def _add_headers(response):
    for name, value in FIXED_HEADERS.items():
        response.headers.setdefault(name, value)
    # A response with its own sandboxing policy (an attachment preview) keeps it.
    if "sandbox" not in response.headers.get("Content-Security-Policy", ""):
        response.headers["Content-Security-Policy"] = content_security_policy(g.get(NONCE_KEY))
    return response


def install(app: Flask) -> None:
    # A global, not a context processor: FAB imports baselib without the template context.
    app.jinja_env.globals["csp_nonce"] = csp_nonce
    app.after_request(_add_headers)
