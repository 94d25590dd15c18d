"""Password complexity rule, used by every form and API that sets a password."""
from __future__ import annotations

import re

from flask_appbuilder.exceptions import PasswordComplexityValidationError
from flask_babel import lazy_gettext as _l

MIN_LENGTH = 12


def password_problems(password: str | None) -> list:
    password = password or ""
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(_l("at least %(n)d characters", n=MIN_LENGTH))
    if not re.search(r"[a-z]", password):
        problems.append(_l("a lowercase letter"))
    if not re.search(r"[A-Z]", password):
        problems.append(_l("an uppercase letter"))
    if not re.search(r"\d", password):
        problems.append(_l("a digit"))
    if not re.search(r"[^A-Za-z0-9]", password):
        problems.append(_l("a special character"))
    return problems


def check_password_complexity(password: str | None) -> None:
    """Raise PasswordComplexityValidationError naming every missing requirement."""
    problems = password_problems(password)
    if problems:
        raise PasswordComplexityValidationError(
            str(_l("The password must contain %(list)s.", list=", ".join(str(p) for p in problems)))
        )
