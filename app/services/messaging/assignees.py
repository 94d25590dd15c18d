"""Who answers a conversation: the staff a conversation is assigned to, and the staff one may
reassign it to."""
from __future__ import annotations

from flask_appbuilder.security.sqla.models import Role
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.centres import Centre, ExamUser
from app.models.messaging import ConversationKind
from app.security.roles import EVALUATOR, PEDAGOGY, SUPPORT


def default_assignee(session: Session, centre: Centre, kind: ConversationKind,
                     request_role: str | None = None) -> int | None:
    """The centre's Support contact; the first Pedagogy user for evaluator matters (evaluator
    accounts included, as the TEF portal's role matrix says: docs/domain.md)."""
    if kind == ConversationKind.EVALUATOR or request_role == EVALUATOR:
        return _first_user_with_role(session, PEDAGOGY)
    return centre.support_contact_id or _first_user_with_role(session, SUPPORT)


def _first_user_with_role(session: Session, role: str) -> int | None:
    return session.scalar(select(ExamUser.id).join(ExamUser.roles).where(
        Role.name == role, ExamUser.active.is_(True)).order_by(ExamUser.id).limit(1))


def staff_choices(session: Session) -> list[ExamUser]:
    return list(session.scalars(select(ExamUser).join(ExamUser.roles).where(
        Role.name.in_([SUPPORT, PEDAGOGY]), ExamUser.active.is_(True)).order_by(
        ExamUser.last_name).distinct()))
