"""Uploaded files: checked type and size, stored outside the web root under a safe name."""
from __future__ import annotations

import secrets
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l
from werkzeug.utils import secure_filename

from app.services.errors import DomainError

DOCUMENT_TYPES = {".pdf": b"%PDF", ".png": b"\x89PNG", ".jpg": b"\xff\xd8", ".jpeg": b"\xff\xd8"}
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
SEPARATOR = "_sep_"


def check_document(filename: str, head: bytes, size: int,
                   allowed: dict[str, bytes] = DOCUMENT_TYPES,
                   max_bytes: int = MAX_DOCUMENT_BYTES) -> str:
    """The extension of an acceptable document; raises DomainError naming the problem."""
    ext = Path(filename or "").suffix.lower()
    if ext not in allowed:
        raise DomainError(_l("This type of file is not accepted (accepted: %(types)s).",
                             types=", ".join(sorted(allowed))))
    if not head.startswith(allowed[ext]):
        raise DomainError(_l("The file content does not match its extension."))
    if size > max_bytes:
        raise DomainError(_l("The file is too large (at most %(mb)d MB).",
                             mb=max_bytes // (1024 * 1024)))
    return ext


IMAGE_TYPES = {".png": b"\x89PNG", ".jpg": b"\xff\xd8", ".jpeg": b"\xff\xd8"}


def store_document(folder: str, filename: str, data: bytes,
                   allowed: dict[str, bytes] = DOCUMENT_TYPES) -> str:
    """Check and store `data`; return the stored name (random prefix + original name)."""
    check_document(filename, data[:8], len(data), allowed)
    safe = secure_filename(filename) or "document"
    stored = f"{secrets.token_hex(8)}{SEPARATOR}{safe}"
    Path(folder).mkdir(parents=True, exist_ok=True)
    (Path(folder) / stored).write_bytes(data)
    return stored


def resolve_upload(folder: str, stored: str | None) -> Path | None:
    """The stored file's path, only if it lies inside the upload folder and exists."""
    if not stored:
        return None
    base = Path(folder).resolve()
    path = (base / stored).resolve()
    return path if base in path.parents and path.is_file() else None


def upload_folder() -> str:
    """Where uploaded documents are stored (the UPLOAD_FOLDER setting)."""
    return current_app.config["UPLOAD_FOLDER"]


def store_upload(upload, allowed: dict[str, bytes] = DOCUMENT_TYPES) -> str | None:
    """Store a file the user chose in a form (anything with `filename` and `read()`), or None
    when none was chosen. Raises DomainError for a refused file."""
    if upload is None or not getattr(upload, "filename", None):
        return None
    return store_document(upload_folder(), upload.filename, upload.read(), allowed)
