"""Candidate rows as resources: candidates (screen and API) and registrations."""
from __future__ import annotations

from datetime import datetime

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from app.models.candidates import Candidate, Registration
from app.security.scope import Viewer
from app.services.candidates import candidates, registrations
from app.services.errors import ValidationFailed
from app.services.resources import Resource


class CandidateResource(Resource):
    """Every field checked at once, no second record of the same person in a centre.

    The screen's creation form carries a password and its confirmation (step 2, required)
    and the choice to e-mail the login: they arrive as the row's `password`,
    `password_confirm` and `send_login` attributes; a candidate given a login has every
    "(obligatoire)" field (WITH_LOGIN). The API creates candidates without a login."""

    def before_create(self, db: Session, viewer: Viewer, item: Candidate, now: datetime):
        asks_login = "password" in vars(item)
        password = getattr(item, "password", None)
        errors = candidates.password_errors(password, asks_login,
                                            getattr(item, "password_confirm", None))
        required = candidates.WITH_LOGIN if asks_login else candidates.REQUIRED
        candidates.prepare_candidate(db, item, errors, required)
        candidates.set_password(item, password)

    def after_create(self, db: Session, viewer: Viewer, item: Candidate, now: datetime):
        if getattr(item, "send_login", False):
            candidates.send_login(db, item, str(get_locale() or "fr"))

    def before_update(self, db: Session, viewer: Viewer, item: Candidate, now: datetime):
        candidates.prepare_candidate(db, item)


class RegistrationResource(Resource):
    """A registration is checked against its session (open, deadline, places, centre) and is
    never deleted: the candidate is marked withdrawn. The form's component choice arrives as
    `components_choice` ("CE, EO")."""

    def before_create(self, db: Session, viewer: Viewer, item: Registration, now: datetime):
        missing = {name: _l("is required.") for name in ("session", "candidate")
                   if getattr(item, name) is None}
        if missing:
            raise ValidationFailed(_l("Choose a session and a candidate."), missing)
        choice = getattr(item, "components_choice", None)
        codes = choice.split(",") if choice else None
        registrations.fill_registration(db, item, item.session, item.candidate, now, codes)

    def before_delete(self, db: Session, viewer: Viewer, item: Registration, now: datetime):
        registrations.check_deletable(item)


CANDIDATES = CandidateResource(Candidate)
REGISTRATIONS = RegistrationResource(Registration)
