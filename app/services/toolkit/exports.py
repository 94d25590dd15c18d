"""Export writers: xlsx (openpyxl write-only), CSV (';' and a UTF-8 BOM), PDF (xhtml2pdf)."""
from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

from app.services.toolkit.listkit import neutralise

FORMATS = ("csv", "xlsx", "pdf")
MIMETYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
PDF_ROWS_PER_PAGE = 28
Progress = Callable[[int], None] | None


def cell_value(value):
    """Numbers stay numbers; everything else becomes neutralised text."""
    if value is None:
        return ""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return value
    return neutralise(str(value))


def _counted(rows: Iterable[list], progress: Progress, every: int = 1000) -> Iterator[list]:
    count = 0
    for row in rows:
        count += 1
        if progress is not None and count % every == 0:
            progress(count)
        yield row
    if progress is not None:
        progress(count)


def csv_chunks(headers: list[str], rows: Iterable[list], progress: Progress = None,
               batch: int = 200) -> Iterator[str]:
    """The CSV text in chunks: BOM and header first, then `batch` rows at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow([cell_value(h) for h in headers])
    for index, row in enumerate(_counted(rows, progress), start=1):
        writer.writerow([cell_value(v) for v in row])
        if index % batch == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def write_csv(path: Path, headers, rows, progress: Progress = None) -> None:
    with open(path, "w", encoding="utf-8", newline="") as out:
        for chunk in csv_chunks(headers, rows, progress):
            out.write(chunk)


def write_xlsx(target, headers: list[str], rows: Iterable[list], title: str,
               progress: Progress = None) -> None:
    """Rows are appended to a write-only sheet (constant memory) and saved to `target`."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=_sheet_title(title))
    ws.append([cell_value(h) for h in headers])
    for row in _counted(rows, progress):
        ws.append([cell_value(v) for v in row])
    wb.save(target)


def _sheet_title(title: str) -> str:
    cleaned = "".join(c for c in str(title) if c not in "[]:*?/\\")
    return (cleaned or "Export")[:31]


def pages_of(rows: Iterable[list], size: int | None = None) -> Iterator[list[list]]:
    size = size or PDF_ROWS_PER_PAGE
    page: list[list] = []
    for row in rows:
        page.append(["" if v is None else str(v) for v in row])
        if len(page) == size:
            yield page
            page = []
    if page:
        yield page


def write_pdf(target, render: Callable[[Iterator[list[list]]], str], rows: Iterable[list],
              link_callback: Callable, progress: Progress = None) -> None:
    """`render(pages)` gives the HTML: one small table per page keeps xhtml2pdf linear."""
    from xhtml2pdf import pisa

    html = render(pages_of(_counted(rows, progress)))
    result = pisa.CreatePDF(html, dest=target, encoding="utf-8", link_callback=link_callback)
    if result.err:
        raise RuntimeError("PDF generation failed")
