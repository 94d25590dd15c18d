"""The documentation of the account area: the active guides, in their order."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.centres import Guide


def active_guides(session: Session) -> list[Guide]:
    """Guides a centre may download: active ones with a document, by position then title."""
    stmt = (select(Guide).where(Guide.active.is_(True), Guide.document.is_not(None))
            .order_by(Guide.position, Guide.title, Guide.id))
    return list(session.scalars(stmt))
