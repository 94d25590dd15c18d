"""The base of every REST resource: tenancy filter, scoped relations, writes through the model's
resource (the same use-cases as its screen), and the API's one error mapper."""
from __future__ import annotations

from flask import request
from flask_appbuilder.api import ModelRestApi
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError

from app.extensions import db
from app.models.base import Versioned
from app.security.context import current_viewer
from app.security.filters import merge_rel_filters, with_tenant_filter
from app.services.clock import now
from app.services.errors import (
    ConflictError,
    DomainError,
    NotAllowed,
    NotFound,
    ValidationFailed,
    VersionRequired,
)
from app.services.locking import MISSING_MESSAGE
from app.services.resources import Resource

INVALID_INPUT = _l("The request is not valid: see the errors of each field.")


class ExamModelRestApi(ModelRestApi):
    """`resource`: the model's Resource, shared with its screen (a generic one if none)."""

    allow_browser_login = True
    max_page_size = 100
    resource: Resource | None = None

    def _init_properties(self):
        model = self.datamodel.obj
        self.base_filters = with_tenant_filter(self.base_filters, model)
        self.add_query_rel_fields = merge_rel_filters(self.add_query_rel_fields, model)
        self.edit_query_rel_fields = merge_rel_filters(self.edit_query_rel_fields, model)
        if type(self).resource is None:
            self.resource = Resource(model)
        super()._init_properties()

    # -- the one error mapper ------------------------------------------------------------
    def refusal(self, exc: Exception):
        """A refused write as JSON: 404 unknown or foreign row, 403 not yours to change,
        428 version missing, 409 stale version, 422 invalid input (with `errors` per field)."""
        if isinstance(exc, NotFound):
            return self.response_404()
        if isinstance(exc, NotAllowed):
            return self.response(403, message=str(exc))
        if isinstance(exc, VersionRequired):
            return self.response(428, message=str(exc))
        if isinstance(exc, ConflictError):
            return self.response(409, message=str(exc))
        if isinstance(exc, ValidationFailed):
            return self.response(422, message=str(exc.message) or str(exc),
                                 errors={k: [str(v)] for k, v in exc.errors.items()})
        if isinstance(exc, ValidationError):
            return self.response(422, message=str(INVALID_INPUT), errors=exc.messages)
        return self.response(422, message=str(exc))

    def _json_object(self):
        data = request.get_json(silent=True)
        return data if isinstance(data, dict) else None

    def _if_match(self):
        return request.headers.get("If-Match")

    # -- writes --------------------------------------------------------------------------
    def post_headless(self):
        data = self._json_object()
        if data is None:
            return self.response_400(message="Request is not a JSON object")
        try:
            item = self.add_model_schema.load(data)
            self.resource.create(db.session, current_viewer(), item, now())
        except (DomainError, ValidationError) as exc:
            return self.refusal(exc)
        return self.response(201, result=self.add_model_schema.dump(item, many=False),
                             id=self.datamodel.get_pk_value(item))

    def put_headless(self, pk):
        item = self.datamodel.get(pk, self._base_filters)
        if item is None:
            return self.response_404()
        data = self._json_object()
        if data is None:
            return self.response_400(message="Request is not a JSON object")

        def changes(row):
            self.edit_model_schema.load(self._merge_update_item(row, data), instance=row)

        try:
            self.resource.update(db.session, current_viewer(), item, changes, now(),
                                 version=self._if_match())
        except (DomainError, ValidationError) as exc:
            return self.refusal(exc)
        return self.response(200, result=self.edit_model_schema.dump(item, many=False))

    def delete_headless(self, pk):
        item = self.datamodel.get(pk, self._base_filters)
        if item is None:
            return self.response_404()
        version = self._if_match()
        try:
            if isinstance(item, Versioned) and version is None:
                raise VersionRequired(MISSING_MESSAGE)
            self.resource.delete(db.session, current_viewer(), item, now(), version=version)
        except DomainError as exc:
            return self.refusal(exc)
        return self.response(200, message="OK")

