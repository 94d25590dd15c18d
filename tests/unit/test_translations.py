"""Every string the application shows has a French translation with the same placeholders; the
catalogues are built from the fragments and never tracked."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import write_po

from app.translations.merge_fragments import build, merge_into, merged_french, read_catalog

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"gettext": None, "_": None, "lazy_gettext": None, "_l": None,
            "ngettext": (1, 2)}
METHOD_MAP = [("app/**.py", "python"), ("app/templates/**.html", "jinja2")]
PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[-#0 +]*\d*(?:\.\d+)?[sdifr]"
                         r"|\{(\w*)\}")


def extracted_msgids() -> dict[str, str]:
    """msgid -> where it was found, extracted afresh from the sources and templates."""
    found: dict[str, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), METHOD_MAP, keywords=KEYWORDS, options_map={"app/templates/**.html": {}}
    ):
        for msgid in (message if isinstance(message, tuple) else (message,)):
            if msgid:
                found.setdefault(msgid, f"{filename}:{lineno}")
    return found


def placeholders(text: str) -> list[str]:
    return sorted(m.group(0) for m in PLACEHOLDER.finditer(text.replace("%%", "")))


@pytest.fixture(scope="module")
def french() -> Catalog:
    """The French of the tracked fragments alone (the built catalogues are not sources)."""
    return merged_french()


@pytest.fixture(scope="module")
def msgids() -> dict[str, str]:
    return extracted_msgids()


def test_the_extraction_finds_the_application_strings(msgids):
    assert "Centres" in msgids and "Stay connected" in msgids and "Site map" in msgids


def test_every_extracted_msgid_is_translated_in_french(french, msgids):
    problems = []
    for msgid, where in sorted(msgids.items()):
        message = french.get(msgid)
        if message is None:
            problems.append(f"missing: {msgid!r} ({where})")
        elif message.fuzzy:
            problems.append(f"fuzzy: {msgid!r} ({where})")
        elif not (all(message.string) if isinstance(message.string, tuple) else message.string):
            problems.append(f"empty: {msgid!r} ({where})")
    assert problems == [], "\n".join(problems)


def test_placeholders_are_identical_in_msgid_and_msgstr(french):
    problems = []
    for message in french:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = placeholders(ids[-1])
        for string in strings:
            if string and placeholders(string) != expected and placeholders(string) != \
                    placeholders(ids[0]):
                problems.append(f"{message.id!r}: {expected} vs {placeholders(string)}")
    assert problems == [], "\n".join(problems)


def test_the_placeholder_check_catches_a_renamed_placeholder():
    assert placeholders("Welcome, %(name)s") != placeholders("Bienvenue, %(nom)s")
    assert placeholders("{count} rows") != placeholders("{n} lignes")
    assert placeholders("%s and %d") == placeholders("%s et %d")


def test_fab_strings_left_untranslated_by_fab_are_french_here(french):
    for msgid in ("In", "Not In", "Groups", "Edit Group"):
        assert french.get(msgid) is not None and french.get(msgid).string


def test_dates_read_jj_mm_aaaa_in_french_and_stay_numeric_in_english(examdesk_app):
    from datetime import date, datetime

    from flask_babel import force_locale, format_date, format_datetime

    with examdesk_app.test_request_context():
        with force_locale("fr"):
            assert format_date(date(2026, 3, 5)) == "05/03/2026"
            assert format_datetime(datetime(2026, 3, 5, 14, 7)) == "05/03/2026 15:07"
        with force_locale("en"):
            assert format_date(date(2026, 3, 5)) == "3/5/26"


def test_a_fragment_wins_over_the_catalogue_and_an_empty_or_fuzzy_one_does_not(tmp_path):
    catalogue = Catalog(locale="fr")
    catalogue.add("Save", "Sauvegarder")
    catalogue.add("Cancel", "Annuler")
    fragment = Catalog(locale="fr")
    fragment.add("Save", "Enregistrer")
    fragment.add("Cancel", "")
    fragment.add("Delete", "Effacer", flags=["fuzzy"])
    fragment.add("Session closed", "Session close")
    path = tmp_path / "area.po"
    with path.open("wb") as f:
        write_po(f, fragment)
    assert merge_into(catalogue, [read_catalog(path)]) == 2
    assert catalogue.get("Save").string == "Enregistrer"
    assert catalogue.get("Cancel").string == "Annuler"
    assert catalogue.get("Delete") is None
    assert catalogue.get("Session closed").string == "Session close"


def _write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        write_po(f, catalog)


def test_the_catalogues_are_built_from_the_template_and_the_fragments(tmp_path):
    template = Catalog()
    template.add("Save")
    template.add("Cancel")
    fragment = Catalog(locale="fr")
    fragment.add("Save", "Enregistrer")
    _write(tmp_path / "messages.pot", template)
    _write(tmp_path / "fragments" / "area.po", fragment)
    written = build(tmp_path / "messages.pot", tmp_path / "fragments", tmp_path / "out")
    assert [p.relative_to(tmp_path / "out").parts[0] for p in written] == ["fr", "en"]
    french_po = read_catalog(written[0])
    assert french_po.get("Save").string == "Enregistrer"
    assert french_po.get("Cancel") is not None and not french_po.get("Cancel").string
    assert french_po.plural_forms == "nplurals=2; plural=(n > 1);" and not french_po.fuzzy
    assert read_catalog(written[1], "en").get("Cancel") is not None


def test_the_generated_catalogues_are_ignored_by_git():
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    generated = ["app/translations/messages.pot", "app/translations/fr/LC_MESSAGES/messages.po",
                 "app/translations/en/LC_MESSAGES/messages.po"]
    tracked = subprocess.run(["git", "ls-files", "--", *generated], cwd=ROOT, text=True,
                             capture_output=True, check=True).stdout.split()
    ignored = subprocess.run(["git", "check-ignore", "--no-index", *generated], cwd=ROOT,
                             text=True, capture_output=True).stdout.split()
    assert tracked == [] and sorted(ignored) == sorted(generated)
