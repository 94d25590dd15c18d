"""Candidate rules: required fields, duplicate detection, login and the welcome e-mail."""
from __future__ import annotations

import re
import unicodedata
from datetime import date

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from app.models.candidates import Candidate
from app.services.candidates.reference_lists import normalise_codes, reference_errors
from app.services.clock import local_today
from app.services.errors import DomainError, ValidationFailed
from app.services.mail import queue_mail

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
REQUIRED = ("last_name", "first_name", "birth_date", "gender")
# A candidate given a login (the screen's creation, Le Robert's 5 steps) has the steps marked
# "(obligatoire)" complete: identity with the e-mail that is their login, and birth details.
WITH_LOGIN = REQUIRED + ("civility", "email", "birth_postcode", "birth_city", "birth_country",
                         "nationality")
LABELS = {"last_name": _l("Last name"), "first_name": _l("First name"),
          "birth_date": _l("Birth date"), "gender": _l("Gender"), "email": _l("E-mail"),
          "password": _l("Password"), "password_confirm": _l("Password confirmation"),
          "civility": _l("Civility"), "birth_postcode": _l("Birth postcode"),
          "birth_city": _l("Birth city"), "birth_country": _l("Birth country"),
          "nationality": _l("Nationality")}


def _fold(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return " ".join(plain.upper().split())


def dedup_key(last_name: str, first_name: str, birth_date: date) -> str:
    """The identity of a person within a centre: names without accents/case, birth date."""
    return f"{_fold(last_name)}|{_fold(first_name)}|{birth_date.isoformat()}"


def born_in_the_past(born: date) -> bool:
    """A birth date must be before today, the user's today (Paris) by the application's clock:
    the rule of every form, import and API that takes one."""
    return born < local_today()


def candidate_errors(item: Candidate, required: tuple[str, ...] = REQUIRED) -> dict:
    """{field: message} for every missing or malformed field, or value outside its list."""
    errors = reference_errors(item)
    for field in required:
        if getattr(item, field) in (None, ""):
            errors[field] = _l("is required.")
    if item.email and not EMAIL_RE.match(item.email):
        errors["email"] = _l("is not a valid e-mail address.")
    if item.birth_date and not born_in_the_past(item.birth_date):
        errors["birth_date"] = _l("must be in the past.")
    return errors


def check_candidate(item: Candidate, errors: dict | None = None,
                    required: tuple[str, ...] = REQUIRED) -> None:
    """Raises ValidationFailed listing every missing or malformed field (and `errors`)."""
    errors = {**candidate_errors(item, required), **(errors or {})}
    if errors:
        raise ValidationFailed(_l("The candidate is not valid:"), errors, LABELS)


def prepare_candidate(db: Session, item: Candidate, errors: dict | None = None,
                      required: tuple[str, ...] = REQUIRED) -> None:
    """Validate (with the caller's `errors`; `required` fields: WITH_LOGIN for a candidate
    given a login) and compute the duplicate key; refuses a second record of the same
    person."""
    normalise_codes(item)
    check_candidate(item, errors, required)
    item.dedup_key = dedup_key(item.last_name, item.first_name, item.birth_date)
    clash = db.scalar(select(Candidate.id).where(Candidate.centre_id == item.centre_id,
                                                 Candidate.dedup_key == item.dedup_key,
                                                 Candidate.id != (item.id or 0)))
    if clash:
        raise DomainError(_l("A candidate with the same names and birth date already exists "
                             "in your centre."))


def password_errors(password: str | None, required: bool, confirmation=None) -> dict:
    """The password's errors; a given `confirmation` must repeat it."""
    if not password:
        return {"password": _l("is required.")} if required else {}
    if len(password) < 8:
        return {"password": _l("must have at least 8 characters.")}
    if confirmation is not None and confirmation != password:
        return {"password_confirm": _l("does not repeat the password.")}
    return {}


def set_password(item: Candidate, password: str | None) -> None:
    """The candidate's login is their e-mail; the password is stored hashed only."""
    if not password:
        return
    errors = password_errors(password, required=True)
    if errors:
        raise ValidationFailed(_l("The candidate is not valid:"), errors, LABELS)
    method = current_app.config.get("FAB_PASSWORD_HASH_METHOD", "scrypt")
    item.password_hash = generate_password_hash(password, method=method)
    item.login = item.login or item.email


def send_login(db: Session, item: Candidate, language: str) -> None:
    """E-mail the candidate their login (never the password). Raises DomainError without e-mail."""
    if not item.email:
        raise DomainError(_l("The candidate has no e-mail address to send the login to."))

    def render():
        return (_l("Your ExamDesk candidate account"),
                _l("Hello %(name)s,\n\nYour login is: %(login)s\n\n%(centre)s",
                   name=item.first_name, login=item.login or item.email,
                   centre=item.centre.name if item.centre else ""))

    queue_mail(db, to=item.email, language=language, kind="candidate_login", render=render)
