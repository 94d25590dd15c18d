"""The base of every REST resource: tenancy filter, scoped relations, server-set centre."""
from __future__ import annotations

from flask import request
from flask_appbuilder.api import ModelRestApi, expose, permission_name, protect

from app.security.filters import assign_owner, merge_rel_filters, with_tenant_filter
from app.services.errors import ConflictError, DomainError
from app.services.live import refresh_dashboards
from app.services.locking import check_version


class ExamModelRestApi(ModelRestApi):
    allow_browser_login = True
    max_page_size = 100

    def _init_properties(self):
        model = self.datamodel.obj
        self.base_filters = with_tenant_filter(self.base_filters, model)
        self.add_query_rel_fields = merge_rel_filters(self.add_query_rel_fields, model)
        self.edit_query_rel_fields = merge_rel_filters(self.edit_query_rel_fields, model)
        super()._init_properties()

    def post_headless(self):
        return self._answer_domain_errors(super().post_headless)

    def put_headless(self, pk):
        return self._answer_domain_errors(super().put_headless, pk)

    def delete_headless(self, pk):
        return self._answer_domain_errors(super().delete_headless, pk)

    def _answer_domain_errors(self, call, *args):
        """A rule's refusal is a 409 (conflict) or 422 with its message, never a 500."""
        try:
            return call(*args)
        except ConflictError as exc:
            self.datamodel.session.rollback()
            return self.response(409, message=str(exc))
        except DomainError as exc:
            self.datamodel.session.rollback()
            return self.response_422(message=str(exc))

    def pre_add(self, item):
        assign_owner(item)
        refresh_dashboards(item, session=self.datamodel.session)

    def pre_update(self, item):
        """A client that sends `If-Match: <version>` gets 409-style refusal on a stale write."""
        assign_owner(item)
        check_version(item, request.headers.get("If-Match", "").strip('"W/') or None)
        refresh_dashboards(item, session=self.datamodel.session)

    def pre_delete(self, item):
        refresh_dashboards(item, session=self.datamodel.session)


class GuardedDeleteApi(ExamModelRestApi):
    """DELETE answers 422 with the reason when a rule refuses it (FAB would answer 500)."""

    @staticmethod
    def check_delete(item):
        return None

    @expose("/<pk>", methods=["DELETE"])
    @protect()
    @permission_name("delete")
    def delete(self, pk):
        item = self.datamodel.get(pk, self._base_filters)
        if item is None:
            return self.response_404()
        try:
            self.check_delete(item)
        except DomainError as exc:
            return self.response_422(message=str(exc))
        return super().delete(pk)
