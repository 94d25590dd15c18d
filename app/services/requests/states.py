"""The vocabulary of a request's life: open and decided statuses, the allowed moves, the nouns of
the dashboard sentences, and the history note."""
from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l

from app.models.requests import ExamRequest, RequestEvent, RequestKind, RequestStatus

K, R = RequestKind, RequestStatus
OPEN = (R.PENDING, R.IN_PROGRESS)
DECIDED = (R.ACCEPTED, R.REFUSED)
NEXT = {R.PENDING: (R.IN_PROGRESS, R.ACCEPTED, R.REFUSED), R.IN_PROGRESS: DECIDED}
# Lower-case nouns for the dashboard sentence "Votre demande de report concernant…".
NOUNS = {K.ACCOMMODATION: _l("accommodation request"), K.EXEMPTION: _l("exemption request"),
         K.POSTPONEMENT: _l("postponement request"), K.FRAUD: _l("fraud or incident report"),
         K.APPEAL: _l("appeal request"), K.ANOMALY: _l("session anomaly")}


def add_note(item: ExamRequest, actor_id: int | None, now: datetime, action: str,
             note: str | None = None) -> None:
    """Record a step in the history without changing the status (document, re-registration)."""
    item.events.append(RequestEvent(at=now, user_id=actor_id, action=action,
                                    status=item.status, note=note))
