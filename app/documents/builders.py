"""Generic document builders: PDF (xhtml2pdf), CSV with ';', streamed zip archives."""
from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from flask import current_app, render_template
from xhtml2pdf import pisa

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _link_callback(uri: str, rel: str) -> str:
    """Resolve only files of the application's static folder; anything else is dropped."""
    static = Path(current_app.static_folder).resolve()
    name = uri.split("/static/", 1)[-1] if "/static/" in uri else uri
    path = (static / name.lstrip("/")).resolve()
    return str(path) if static in path.parents and path.is_file() else ""


def render_pdf(template: str, **context) -> bytes:
    html = render_template(template, **context)
    out = io.BytesIO()
    result = pisa.CreatePDF(html, dest=out, encoding="utf-8", link_callback=_link_callback)
    if result.err:
        raise RuntimeError(f"PDF rendering failed for {template}")
    return out.getvalue()


def safe_cell(value) -> str:
    """Neutralise cells a spreadsheet would run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_bytes(header: list, rows: Iterable[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(c) for c in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


class _Pipe(io.RawIOBase):
    """A write-only sink whose written bytes are taken out chunk by chunk."""

    def __init__(self):
        self.chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.chunks.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data, self.chunks = b"".join(self.chunks), []
        return data


def stream_zip(members: Iterable[tuple[str, bytes]]) -> Iterator[bytes]:
    """Yield a zip archive member by member (never the whole archive in memory)."""
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, mode="w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
            yield pipe.take()
    yield pipe.take()
