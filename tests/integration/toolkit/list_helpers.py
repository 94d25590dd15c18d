"""Reading lists and exports back in tests: the cells shown, the cells exported."""
from __future__ import annotations

import csv
import html
import io
import re
from datetime import datetime

from babel.numbers import format_decimal
from openpyxl import load_workbook

TABLE = re.compile(r'<table class="[^"]*examdesk-list[^"]*"[^>]*data-columns="([^"]*)"(.*?)</table>',
                   re.S)


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split() and " ".join(
        html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split()) or ""


def list_table(page: str) -> tuple[list[str], list[list[str]]]:
    """(column names, rows of shown cells) of the list on an HTML page."""
    match = TABLE.search(page)
    if match is None:
        return [], []
    columns = [c for c in match.group(1).split(",") if c]
    body = match.group(2).split("</thead>", 1)[-1]
    rows = []
    for tr in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = [_text(td) for td in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
        rows.append(cells[-len(columns):] if columns else cells)
    return columns, rows


def list_headers(page: str) -> list[str]:
    match = TABLE.search(page)
    head = match.group(2).split("</thead>", 1)[0]
    cells = [_text(th) for th in re.findall(r"<th[^>]*>(.*?)</th>", head, re.S)]
    return [c for c in cells if c]


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "the CSV must start with a UTF-8 BOM"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def read_xlsx(data: bytes) -> list[list[str]]:
    """The cells as a French spreadsheet shows them: typed dates and numbers through their
    number format (DD/MM/YYYY, #,##0.00), text as it is."""
    ws = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    return [[_shown(cell) for cell in row] for row in ws.iter_rows()]


def _shown(cell) -> str:
    value, pattern = cell.value, getattr(cell, "number_format", "General")
    if isinstance(value, datetime):
        shown = value.strftime("%d/%m/%Y" if pattern.startswith("DD/MM") else "%m/%d/%Y")
        return shown + value.strftime(" %H:%M") if "HH:MM" in pattern else shown
    if isinstance(value, int | float) and not isinstance(value, bool) and pattern != "General":
        return format_decimal(value, format=pattern, locale="fr", decimal_quantization=True)
    return _plain(value)


def _plain(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def read_pdf_text(data: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def pdf_rows(data: bytes) -> list[list[str]]:
    import pdfplumber

    rows = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                rows += [[" ".join((c or "").split()) for c in row] for row in table]
    return rows
