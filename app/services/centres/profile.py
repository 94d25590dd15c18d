"""The profile a user edits in the account area: names, phone and interface language (the
password has its own use case, which asks for the current one)."""
from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from app.models.centres import ExamUser
from app.services.errors import ValidationFailed
from app.services.writes import use_case

PHONE = re.compile(r"^\+?[0-9][0-9 .\-()]{5,30}$")
LABELS = {"first_name": _l("First name"), "last_name": _l("Last name"),
          "phone": _l("Phone"), "language": _l("Language")}


def check_profile(data: dict, languages) -> dict:
    """The cleaned profile; raises ValidationFailed naming every wrong field."""
    clean = {k: (data.get(k) or "").strip() for k in LABELS}
    errors = {}
    for name in ("first_name", "last_name"):
        if not clean[name]:
            errors[name] = _l("is required.")
        elif len(clean[name]) > 64:
            errors[name] = _l("is too long (64 characters at most).")
    if clean["phone"] and not PHONE.match(clean["phone"]):
        errors["phone"] = _l("is not a phone number (digits, spaces, + . - only).")
    if clean["language"] not in languages:
        errors["language"] = _l("Not a valid choice.")
    if errors:
        raise ValidationFailed(_l("Your profile was not saved."), errors, LABELS)
    return clean


@use_case
def update_profile(db: Session, user: ExamUser, data: dict, languages) -> ExamUser:
    """The user changes their own names, phone and language. Raises ValidationFailed."""
    clean = check_profile(data, languages)
    user.first_name, user.last_name = clean["first_name"], clean["last_name"]
    user.phone = clean["phone"] or None
    user.language = clean["language"]
    return user
