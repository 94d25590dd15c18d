"""The zip streamer: members built only when reached, the archive sent chunk by chunk."""
from __future__ import annotations

import io
import zipfile

from app.documents.archive import stream_zip


def test_members_are_built_when_the_archive_reaches_them():
    built = []

    def member(name):
        def build():
            built.append(name)
            return f"contenu {name}".encode()
        return build

    chunks = stream_zip((n, member(n)) for n in ("a.pdf", "b.pdf"))
    first = next(chunks)
    assert built == ["a.pdf"] and first.startswith(b"PK")
    data = first + b"".join(chunks)
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.namelist() == ["a.pdf", "b.pdf"] and built == ["a.pdf", "b.pdf"]
    assert archive.read("b.pdf") == b"contenu b.pdf"


def test_plain_bytes_members_and_an_empty_archive():
    data = b"".join(stream_zip([("Élodie.txt", b"oui")]))
    assert zipfile.ZipFile(io.BytesIO(data)).read("Élodie.txt") == b"oui"
    assert zipfile.ZipFile(io.BytesIO(b"".join(stream_zip([])))).namelist() == []
