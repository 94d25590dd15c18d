"""The base of every REST resource: tenancy filter, scoped relations, writes through the model's
resource (the same use-cases as its screen), and the API's one error mapper."""
from __future__ import annotations

import json

import prison
from flask import jsonify, request
from flask_appbuilder.api import ModelRestApi
from flask_appbuilder.api.convert import Model2SchemaConverter
from flask_appbuilder.exceptions import FABException
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
from app.views.toolkit.state import fresh_filters
from app.views.toolkit.values import INVALID, typed_rest_value

MAX_PAGE = 1_000_000
INVALID_INPUT = _l("The request is not valid: see the errors of each field.")
INVALID_ID = _l("is not the id of a record.")


class RelationNamedConverter(Model2SchemaConverter):
    """FAB names a nested schema `<parent schema>.<related model>` in the OpenAPI document, so two
    relations to one model (a request's registration and new registration, a conversation's
    assignee and author) got one name for two field sets, and apispec refused the document.
    The relation's name joins the parent's: `RequestApi.get.new_registration.Registration`."""

    def _column2relation(self, datamodel, column, nested=False, parent_schema_name=None):
        if nested and parent_schema_name:
            parent_schema_name = f"{parent_schema_name}.{column.name}"
        return super()._column2relation(datamodel, column, nested=nested,
                                        parent_schema_name=parent_schema_name)


class ExamModelRestApi(ModelRestApi):
    """`resource`: the model's Resource, shared with its screen (a generic one if none)."""

    allow_browser_login = True
    model2schemaconverter = RelationNamedConverter
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

    # FAB passes every label and description through gettext, empty ones too, and gettext("")
    # returns the catalogue's header ("Project-Id-Version: …"): an empty text stays empty.
    def _get_field_info(self, field, filter_rel_field, *args, **kwargs):
        info = super()._get_field_info(field, filter_rel_field, *args, **kwargs)
        if not self.description_columns.get(field.name):
            info["description"] = ""
        if not self.label_columns.get(field.name):
            info["label"] = ""
        return info

    def _description_columns_json(self, cols=None):
        return {key: value for key, value in super()._description_columns_json(cols).items()
                if self.description_columns.get(key)}


    # -- the one error mapper ------------------------------------------------------------
    def refusal(self, exc: Exception):
        """A refused write as JSON: 404 unknown or foreign row, 403 not yours to change,
        428 version missing (no If-Match), 412 stale version (If-Match is not the row's
        version), 422 invalid input (with `errors` per field)."""
        if isinstance(exc, NotFound):
            return self.response_404()
        if isinstance(exc, NotAllowed):
            return self.response(403, message=str(exc))
        if isinstance(exc, VersionRequired):
            return self.response(428, message=str(exc))
        if isinstance(exc, ConflictError):
            return self.response(412, message=str(exc))
        if isinstance(exc, ValidationFailed):
            return self.response(422, message=str(exc.message) or str(exc),
                                 errors={k: [str(v)] for k, v in exc.errors.items()})
        if isinstance(exc, ValidationError):
            return self.response(422, message=str(INVALID_INPUT), errors=exc.messages)
        return self.response(422, message=str(exc))

    # -- reading ---------------------------------------------------------------------------
    def _handle_filters_args(self, rison_args):
        """FAB's, on a per-request filter object (FAB #2366), refusing values the database
        cannot compare (an unknown status, a number too large): 400 instead of a crash."""
        filters = fresh_filters(self)
        filters.rest_add_filters(rison_args.get("filters", []))
        for index, flt in enumerate(filters.filters):
            value = typed_rest_value(self.datamodel, flt, filters.values[index])
            if value is INVALID:
                raise FABException(str(_l("The filter value for %(column)s is not valid.",
                                          column=flt.column_name)))
            filters.values[index] = value
        return filters.get_joined_filters(self._base_filters)

    def get_headless(self, pk, **kwargs):
        """FAB's, with the row's version as its ETag (what a PUT or DELETE sends in If-Match)."""
        response = super().get_headless(pk, **kwargs)
        if response.status_code == 200:
            item = self.datamodel.get(pk, self._base_filters)
            with_etag(response, item)
        return response

    def _json_object(self):
        data = request.get_json(silent=True)
        return data if isinstance(data, dict) else None

    def _if_match(self):
        return request.headers.get("If-Match")

    def _check_relation_ids(self, data: dict) -> None:
        """A relation is given by its row id: anything else (a text, a URL) is refused as
        invalid input before the database is asked (PostgreSQL would fail the statement)."""
        relations = {prop.key for prop in self.datamodel.obj.__mapper__.relationships
                     if prop.mapper.primary_key[0].type.python_type is int}
        errors = {}
        for key, value in data.items():
            if key not in relations or value is None:
                continue
            values = value if isinstance(value, list) else [value]
            if not all(isinstance(v, int) and not isinstance(v, bool) and 0 < v < 2 ** 63
                       for v in values):
                errors[key] = [str(INVALID_ID)]
        if errors:
            raise ValidationError(errors)

    # -- writes --------------------------------------------------------------------------
    def post_headless(self):
        data = self._json_object()
        if data is None:
            return self.response_400(message="Request is not a JSON object")
        try:
            self._check_relation_ids(data)
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
            self._check_relation_ids(data)
            self.resource.update(db.session, current_viewer(), item, changes, now(),
                                 version=self._if_match())
        except (DomainError, ValidationError) as exc:
            return self.refusal(exc)
        response = self.response(200, result=self.edit_model_schema.dump(item, many=False))
        return with_etag(response, item)

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



def with_etag(response, item):
    """`ETag: "<version>"` on the response of a versioned row (its If-Match for the next write)."""
    if isinstance(item, Versioned):
        response.headers["ETag"] = f'"{item.version}"'
    return response


def readable_arguments(raw: str | None):
    """The Rison (or JSON) `q` argument as FAB will read it, or an error message: unreadable,
    or a page beyond what a database can reach."""
    if not raw:
        return None
    try:
        args = prison.loads(raw)
    except Exception:  # prison fails with RecursionError and others, not only ParserException
        try:
            args = json.loads(raw)
        except ValueError:
            return _l("The q argument is not valid Rison or JSON.")
    if isinstance(args, dict):
        page = args.get("page", 0)
        if not isinstance(page, int) or isinstance(page, bool) or not 0 <= page <= MAX_PAGE:
            return _l("The page must be a number from 0 to %(max)d.", max=MAX_PAGE)
    return None


def install(app) -> None:
    """Every API route reads `q` only once it is known to be readable."""

    @app.before_request
    def refuse_unreadable_arguments():
        if not request.path.startswith("/api/"):
            return None
        problem = readable_arguments(request.args.get("q"))
        if problem is None:
            return None
        return jsonify(message=str(problem)), 400
