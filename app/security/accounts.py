"""Which accounts a viewer may see: the one scoped query behind every account picker and
filter (relation drop-downs of forms and list filters, the API's relation choices), and whether
an account belongs to a centre (an examiner linked to a session is an account of its centre).

Body staff see every account. A centre user sees the accounts of their active centre, the
centre's support contact and their own; an evaluator sees their own account only."""
from __future__ import annotations

from flask_appbuilder.security.sqla.models import User
from sqlalchemy import exists, false, or_, select
from sqlalchemy.orm import RelationshipProperty, Session
from sqlalchemy.sql.elements import ColumnElement

from app.models.centres import Centre, ExamUser, user_centre
from app.security.scope import Viewer


def account_clause(viewer: Viewer) -> ColumnElement | None:
    """The SQL condition on ExamUser restricting it to the accounts `viewer` may see; None:
    every account."""
    if viewer.is_body:
        return None
    clauses = [ExamUser.id == viewer.user_id] if viewer.user_id is not None else []
    if viewer.is_centre_user and viewer.centre_id is not None:
        clauses.append(ExamUser.id.in_(select(user_centre.c.user_id).where(
            user_centre.c.centre_id == viewer.centre_id)))
        clauses.append(ExamUser.id.in_(select(Centre.support_contact_id).where(
            Centre.id == viewer.centre_id, Centre.support_contact_id.is_not(None))))
    if not clauses:
        return false()
    return clauses[0] if len(clauses) == 1 else or_(*clauses)


def centre_account_clause(viewer: Viewer) -> ColumnElement:
    """The accounts a picker offers for a centre's own people (a session's examiner): a centre
    user's active centre's accounts (not the support contact they may see), or for body staff
    the accounts of any centre (the session's centre is checked on save: is_centre_account)."""
    members = select(user_centre.c.user_id)
    if viewer.is_body:
        return ExamUser.id.in_(members)
    if viewer.is_centre_user and viewer.centre_id is not None:
        return ExamUser.id.in_(members.where(user_centre.c.centre_id == viewer.centre_id))
    return false()


def visible_accounts(session: Session, viewer: Viewer) -> list[ExamUser]:
    """The accounts `viewer` may pick, by name."""
    query = select(ExamUser).order_by(ExamUser.last_name, ExamUser.first_name, ExamUser.id)
    clause = account_clause(viewer)
    if clause is not None:
        query = query.where(clause)
    return list(session.scalars(query))


def is_centre_account(session: Session, user_id: int | None, centre_id: int | None) -> bool:
    """Whether the account `user_id` is one of the centre's accounts."""
    if user_id is None or centre_id is None:
        return False
    with session.no_autoflush:  # asked while a new row is being filled in, before it is added
        return bool(session.scalar(select(exists().where(
            user_centre.c.user_id == user_id, user_centre.c.centre_id == centre_id))))


def account_relations(model) -> list[str]:
    """The relations of `model` that point to accounts (its pickers and filters of users)."""
    return [prop.key for prop in model.__mapper__.attrs
            if isinstance(prop, RelationshipProperty) and issubclass(prop.mapper.class_, User)]
