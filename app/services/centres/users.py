""""Mes utilisateurs" (seed 001): the accounts of the centre and what each centre role may do
(the role matrix), as ExamDesk enforces it."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.models.centres import ExamUser, user_centre
from app.security.roles import CENTRE_MANAGER, CENTRE_STAFF, EVALUATOR, GRANTS
from app.security.scope import Viewer
from app.services.candidates.registrations import ORAL_CODES, can_mark
from app.services.errors import NotAllowed

CENTRE_ROLE_ORDER = (CENTRE_MANAGER, CENTRE_STAFF, EVALUATOR)


@dataclass(frozen=True)
class Capability:
    key: str
    label: object


# The columns of the seed's matrix: Accès Portail, Création de comptes, Photo / Signature / EO.
CAPABILITIES = (
    Capability("portal", _l("Portal access")),
    Capability("accounts", _l("Account creation (request)")),
    Capability("photo_signature", _l("Photo and signature")),
    Capability("eo", _l("EO mark")),
    Capability("written", _l("CE, CO, EE marks")),
)


def granted(role: str, view: str, permission: str) -> bool:
    return any(v == view and permission in perms and role in roles
               for v, perms, roles in GRANTS)


def role_matrix() -> dict[str, dict[str, bool]]:
    """What each centre role may do, read from the rules themselves: the grants of
    app/security/roles.py and the score rule (can_mark); photo and signature are the session's
    evaluator's (record_identity)."""
    return {role: {
        "portal": granted(role, "ExamSessionView", "can_list"),
        "accounts": granted(role, "ChatView", "can_request_account"),
        "photo_signature": role == EVALUATOR,
        "eo": can_mark(ORAL_CODES[0], False, role == EVALUATOR),
        "written": can_mark("CE", False, role == EVALUATOR),
    } for role in CENTRE_ROLE_ORDER}


def centre_users(db: Session, viewer: Viewer) -> list[ExamUser]:
    """The accounts attached to the viewer's active centre, by name. Raises NotAllowed for a
    viewer without a centre."""
    if not viewer.is_centre_user or viewer.centre_id is None:
        raise NotAllowed(_l("This page lists the accounts of your centre."))
    return list(db.scalars(select(ExamUser).join(
        user_centre, user_centre.c.user_id == ExamUser.id).where(
        user_centre.c.centre_id == viewer.centre_id).options(selectinload(ExamUser.roles))
        .order_by(ExamUser.last_name, ExamUser.first_name)))
