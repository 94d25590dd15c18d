"""Download names and the Content-Disposition header: accented names survive (RFC 6266)."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pytest
from flask import Flask
from werkzeug.http import parse_options_header

from app.documents.files import ascii_name, content_disposition, download


def test_an_ascii_name_is_sent_as_is():
    assert content_disposition("7000101_bon_commande.pdf") == \
        "attachment; filename=7000101_bon_commande.pdf"


def test_an_accented_name_has_an_ascii_fallback_and_the_utf8_name():
    header = content_disposition("Convocation L'Hôpital Lefèvre.pdf")
    assert header.startswith('attachment; filename="Convocation L\'Hopital Lefevre.pdf"; ')
    encoded = header.split("filename*=", 1)[1]
    assert encoded.startswith("UTF-8''")
    assert unquote(encoded[len("UTF-8''"):]) == "Convocation L'Hôpital Lefèvre.pdf"
    kind, options = parse_options_header(header)
    assert kind == "attachment" and options["filename"] == "Convocation L'Hôpital Lefèvre.pdf"


@pytest.mark.parametrize("hostile", ['a"b.pdf', "../../etc/passwd", "x\r\nSet-Cookie: a=b.pdf"])
def test_quotes_paths_and_line_breaks_cannot_escape_the_header(hostile):
    header = content_disposition(hostile)
    assert "\r" not in header and "\n" not in header and "/" not in header
    assert parse_options_header(header)[0] == "attachment"


def test_ascii_names_drop_accents_and_separators():
    assert ascii_name("LEFÈVRE") == "LEFEVRE"
    assert ascii_name("Anne-Sophie O'Neill") == "Anne-Sophie_O_Neill"


def test_bytes_chunks_and_stored_files_download_with_the_same_header(tmp_path: Path):
    app = Flask(__name__)
    stored = tmp_path / "stored.bin"
    stored.write_bytes(b"%PDF-stored")
    with app.test_request_context():
        answers = [download(b"%PDF-1", "Émargement.pdf"),
                   download(iter([b"PK", b"\x03\x04"]), "Dossier été.zip"),
                   download(stored, "Pièce jointe.pdf")]
        bodies = [b"".join(a.response) if not a.direct_passthrough else stored.read_bytes()
                  for a in answers]
    assert [a.mimetype for a in answers] == ["application/pdf", "application/zip",
                                             "application/pdf"]
    assert bodies == [b"%PDF-1", b"PK\x03\x04", b"%PDF-stored"]
    names = [parse_options_header(a.headers["Content-Disposition"])[1]["filename"]
             for a in answers]
    assert names == ["Émargement.pdf", "Dossier été.zip", "Pièce jointe.pdf"]
    for answer in answers:
        answer.close()
