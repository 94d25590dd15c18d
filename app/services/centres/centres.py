"""Centre rules: the settings a centre manager may edit and how each field is validated."""
from __future__ import annotations

import re
from zoneinfo import available_timezones

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from app.models.centres import Centre, PublicVisibility
from app.security.scope import Viewer
from app.services.centres.programmes import set_programmes
from app.services.errors import ValidationFailed
from app.services.locking import check_version
from app.services.writes import use_case

# What a centre manager edits on their own centre ("Paramètres centre" of the CIMA platform, docs/domain.md).
SETTINGS_FIELDS = (
    "name", "address", "postcode", "city", "country",
    "billing_address", "billing_postcode", "billing_city", "billing_country",
    "manager_role", "manager_last_name", "manager_first_name", "manager_email", "manager_phone",
    "timezone", "language", "public_visibility",
)
REQUIRED = ("name", "address", "postcode", "city", "country", "manager_last_name",
            "manager_first_name", "manager_email", "manager_phone", "timezone", "language")
BILLING = ("billing_address", "billing_postcode", "billing_city", "billing_country")
LABELS = {
    "name": _l("Name"), "address": _l("Address"), "postcode": _l("Postcode"),
    "city": _l("City"), "country": _l("Country"), "billing_address": _l("Billing address"),
    "billing_postcode": _l("Billing postcode"), "billing_city": _l("Billing city"),
    "billing_country": _l("Billing country"), "manager_role": _l("Manager's role"),
    "manager_last_name": _l("Manager's last name"),
    "manager_first_name": _l("Manager's first name"),
    "manager_email": _l("Manager's e-mail"), "manager_phone": _l("Manager's phone"),
    "timezone": _l("Time zone"), "language": _l("Language"),
    "public_visibility": _l("Visibility on the public site"),
}
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE_RE = re.compile(r"^\+?[0-9 .()-]{6,20}$")
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")


def check_centre_settings(data: dict[str, str]) -> dict[str, object]:
    """Every wrong or missing field with its reason (empty when all is well)."""
    clean = {k: (data.get(k) or "").strip() for k in SETTINGS_FIELDS}
    errors: dict[str, object] = {}
    for key in REQUIRED:
        if not clean[key]:
            errors[key] = _l("is required")
    if clean["manager_email"] and not EMAIL_RE.match(clean["manager_email"]):
        errors["manager_email"] = _l("is not a valid e-mail address")
    if clean["manager_phone"] and not PHONE_RE.match(clean["manager_phone"]):
        errors["manager_phone"] = _l("is not a valid phone number")
    for key in ("country", "billing_country"):
        if clean[key] and not COUNTRY_RE.match(clean[key].upper()):
            errors[key] = _l("must be a two-letter country code (e.g. FR)")
    for key, country in (("postcode", "country"), ("billing_postcode", "billing_country")):
        if clean[key] and clean[country].upper() == "FR" and not re.fullmatch(r"\d{5}", clean[key]):
            errors[key] = _l("must have 5 digits in France")
    if clean["timezone"] and clean["timezone"] not in available_timezones():
        errors["timezone"] = _l("is not a known time zone (e.g. Europe/Paris)")
    if clean["language"] and clean["language"] not in ("fr", "en"):
        errors["language"] = _l("must be fr or en")
    if clean["public_visibility"] and clean["public_visibility"] not in {
            v.value for v in PublicVisibility}:
        errors["public_visibility"] = _l("is not an allowed value")
    billing = [k for k in BILLING if clean[k]]
    if billing and len(billing) != len(BILLING):
        for key in BILLING:
            if not clean[key]:
                errors[key] = _l("is required when a billing address is given")
    return errors


@use_case(writes="centre")
def update_centre_settings(session: Session, viewer: Viewer, centre: Centre,
                           data: dict[str, str], read_version=None, programmes_run=None) -> Centre:
    """Apply a centre manager's settings to their own centre.

    Raises NotAllowed (another centre), ValidationFailed naming every bad field,
    VersionRequired without `read_version`, ConflictError if the centre changed since.
    """
    check_version(centre, read_version)
    errors = check_centre_settings(data)
    if errors:
        raise ValidationFailed(_l("Please correct these fields:"), errors, LABELS)
    for key in SETTINGS_FIELDS:
        value = (data.get(key) or "").strip() or None
        if key in ("country", "billing_country") and value:
            value = value.upper()
        if key == "public_visibility":
            value = PublicVisibility(value) if value else centre.public_visibility
        setattr(centre, key, value)
    if programmes_run is not None:
        set_programmes(centre, programmes_run)
    return centre
