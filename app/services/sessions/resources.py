"""The session screens' and API's rows as resources: sessions, their prices and examiners."""
from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from app.models.sessions import ExamSession, GenericDocument, SessionExaminer, SessionPrice
from app.security.scope import Viewer
from app.services.errors import DomainError
from app.services.reference.prices import check_amounts
from app.services.resources import Resource
from app.services.sessions import workflow
from app.services.sessions.documents import check_generic_document

BODY_ONLY = _l("Only the certification body can change its own sessions.")


class SessionResource(Resource):
    """A session: number, deadlines and prices decided by the server; a draft only is deleted;
    a body-organised session is changed by the body only."""

    refusal = BODY_ONLY

    def before_create(self, db: Session, viewer: Viewer, item: ExamSession, now: datetime):
        workflow.prepare_new_session(db, item)

    def before_update(self, db: Session, viewer: Viewer, item: ExamSession, now: datetime):
        workflow.refresh_deadlines(db, item)

    def before_delete(self, db: Session, viewer: Viewer, item: ExamSession, now: datetime):
        workflow.check_deletable(item)


class SessionPriceResource(Resource):
    refusal = BODY_ONLY

    def before_update(self, db: Session, viewer: Viewer, item: SessionPrice, now: datetime):
        check_amounts(item)


class SessionExaminerResource(Resource):
    """An examiner belongs to the centre of their session, whoever records them."""

    def before_create(self, db: Session, viewer: Viewer, item: SessionExaminer, now: datetime):
        self._bind_centre(item)

    def before_update(self, db: Session, viewer: Viewer, item: SessionExaminer, now: datetime):
        self._bind_centre(item)

    @staticmethod
    def _bind_centre(item: SessionExaminer) -> None:
        if item.session is None or item.session.centre_id is None:
            raise DomainError(_l("Choose a session of your centre."))
        item.centre_id = item.session.centre_id
        item.centre = item.session.centre


class GenericDocumentResource(Resource):
    def before_create(self, db: Session, viewer: Viewer, item: GenericDocument, now: datetime):
        check_generic_document(item)

    def before_update(self, db: Session, viewer: Viewer, item: GenericDocument, now: datetime):
        check_generic_document(item)


SESSIONS = SessionResource(ExamSession)
GENERIC_DOCUMENTS = GenericDocumentResource(GenericDocument)
SESSION_PRICES = SessionPriceResource(SessionPrice)
SESSION_EXAMINERS = SessionExaminerResource(SessionExaminer)
