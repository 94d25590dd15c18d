"""FAB filters and hooks applying the tenancy scope to views, forms and REST APIs alike."""
from __future__ import annotations

from flask_appbuilder.models.filters import BaseFilter
from sqlalchemy.orm import RelationshipProperty

from app.extensions import db
from app.security.accounts import account_clause, account_relations, centre_account_clause
from app.security.context import current_viewer
from app.security.scope import is_tenant_scoped, owning_centre_id, tenant_clause


class TenantFilter(BaseFilter):
    """Restricts a query to the rows the current viewer may see (never exposed in URLs)."""

    name = "Tenant scope"
    arg_name = None

    def apply(self, query, value):
        clause = tenant_clause(self.model, current_viewer())
        return query if clause is None else query.filter(clause)


TENANT_FILTER = ["id", TenantFilter, None]


class AccountFilter(BaseFilter):
    """Restricts a query of accounts to those the current viewer may see (app/security/
    accounts.py): every relation picker and filter of users gets it."""

    name = "Account scope"
    arg_name = None

    def apply(self, query, value):
        clause = account_clause(current_viewer())
        return query if clause is None else query.filter(clause)


ACCOUNT_FILTER = ["id", AccountFilter, None]


class CentreAccountFilter(BaseFilter):
    """Restricts a picker of accounts to a centre's own people (accounts.centre_account_clause),
    on top of the account scope."""

    name = "Centre accounts"
    arg_name = None

    def apply(self, query, value):
        return query.filter(centre_account_clause(current_viewer()))


CENTRE_ACCOUNT_FILTER = ["id", CentreAccountFilter, None]


def scoped_relations(model) -> dict[str, list]:
    """{relation name: [tenant filter]} for every relation of `model` to a tenant-scoped model."""
    result = {}
    for prop in model.__mapper__.attrs:
        if isinstance(prop, RelationshipProperty) and is_tenant_scoped(prop.mapper.class_):
            result[prop.key] = [TENANT_FILTER]
    return result


def with_tenant_filter(base_filters, model) -> list:
    filters = list(base_filters or [])
    if is_tenant_scoped(model) and not any(f[1] is TenantFilter for f in filters):
        filters.append(TENANT_FILTER)
    return filters


def merge_rel_filters(declared: dict | None, model) -> dict:
    """The view's own relation filters, plus the tenancy on relations to scoped rows and the
    account scope on relations to users."""
    merged = {k: list(v) for k, v in (declared or {}).items()}
    for key, flt in scoped_relations(model).items():
        merged.setdefault(key, [])
        if not any(f[1] is TenantFilter for f in merged[key]):
            merged[key] = merged[key] + flt
    for key in account_relations(model):
        merged.setdefault(key, [])
        if not any(f[1] is AccountFilter for f in merged[key]):
            merged[key] = merged[key] + [ACCOUNT_FILTER]
    return merged


def assign_owner(item) -> None:
    """Centre users' rows always belong to their active centre, whatever the form said."""
    column = getattr(type(item), "__tenant__", None)
    if not isinstance(column, str) or column == "id":
        return
    owner = owning_centre_id(current_viewer())
    if owner is None:
        return
    setattr(item, column, owner)
    for prop in type(item).__mapper__.relationships:
        if any(c.key == column for c in prop.local_columns):
            setattr(item, prop.key, db.session.get(prop.mapper.class_, owner))
