"""The base of every REST resource: tenancy filter, scoped relations, server-set centre."""
from __future__ import annotations

from flask_appbuilder.api import ModelRestApi

from app.security.filters import assign_owner, merge_rel_filters, with_tenant_filter
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

    def pre_add(self, item):
        assign_owner(item)

    def pre_update(self, item):
        assign_owner(item)
        check_version(item, getattr(item, "_submitted_version", None))
