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
from markupsafe import Markup, escape
from pypdf import PageObject, PdfReader, PdfWriter
from reportlab.pdfbase.pdfmetrics import stringWidth
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
    context.setdefault("table_layout", table_layout)
    context.setdefault("wrap_cell", wrap_cell)
    if rows is None:
        yield html_to_pdf(render_template(template, **context))
        return
    for number, page in enumerate(pages_of(rows, per_page), start=1):
        yield html_to_pdf(render_template(template, rows=page, first=number == 1, **context))


# -- tables whose cells stay in their column ---------------------------------------------------
# xhtml2pdf (ReportLab) breaks lines at spaces only: a long e-mail ran over the next columns.
# Each column gets a width for its content (measured in the font's metrics), and each word too
# wide for its column is cut into lines that fit, after a "." "@" "-" "_" or "/" when it can.
USABLE_WIDTH = {"landscape": 770.0, "portrait": 520.0}  # points: A4 less the base's margins
CELL_PADDING, MAX_COLUMN, FONT, BOLD = 10.0, 220.0, "Helvetica", "Helvetica-Bold"
BREAK_AFTER = ".@-_/"


def _width(text: str, font_pt: float, font: str = FONT) -> float:
    return stringWidth(text, font, font_pt)


def column_widths(headers: list, rows: list, usable: float, font_pt: float) -> list[float]:
    """Points of each column: its widest cell (capped), at least its header's widest word,
    scaled to the usable width."""
    needs = []
    for index, header in enumerate(headers):
        widest = max((_width(str(row[index]), font_pt) for row in rows
                      if index < len(row) and row[index] is not None), default=0.0)
        word = max((_width(w, font_pt, BOLD) for w in str(header).split()), default=0.0)
        needs.append(max(min(widest, MAX_COLUMN), word) + CELL_PADDING)
    return share_width(needs, usable)


def share_width(needs: list[float], usable: float) -> list[float]:
    """Every column its need when they all fit (the rest shared out); otherwise the narrow
    columns keep their need and the wide ones share what is left, in proportion."""
    total = sum(needs) or 1.0
    if total <= usable:
        return [need * usable / total for need in needs]
    widths, open_ = list(needs), set(range(len(needs)))
    remaining = usable
    while open_:
        fair = remaining / len(open_)
        narrow = {i for i in open_ if needs[i] <= fair}
        if not narrow:
            break
        open_ -= narrow
        remaining -= sum(needs[i] for i in narrow)
    wide = sum(needs[i] for i in open_) or 1.0
    for i in open_:
        widths[i] = needs[i] * remaining / wide
    return widths


def cut_word(word: str, room: float, font_pt: float) -> list[str]:
    """`word` in pieces no wider than `room` points, cut after a separator when possible."""
    pieces = []
    while len(word) > 1 and _width(word, font_pt) > room:
        fits = 1
        while fits < len(word) and _width(word[:fits + 1], font_pt) <= room:
            fits += 1
        cut = max((i + 1 for i, ch in enumerate(word[:fits]) if ch in BREAK_AFTER),
                  default=fits)
        pieces.append(word[:cut])
        word = word[cut:]
    return pieces + [word]


def wrap_cell(value, room: float, font_pt: float = 9.0) -> Markup:
    """The cell's text, escaped, with a line break inside each word wider than `room`."""
    return Markup(" ").join(
        Markup("<br/>").join(escape(p) for p in cut_word(w, room, font_pt))
        for w in str(value).split(" "))


def table_layout(headers: list, rows: list, orientation: str = "landscape",
                 font_pt: float = 9.0) -> dict:
    """{"widths": [percent of each column], "rooms": [points a line of each column holds]}
    for documents/table.html."""
    usable = USABLE_WIDTH.get(orientation, USABLE_WIDTH["portrait"])
    widths = column_widths(headers, rows, usable, font_pt)
    return {"widths": [round(100.0 * w / usable, 2) for w in widths],
            "rooms": [max(w - CELL_PADDING, 1.0) for w in widths]}


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
