"""The renewal reminder: AGREEMENT_RENEWAL_NOTICE_DAYS before an approved agreement ends, the
centre is told once (a dashboard line and an e-mail in its manager's language).

`remind_renewals(db, now, notice_days)` is one use-case, run with the sessions' scheduler pass
(app/jobs.py `run_sessions_pass`, `flask sessions advance`); `renewal_reminded_at` marks an
agreement told, so a second pass sends nothing again.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.centres import Agreement, AgreementStatus, ExamUser
from app.security.scope import Viewer
from app.services.formatting import format_day
from app.services.mail import queue_mail, recipient_language
from app.services.writes import transaction

DEFAULT_NOTICE_DAYS = 60


def due_for_reminder(db: Session, today, notice_days: int) -> list[Agreement]:
    """Approved agreements ending within `notice_days` of `today` (not yet ended), not yet
    told and with no renewal requested."""
    return list(db.scalars(select(Agreement).where(
        Agreement.status == AgreementStatus.APPROVED,
        Agreement.valid_until.is_not(None),
        Agreement.valid_until >= today,
        Agreement.valid_until <= today + timedelta(days=notice_days),
        Agreement.renewal_reminded_at.is_(None),
        Agreement.renewal_requested_at.is_(None)).order_by(Agreement.id)))


def reminder_sentence(item: Agreement, locale=None):
    """"Votre agrément AGR-12 prend fin le 30/01/2027 : demandez son renouvellement."."""
    return _l("Your %(kind)s %(reference)s ends on %(day)s: request its renewal.",
              kind=item.kind.label, reference=item.reference,
              day=format_day(item.valid_until, locale))


def remind_renewals(db: Session, now: datetime, notice_days: int = DEFAULT_NOTICE_DAYS
                    ) -> list[str]:
    """Tell each centre whose agreement ends soon, once; commits once. Returns the references
    told. Idempotent."""
    told = []
    with transaction(db):
        for item in due_for_reminder(db, now.date(), notice_days):
            item.renewal_reminded_at = now
            told.append(item.reference)
            _mail(db, item)
    return told


def _mail(db: Session, item: Agreement) -> None:
    centre = item.centre
    if not centre or not centre.manager_email:
        return
    manager = db.scalar(select(ExamUser).where(ExamUser.email == centre.manager_email))
    language = recipient_language(manager, centre)

    def render():
        subject = _l("Renewal of your %(kind)s %(reference)s", kind=item.kind.label,
                     reference=item.reference)
        return subject, str(reminder_sentence(item, language))

    queue_mail(db, to=centre.manager_email, language=language, kind="agreement_renewal",
               render=render)


def reminders_for(db: Session, viewer: Viewer, limit: int = 5) -> list[dict]:
    """The viewer's centre's agreements told to be renewed and not yet renewed (dashboard)."""
    if not viewer.is_centre_user or viewer.is_body or viewer.centre_id is None:
        return []
    rows = db.scalars(select(Agreement).where(
        Agreement.centre_id == viewer.centre_id,
        Agreement.status == AgreementStatus.APPROVED,
        Agreement.renewal_reminded_at.is_not(None),
        Agreement.renewal_requested_at.is_(None)).order_by(Agreement.valid_until).limit(limit))
    return [{"id": r.id, "text": str(reminder_sentence(r))} for r in rows]
