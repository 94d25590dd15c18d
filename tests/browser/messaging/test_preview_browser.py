"""An image sent in a conversation is previewed in the other browser: the picture shows in the
thread (loaded from the preview URL, inline) and opens on its own in a new tab."""
from __future__ import annotations

import struct
import zlib

from tests.browser.conftest import screenshot
from tests.browser.messaging.test_chat_browser import _conversation_id, _open


def _png(width: int, height: int) -> bytes:
    """A real red PNG, written with the standard library."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


PNG = _png(8, 8)


def test_an_image_sent_by_the_centre_is_previewed_by_support(page_as, live_server, tmp_path):
    conv = _conversation_id(live_server)
    manager, support = page_as("paris.manager"), page_as("support")
    _open(manager, conv)
    _open(support, conv)
    image = tmp_path / "plan-salle.png"
    image.write_bytes(PNG)
    manager.fill("#chat-input", "Le plan de la salle")
    manager.set_input_files("#chat-file", str(image))
    manager.click("#chat-send")
    manager.wait_for_load_state("networkidle")
    preview = support.locator("#chat-thread li", has_text="Le plan de la salle").locator(
        "img.chat-preview")
    preview.wait_for()
    support.wait_for_timeout(300)
    assert preview.evaluate("img => img.complete && img.naturalWidth") == 8
    screenshot(support, "chat-image-preview")
    with support.context.expect_page() as opened:
        preview.click()
    tab = opened.value
    tab.wait_for_load_state()
    assert tab.url.endswith("/preview")
