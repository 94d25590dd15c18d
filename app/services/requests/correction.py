"""Mise en correction: with declared anomalies the session waits for Support, else it goes on."""
from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from app.models.requests import ExamRequest, RequestKind
from app.models.sessions import ExamSession
from app.models.sessions import SessionStatus as S
from app.services.errors import DomainError
from app.services.requests.workflow import file_request
from app.services.sessions import workflow as session_svc


def check_anomalies(anomalies: list[dict]) -> None:
    """Each anomaly needs a description; any use of a "virtual" candidate must be justified."""
    errors = []
    for number, anomaly in enumerate(anomalies, start=1):
        if not (anomaly.get("description") or "").strip():
            errors.append(str(_l("Anomaly %(n)s: describe it.", n=number)))
        if anomaly.get("virtual") and not (anomaly.get("justification") or "").strip():
            errors.append(str(_l("Anomaly %(n)s: any use of a virtual candidate must be "
                                 "justified.", n=number)))
    if errors:
        raise DomainError(_l("The session was not put into correction: %(errors)s"),
                          errors=" ".join(errors))


def put_into_correction(db: Session, session: ExamSession, anomalies: list[dict],
                        now: datetime, actor_id: int | None,
                        by_body: bool = False) -> list[ExamRequest]:
    """Registrations closed → In correction, or Awaiting correction while anomalies are open.

    Raises DomainError (the session's own preconditions, or an anomaly without justification).
    """
    check_anomalies(anomalies)
    session_svc.put_into_correction(db, session, now, by_body, has_anomalies=bool(anomalies))
    created = []
    for anomaly in anomalies:
        reason = anomaly["description"].strip()
        if anomaly.get("virtual"):
            reason += "\n" + str(_l("Virtual candidate: %(why)s",
                                    why=anomaly["justification"].strip()))
        created.append(file_request(db, RequestKind.ANOMALY, session=session, reason=reason,
                                    actor_id=actor_id, now=now))
    if not anomalies:
        session.status = S.IN_CORRECTION  # seed: without anomalies it goes straight there
    return created
