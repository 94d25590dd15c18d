"""Domain exceptions carrying a translatable message, shown the same way by every entry point."""
from __future__ import annotations


class DomainError(Exception):
    """A rule refused the operation; `message` is a lazy_gettext string in the user's language."""

    def __init__(self, message, **params):
        self.message = message
        self.params = params
        super().__init__(str(message))

    def __str__(self) -> str:
        text = str(self.message)
        return text % self.params if self.params else text


class ValidationFailed(DomainError):
    """Several fields are wrong: `errors` maps each field to its message."""

    def __init__(self, message, errors: dict[str, object], labels: dict | None = None):
        super().__init__(message)
        self.errors = errors
        self.labels = labels or {}

    def __str__(self) -> str:
        details = "; ".join(f"{self.labels.get(field, field)} {msg}"
                            for field, msg in self.errors.items())
        return f"{self.message} {details}".strip()


class ConflictError(DomainError):
    """The record was changed by someone else since it was read (optimistic locking)."""


class NotAllowed(DomainError):
    """The user may not do this."""


class InvalidToken(DomainError):
    """A password link that is unknown, used or expired."""


class NotFound(DomainError):
    """The row does not exist or lies outside the viewer's scope (answered like a 404)."""


class VersionRequired(DomainError):
    """A write of a versioned row came without the version it was read at."""


class ConstraintViolated(ValidationFailed):
    """The database refused the change (a duplicate, a missing value): `errors` names the
    columns when the database says which."""


class StatementFailed(DomainError):
    """The database could not run a statement (a read outside a use-case); the session was
    rolled back."""
