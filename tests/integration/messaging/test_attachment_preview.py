"""Attachment preview: an image or a PDF is shown inline to participants, with its own type,
no sniffing and a sandboxing policy; a text file is never shown inline (download only); a
non-participant gets 404; the conversation page shows the image."""
from __future__ import annotations

import base64
import io

from tests.integration.messaging.test_pages import PDF

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")


def _attach(client, conv, data: bytes, name: str) -> int:
    response = client.post(f"/chat/conversation/{conv}/send",
                           headers={"Accept": "application/json"},
                           data={"body": name, "client_id": f"prev-{name}",
                                 "csrf_token": client.csrf, "file": (io.BytesIO(data), name)},
                           content_type="multipart/form-data")
    assert response.status_code == 200, response.text
    return response.json["attachments"][0]["id"]


def test_images_and_pdfs_preview_inline_with_safe_headers(login_as, conversation_id):
    conv = conversation_id()
    manager = login_as("paris.manager")
    support = login_as("support")
    for data, name, mimetype in ((PNG, "plan.png", "image/png"),
                                 (PDF, "pv.pdf", "application/pdf")):
        pk = _attach(manager, conv, data, name)
        shown = support.get(f"/chat/attachment/{pk}/preview")
        assert shown.status_code == 200 and shown.data == data
        assert shown.mimetype == mimetype
        assert shown.headers["Content-Disposition"].startswith("inline")
        assert shown.headers["X-Content-Type-Options"] == "nosniff"
        csp = shown.headers["Content-Security-Policy"]
        assert "sandbox" in csp and "default-src 'none'" in csp and "script-src" not in csp
        assert login_as("lyon.manager").get(f"/chat/attachment/{pk}/preview").status_code == 404
    page = support.get(f"/chat/conversation/{conv}").text
    assert 'class="chat-preview"' in page and "/preview" in page


def test_a_text_file_is_never_shown_inline(login_as, conversation_id):
    conv = conversation_id()
    manager = login_as("paris.manager")
    pk = _attach(manager, conv, b"<script>alert(1)</script>", "notes.txt")
    assert manager.get(f"/chat/attachment/{pk}/preview").status_code == 404
    download = manager.get(f"/chat/attachment/{pk}")
    assert download.headers["Content-Disposition"].startswith("attachment")
