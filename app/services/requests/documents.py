"""Supporting documents of requests: stored with the upload rules of app/services/uploads.py."""
from __future__ import annotations

from datetime import datetime

from app.models.requests import ExamRequest, RequestDocument
from app.services.requests.states import add_note
from app.services.uploads import resolve_upload as resolve
from app.services.uploads import store_document as store_file

__all__ = ["attach", "resolve", "store_file"]


def attach(item: ExamRequest, folder: str, filename: str, data: bytes, actor_id: int | None,
           now: datetime) -> RequestDocument:
    """Attach a supporting document to the request and record it in its history."""
    stored = store_file(folder, filename, data)
    document = RequestDocument(document=stored, uploaded_at=now, uploaded_by_id=actor_id)
    item.documents.append(document)
    add_note(item, actor_id, now, "document", document.filename)
    return document
