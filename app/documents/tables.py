"""Rows of cells as CSV (';', UTF-8 BOM) or xlsx (write-only), behind the one formula guard.

Every CSV and xlsx the application writes goes through `cell_value`: a text cell that a
spreadsheet would run as a formula (starting with = + - @, tab or CR) is prefixed with a quote.
In xlsx, dates, date-times and numbers are typed cells carrying the sheet's locale format
(`number_formats`), so a spreadsheet sorts and sums them.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
Progress = Callable[[int], None] | None


def neutralise(value):
    """A text a spreadsheet would evaluate as a formula is prefixed with a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def cell_value(value):
    """Numbers and dates stay what they are; everything else becomes neutralised text."""
    if value is None:
        return ""
    if isinstance(value, (int, float, Decimal, date)) and not isinstance(value, bool):
        return value
    return neutralise(str(value))


@dataclass
class Sheet:
    """One sheet of a workbook: its title, its header row and its rows (any iterable)."""

    title: str
    headers: list
    rows: Iterable[list]
    locale: str = "fr"


# Excel number format codes ('.' decimal and ',' grouping are shown with the reader's own
# separators); the order of day and month follows the language of the export.
DATE_FORMATS = {"fr": "DD/MM/YYYY", "en": "MM/DD/YYYY"}


def number_formats(locale: str) -> dict[str, str]:
    """The xlsx number formats of a locale: date, datetime, integer, decimal."""
    day = DATE_FORMATS.get(str(locale)[:2], DATE_FORMATS["fr"])
    return {"date": day, "datetime": f"{day} HH:MM", "integer": "#,##0", "float": "General"}


def _format_of(value, formats: dict[str, str]) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return formats["datetime"]
    if isinstance(value, date):
        return formats["date"]
    if isinstance(value, int):
        return formats["integer"]
    if isinstance(value, Decimal):  # as many decimals as the column's scale: 25,50
        places = max(0, -value.as_tuple().exponent) if value.is_finite() else 0
        return "#,##0" + ("." + "0" * places if places else "")
    if isinstance(value, float):
        return formats["float"]
    return None


def _xlsx_row(out, row: list, formats: dict[str, str]) -> list:
    cells = []
    for value in row:
        value = cell_value(value)
        number_format = _format_of(value, formats)
        if number_format is None:
            cells.append(value)
            continue
        cell = WriteOnlyCell(out, value=value.replace(tzinfo=None)
                             if isinstance(value, datetime) else value)
        cell.number_format = number_format
        cells.append(cell)
    return cells


def counted(rows: Iterable[list], progress: Progress, every: int = 1000) -> Iterator[list]:
    """The rows, telling `progress` how many went by (every `every` rows, then the total)."""
    count = 0
    for row in rows:
        count += 1
        if progress is not None and count % every == 0:
            progress(count)
        yield row
    if progress is not None:
        progress(count)


def csv_chunks(headers: list, rows: Iterable[list], progress: Progress = None,
               batch: int = 200) -> Iterator[str]:
    """The CSV text in chunks: BOM and header first, then `batch` rows at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow([cell_value(h) for h in headers])
    for index, row in enumerate(counted(rows, progress), start=1):
        writer.writerow([cell_value(v) for v in row])
        if index % batch == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def csv_bytes(headers: list, rows: Iterable[list]) -> bytes:
    return "".join(csv_chunks(headers, rows)).encode("utf-8")


def write_csv(path: Path, headers: list, rows: Iterable[list], progress: Progress = None) -> None:
    with open(path, "w", encoding="utf-8", newline="") as out:
        for chunk in csv_chunks(headers, rows, progress):
            out.write(chunk)


def write_xlsx(target, *sheets: Sheet, progress: Progress = None) -> None:
    """Rows are appended to write-only sheets (constant memory) and saved to `target` (a path
    or a binary file); `progress` counts the rows of the first sheet."""
    workbook = Workbook(write_only=True)
    for number, sheet in enumerate(sheets):
        out = workbook.create_sheet(title=sheet_title(sheet.title))
        formats = number_formats(sheet.locale)
        out.append([cell_value(h) for h in sheet.headers])
        for row in counted(sheet.rows, progress if number == 0 else None):
            out.append(_xlsx_row(out, row, formats))
    workbook.save(target)


def xlsx_bytes(*sheets: Sheet) -> bytes:
    out = io.BytesIO()
    write_xlsx(out, *sheets)
    return out.getvalue()


def sheet_title(title: str) -> str:
    """A title Excel accepts: no []:*?/\\ and at most 31 characters."""
    cleaned = "".join(c for c in str(title) if c not in "[]:*?/\\")
    return (cleaned or "Export")[:31]
