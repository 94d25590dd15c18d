"""Chat attachments: type and size checks, storage outside the web root, scoped reads."""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.centres import ExamUser
from app.models.messaging import ChatAttachment
from app.security.scope import Viewer
from app.services.errors import ValidationFailed
from app.services.messaging.chat import (
    ConversationNotFound,
    get_conversation,
    post_message,
    send_message,
)
from app.services.messaging.notes import may_see_notes

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ALLOWED = {
    "pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
    "txt": "text/plain", "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}
# First bytes of the binary types: the extension alone is not trusted.
MAGIC = {"pdf": (b"%PDF",), "png": (b"\x89PNG",), "jpg": (b"\xff\xd8",), "jpeg": (b"\xff\xd8",),
         "xlsx": (b"PK",), "docx": (b"PK",), "odt": (b"PK",)}


@dataclass(frozen=True)
class Upload:
    filename: str
    data: bytes


def check_upload(upload: Upload, max_bytes: int = MAX_ATTACHMENT_BYTES) -> tuple[str, str]:
    """(safe file name, content type); raises ValidationFailed for a forbidden type or size."""
    name = Path((upload.filename or "").replace("\\", "/")).name.strip()[:200]
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    errors = {}
    if ext not in ALLOWED or not upload.data[:8].startswith(MAGIC.get(ext, (b"",))):
        errors["file"] = _l("has a forbidden type (allowed: %(types)s).",
                            types=", ".join(sorted(ALLOWED)))
    elif not upload.data:
        errors["file"] = _l("is empty.")
    elif len(upload.data) > max_bytes:
        errors["file"] = _l("is too large (%(max)d MB at most).", max=max_bytes // (1024 * 1024))
    if errors:
        raise ValidationFailed(_l("The file was refused:"), errors, {"file": name or "?"})
    return name, ALLOWED[ext]


def attach(session: Session, viewer: Viewer, user: ExamUser, conversation_id, body: str,
           client_id, upload: Upload, folder: Path, now: datetime, internal=False):
    """Store a message carrying one file; returns (message, created). The file is checked
    before anything is stored, so a refusal leaves nothing half-stored.

    Raises ConversationNotFound, ValidationFailed.
    """
    get_conversation(session, viewer, conversation_id)
    name, ctype = check_upload(upload)
    message, created = post_message(session, viewer, user, conversation_id, body, client_id,
                                    now, allow_empty=True, internal=internal)
    if not created:
        return message, False
    stored = secrets.token_hex(16)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / stored).write_bytes(upload.data)
    session.add(ChatAttachment(message=message, filename=name, content_type=ctype,
                               size=len(upload.data), stored_name=stored))
    session.flush()
    session.refresh(message)
    return message, True


def send_file(session: Session, viewer: Viewer, user: ExamUser, conversation_id, body: str,
              client_id, upload: Upload, folder: Path, now: datetime, internal=False):
    """A message with its file as one use-case (see attach and send_message)."""
    return send_message(session, viewer, user, conversation_id, body, client_id, now,
                        internal=internal,
                        store=lambda: attach(session, viewer, user, conversation_id, body,
                                             client_id, upload, folder, now, internal))


def find_attachment(session: Session, viewer: Viewer, attachment_id: int,
                    folder: Path) -> tuple[ChatAttachment, Path]:
    """The attachment and its file, for a participant who may read its message (a staff
    note's file for staff only); raises ConversationNotFound."""
    attachment = session.scalar(select(ChatAttachment).where(ChatAttachment.id == attachment_id))
    if attachment is None or (attachment.message.internal and not may_see_notes(viewer)):
        raise ConversationNotFound(_l("Unknown attachment."))
    get_conversation(session, viewer, attachment.message.conversation_id)
    path = (folder / attachment.stored_name).resolve()
    if folder.resolve() not in path.parents or not path.is_file():
        raise ConversationNotFound(_l("Unknown attachment."))
    return attachment, path


def attachment_folder(instance_path: str) -> Path:
    """Under the instance folder, never under static/."""
    return Path(instance_path) / "chat_attachments"
