"""Supporting documents of requests: checked type and size, stored outside the web root."""
from __future__ import annotations

import secrets
from datetime import datetime
from pathlib import Path

from flask_babel import lazy_gettext as _l
from werkzeug.utils import secure_filename

from app.models.requests import ExamRequest, RequestDocument
from app.services.errors import DomainError
from app.services.requests import add_note

DOCUMENT_TYPES = {".pdf": b"%PDF", ".png": b"\x89PNG", ".jpg": b"\xff\xd8", ".jpeg": b"\xff\xd8"}
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
SEPARATOR = "_sep_"


def check_document(filename: str, head: bytes, size: int) -> str:
    """The extension of an acceptable document; raises DomainError naming the problem."""
    ext = Path(filename or "").suffix.lower()
    if ext not in DOCUMENT_TYPES:
        raise DomainError(_l("This type of file is not accepted (accepted: %(types)s).",
                             types=", ".join(sorted(DOCUMENT_TYPES))))
    if not head.startswith(DOCUMENT_TYPES[ext]):
        raise DomainError(_l("The file content does not match its extension."))
    if size > MAX_DOCUMENT_BYTES:
        raise DomainError(_l("The file is too large (at most %(mb)d MB).",
                             mb=MAX_DOCUMENT_BYTES // (1024 * 1024)))
    return ext


def store_file(folder: str, filename: str, data: bytes) -> str:
    """Check and write `data` under a random prefix; return the stored name."""
    check_document(filename, data[:8], len(data))
    safe = secure_filename(filename) or "document"
    stored = f"{secrets.token_hex(8)}{SEPARATOR}{safe}"
    Path(folder).mkdir(parents=True, exist_ok=True)
    (Path(folder) / stored).write_bytes(data)
    return stored


def attach(item: ExamRequest, folder: str, filename: str, data: bytes, actor_id: int | None,
           now: datetime) -> RequestDocument:
    """Attach a supporting document to the request and record it in its history."""
    stored = store_file(folder, filename, data)
    document = RequestDocument(document=stored, uploaded_at=now, uploaded_by_id=actor_id)
    item.documents.append(document)
    add_note(item, actor_id, now, "document", document.filename)
    return document


def resolve(folder: str, stored: str) -> Path | None:
    """The stored file's path, only if it lies inside the upload folder."""
    base = Path(folder).resolve()
    path = (base / stored).resolve()
    return path if base in path.parents and path.is_file() else None
