"""The sessions fragment of the French catalogue: complete for the area, placeholders intact."""
import re
from pathlib import Path

from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[3]
FRAGMENT = ROOT / "app/translations/fragments/sessions.po"
SOURCES = ["app/models/sessions.py", "app/models/candidates.py", "app/services/sessions/workflow.py",
           "app/services/candidates/registrations.py", "app/services/candidates/candidates.py",
           "app/services/candidates/imports.py", "app/services/candidates/import_columns.py",
           "app/services/candidates/xlsx_guard.py", "app/services/sessions/documents.py", "app/views/sessions/sessions.py",
           "app/views/candidates/candidates.py", "app/views/candidates/imports.py",
           "app/views/sessions/documents.py", "app/views/candidates/public.py",
           "app/views/candidates/preregistrations.py", "app/services/candidates/preregistrations.py",
           "app/models/candidates.py", "app/views/candidates/results.py",
           "app/views/sessions/generic_documents.py"]
KEYWORDS = {"_": None, "_l": None, "gettext": None, "lazy_gettext": None}


def catalog():
    """The sessions fragment, completed by the other fragments (requests adds its own strings
    to the registrations screens)."""
    merged = []
    for path in [FRAGMENT, *sorted(FRAGMENT.parent.glob("*.po"))]:
        with path.open("rb") as handle:
            merged.extend(m for m in read_po(handle) if m.id)
    return merged


def test_every_message_of_the_sessions_code_has_a_french_translation():
    translated = {m.id for m in catalog() if m.id and m.string}
    missing = set()
    for source in SOURCES:
        path = ROOT / source
        if not path.exists():
            continue
        for _, message, _, _ in extract_from_file("python", path, keywords=KEYWORDS):
            if isinstance(message, str) and message not in translated:
                missing.add(message)
    assert missing == set()


def test_placeholders_are_kept_in_french():
    for message in catalog():
        if message.id:
            assert set(re.findall(r"%\(\w+\)s", message.id)) == set(
                re.findall(r"%\(\w+\)s", message.string)), message.id


def test_seed_vocabulary_is_used():
    fr = {m.id: m.string for m in catalog()}
    assert fr["Registrations closed"] == "Inscriptions closes"
    assert fr["Withdrawn"] == "Désisté"
    assert fr["Register to the session"] == "S'inscrire à la session"
