"""Arguments FAB's CRUD screens use without checking them: an unknown action name (even
posted anonymously) and, on FAB's own lists (roles, groups), page numbers and sizes that are
not plain numbers. Each becomes a 4xx error page instead of an exception."""
from __future__ import annotations

from flask import Flask, abort, request
from flask_appbuilder.baseviews import BaseCRUDView

from app.views.base import ExamModelView

LIST_ARGS = ("page_", "psize_")
MAX_LIST_ARG = 1_000_000


def _plain_number(raw: str) -> bool:
    return raw.isdigit() and int(raw) <= MAX_LIST_ARG


def install(app: Flask) -> None:
    views = {v.blueprint.name: v for v in app.appbuilder.baseviews
             if isinstance(v, BaseCRUDView) and v.blueprint is not None}
    native = {name for name, view in views.items() if not isinstance(view, ExamModelView)}

    @app.before_request
    def refuse_unusable_list_arguments():
        view = views.get(request.blueprint or "")
        if view is None or request.endpoint is None:
            return None
        endpoint = request.endpoint.rsplit(".", 1)[-1]
        if endpoint == "action_post" and request.form.get("action") not in view.actions:
            abort(404)
        if endpoint == "action" and (request.view_args or {}).get("name") not in view.actions:
            abort(404)
        if request.blueprint in native and any(
                key.startswith(LIST_ARGS) and not _plain_number(value)
                for key, value in request.args.items(multi=True)):
            abort(400)
        return None
