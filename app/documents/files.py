"""Downloads: file names, the Content-Disposition header (RFC 6266) and the download response."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote

from flask import Response, send_file, stream_with_context
from werkzeug.http import dump_options_header

MIMETYPES = {
    "csv": "text/csv; charset=utf-8",
    "ics": "text/calendar; charset=utf-8",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
}
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\]+')


def ascii_name(text: str) -> str:
    """Letters and digits without accents, '-' kept, anything else '_' ("Lefèvre" → "Lefevre")."""
    plain = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return "".join(c if c.isalnum() or c == "-" else "_" for c in plain)


def file_name(stem: str, extension: str) -> str:
    """A download's name: the (translated) stem in plain ASCII, then the extension
    ("codes_accès_7000177", "pdf" → "codes_acces_7000177.pdf")."""
    return f"{ascii_name(stem)}.{extension}"


def content_disposition(filename: str, inline: bool = False) -> str:
    """`attachment; filename=…` and, for a name that is not ASCII, `filename*=UTF-8''…` too
    (RFC 6266 and RFC 5987): every browser saves "Convocation_Lefèvre.pdf" under that name."""
    name = _UNSAFE.sub("_", filename).strip() or "download"
    options = {"filename": name}
    try:
        name.encode("ascii")
    except UnicodeEncodeError:
        fallback = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        options = {"filename": fallback or "download",
                   "filename*": "UTF-8''" + quote(name, safe="!#$&+-.^_`|~")}
    return dump_options_header("inline" if inline else "attachment", options)


def mimetype_of(filename: str) -> str:
    return MIMETYPES.get(filename.rpartition(".")[2].lower(), "application/octet-stream")


def download(body: bytes | str | Iterable[bytes] | Path, filename: str,
             mimetype: str | None = None) -> Response:
    """The response that downloads `body` as `filename`: bytes or text, a stored file (a Path),
    or an iterator of chunks streamed while the request (and its database session) stays open.
    """
    mimetype = mimetype or mimetype_of(filename)
    if isinstance(body, Path):
        response = send_file(body, mimetype=mimetype, as_attachment=True, download_name=filename)
    elif isinstance(body, (bytes, str)):
        response = Response(body, mimetype=mimetype)
    else:
        response = Response(stream_with_context(body), mimetype=mimetype)
    response.headers["Content-Disposition"] = content_disposition(filename)
    return response


# Shown in the browser (images, PDFs), never anything a browser could run: served with their
# own type, no sniffing, and a sandboxing policy that lets the file itself do nothing.
PREVIEWABLE = frozenset({"image/png", "image/jpeg", "application/pdf"})
PREVIEW_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"


def preview(path: Path, filename: str, mimetype: str) -> Response | None:
    """The stored file shown inline, or None when its type is not one a browser may show."""
    if mimetype not in PREVIEWABLE:
        return None
    response = send_file(path, mimetype=mimetype, as_attachment=False, download_name=filename)
    response.headers["Content-Disposition"] = content_disposition(filename, inline=True)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = PREVIEW_CSP
    response.headers["Cache-Control"] = "private, no-store"
    return response
