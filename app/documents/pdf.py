"""The PDF kernel: an autoescaped template rendered page by page, merged, "Page x / y" stamped.

xhtml2pdf's time grows faster than the length of a document (one long table), so a document of
rows is rendered one page of rows at a time and the parts are merged. A page of rows may still
overflow onto a second sheet, so the page numbers are never written by the templates: once the
document is merged, every physical page gets "Page x / y" in its bottom-right corner.
Templates may only load files of app/static (`local_only`): never a URL.
"""
from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from pathlib import Path

from flask import render_template
from flask_babel import get_locale
from flask_babel import gettext as _
from pypdf import PageObject, PdfReader, PdfWriter
from reportlab.pdfgen.canvas import Canvas
from xhtml2pdf import pisa

STATIC = Path(__file__).resolve().parent.parent / "static"
LABEL_RIGHT, LABEL_BOTTOM, LABEL_SIZE = 34.0, 36.0, 8  # points: inside the templates' footer


def local_only(uri: str, rel: str | None = None) -> str:
    """xhtml2pdf link_callback: resolve /static/... inside app/static; refuse anything else."""
    if uri.startswith("/static/"):
        path = (STATIC / uri[len("/static/"):]).resolve()
        if STATIC in path.parents and path.is_file():
            return str(path)
    return ""


def html_to_pdf(html: str) -> bytes:
    """One xhtml2pdf run (no page numbers: see render_pdf)."""
    out = io.BytesIO()
    status = pisa.CreatePDF(html, dest=out, encoding="utf-8", link_callback=local_only)
    if status.err:
        raise RuntimeError("PDF rendering failed")
    return out.getvalue()


def pages_of(rows: Iterable, size: int) -> Iterator[list]:
    """Rows in pages of `size`; always at least one (empty) page, so the document says so."""
    page: list = []
    sent = False
    for row in rows:
        page.append(row)
        if len(page) == size:
            yield page
            page, sent = [], True
    if page or not sent:
        yield page


def render_pdf(template: str, rows: Iterable | None = None, per_page: int = 0,
               **context) -> bytes:
    """The template as a numbered PDF.

    With `rows`, the template is rendered once per page of `per_page` rows; it receives `rows`
    (that page's), `first` (the first page?) and the context. Without, it is rendered once.
    Every template receives `lang`.
    """
    writer = PdfWriter()
    for part in _parts(template, rows, per_page, context):
        writer.append(io.BytesIO(part))
    number_pages(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _parts(template: str, rows, per_page: int, context: dict) -> Iterator[bytes]:
    context.setdefault("lang", str(get_locale() or "fr"))
    if rows is None:
        yield html_to_pdf(render_template(template, **context))
        return
    for number, page in enumerate(pages_of(rows, per_page), start=1):
        yield html_to_pdf(render_template(template, rows=page, first=number == 1, **context))


def number_pages(writer: PdfWriter) -> None:
    """Stamp "Page x / y" (in the current language) on every page of `writer`."""
    total = len(writer.pages)
    for number, page in enumerate(writer.pages, start=1):
        box = page.mediabox
        page.merge_page(_label(float(box.width), float(box.height),
                               _("Page %(number)d / %(count)d", number=number, count=total)))


def _label(width: float, height: float, text: str) -> PageObject:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(width, height))
    canvas.setFont("Helvetica", LABEL_SIZE)
    canvas.drawRightString(width - LABEL_RIGHT, LABEL_BOTTOM, text)
    canvas.save()
    return PdfReader(out).pages[0]
