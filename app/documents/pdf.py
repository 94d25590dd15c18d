"""HTML to PDF with xhtml2pdf: only local static files may be referenced, never URLs."""
from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from xhtml2pdf import pisa

STATIC = Path(__file__).resolve().parent.parent / "static"


def local_only(uri: str, rel: str | None = None) -> str:
    """xhtml2pdf link_callback: resolve /static/... inside app/static; refuse anything else."""
    if uri.startswith("/static/"):
        path = (STATIC / uri[len("/static/"):]).resolve()
        if STATIC in path.parents and path.is_file():
            return str(path)
    return ""


def html_to_pdf(html: str) -> bytes:
    out = io.BytesIO()
    status = pisa.CreatePDF(html, dest=out, encoding="utf-8", link_callback=local_only)
    if status.err:
        raise RuntimeError("PDF rendering failed")
    return out.getvalue()


def merge_pdfs(parts: Iterable[bytes]) -> bytes:
    """Concatenate PDF documents page after page."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for part in parts:
        writer.append(io.BytesIO(part))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


class _Sink:
    """A write-only file object whose written bytes are collected and drained by the zipper."""

    def __init__(self):
        self.chunks: list[bytes] = []
        self.offset = 0

    def write(self, data: bytes) -> int:
        self.chunks.append(bytes(data))
        self.offset += len(data)
        return len(data)

    def tell(self) -> int:
        return self.offset

    def flush(self) -> None:
        return None

    def drain(self) -> bytes:
        data, self.chunks = b"".join(self.chunks), []
        return data


def stream_zip(files: Iterable[tuple[str, Callable[[], bytes]]]) -> Iterator[bytes]:
    """Yield a zip archive chunk by chunk; each file's bytes are produced only when reached."""
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, build in files:
            archive.writestr(name, build())
            yield sink.drain()
    yield sink.drain()
