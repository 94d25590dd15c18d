"""Safe reading of uploaded xlsx files: size, zip-bomb and type checks before openpyxl parses."""
from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager

import defusedxml  # noqa: F401  (openpyxl parses with defusedxml when it is installed)
from flask_babel import lazy_gettext as _l
from openpyxl import load_workbook

from app.services.errors import DomainError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 200
MAX_RATIO = 200  # a real sheet compresses ~10:1; bombs compress 1000:1
REQUIRED_MEMBERS = ("[Content_Types].xml", "xl/workbook.xml")


def check_upload(data: bytes) -> None:
    """Raises DomainError unless `data` looks like a genuine, reasonably sized xlsx."""
    if not data:
        raise DomainError(_l("The file is empty."))
    if len(data) > MAX_UPLOAD_BYTES:
        raise DomainError(_l("The file is too large (%(size)s MB, at most %(max)s MB)."),
                          size=round(len(data) / 1048576, 1), max=MAX_UPLOAD_BYTES // 1048576)
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise DomainError(_l("The file is not an Excel xlsx workbook."))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        names = {m.filename for m in members}
        if any(name not in names for name in REQUIRED_MEMBERS):
            raise DomainError(_l("The file is not an Excel xlsx workbook."))
        if len(members) > MAX_MEMBERS:
            raise DomainError(_l("The workbook has too many parts (%(count)s)."),
                              count=len(members))
        total = sum(m.file_size for m in members)
        if total > MAX_UNCOMPRESSED_BYTES or any(
                m.compress_size and m.file_size / m.compress_size > MAX_RATIO
                and m.file_size > 1024 * 1024 for m in members):
            raise DomainError(_l("The workbook expands to too much data once unpacked: "
                                 "it is refused."))


@contextmanager
def open_workbook(data: bytes):
    """The checked workbook, read-only (formulas come back as their text, '=…'), then closed."""
    check_upload(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types on a damaged file
        raise DomainError(_l("The workbook cannot be read: %(reason)s"),
                          reason=str(exc)[:200]) from exc
    try:
        yield workbook
    finally:
        workbook.close()


def sheet_rows(workbook, index: int) -> Iterator[tuple]:
    """The value tuples of one sheet (nothing when the sheet does not exist)."""
    if index < len(workbook.worksheets):
        yield from workbook.worksheets[index].iter_rows(values_only=True)
