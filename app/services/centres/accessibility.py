"""Accessibility settings per user: the allowed choices, reading, saving and the page's CSS classes."""
from __future__ import annotations

from collections.abc import Mapping

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.centres import UserSetting
from app.services.errors import ValidationFailed
from app.services.writes import use_case

CHOICES: dict[str, dict[str, object]] = {
    "contrast": {"normal": _l("Normal contrast"), "high": _l("High contrast")},
    "font_size": {"normal": _l("Normal text"), "large": _l("Large text"),
                  "larger": _l("Very large text")},
    "line_spacing": {"normal": _l("Normal spacing"), "wide": _l("Wide spacing"),
                     "wider": _l("Very wide spacing")},
    "text_align": {"left": _l("Left-aligned"), "justify": _l("Justified")},
}
LABELS = {"contrast": _l("Contrast"), "font_size": _l("Font size"),
          "line_spacing": _l("Line spacing"), "text_align": _l("Text justification")}
DEFAULTS = {field: next(iter(options)) for field, options in CHOICES.items()}


def settings_of(session: Session, user_id: int | None) -> dict[str, str]:
    """The user's choices, the defaults for anything not chosen (or an anonymous visitor)."""
    return settings_from(_row(session, user_id) if user_id else None)


def settings_from(row: UserSetting | None) -> dict[str, str]:
    """The choices of a user's settings row (`ExamUser.setting`, loaded with the user)."""
    if row is None:
        return dict(DEFAULTS)
    return {field: getattr(row, field) for field in CHOICES}


@use_case
def save_settings(session: Session, user_id: int, values: Mapping[str, str]) -> dict[str, str]:
    """Store the choices; a value outside CHOICES refuses the whole form, naming each field."""
    errors = {field: _l("is not an allowed value") for field in CHOICES
              if values.get(field, DEFAULTS[field]) not in CHOICES[field]}
    if errors:
        raise ValidationFailed(_l("Please correct these fields:"), errors, LABELS)
    row = _row(session, user_id)
    if row is None:
        row = UserSetting(user_id=user_id)
        session.add(row)
    for field in CHOICES:
        setattr(row, field, values.get(field, DEFAULTS[field]))
    session.flush()
    return settings_of(session, user_id)


def body_classes(settings: Mapping[str, str]) -> str:
    """CSS classes for <body>: nothing for a default choice, e.g. `a11y-contrast-high`."""
    return " ".join(f"a11y-{field.replace('_', '-')}-{value}"
                    for field, value in settings.items() if value != DEFAULTS.get(field))


def _row(session: Session, user_id: int) -> UserSetting | None:
    return session.scalar(select(UserSetting).where(UserSetting.user_id == user_id))
