"""The seeds' vocabulary (docs/domain.md, "Glossary") holds in the compiled French catalogue."""
from __future__ import annotations

import gettext
import io
import re
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo

from app.translations.merge_fragments import merged_french

ROOT = Path(__file__).resolve().parents[2]
ROW = re.compile(r"^\|\s*(?P<french>[^|]+?)\s*\|\s*(?P<msgid>[^|]+?)\s*\|$")


def glossary() -> list[tuple[str, str]]:
    """(French term, msgid) rows of the Glossary section of docs/domain.md."""
    text = (ROOT / "docs" / "domain.md").read_text(encoding="utf-8")
    section = text.split("\n## Glossary\n", 1)[1].split("\n## ", 1)[0]
    rows = [ROW.match(line) for line in section.splitlines()]
    return [(m["french"], m["msgid"]) for m in rows
            if m and m["msgid"] != "msgid" and not set(m["french"]) <= {"-"}]


def compiled(catalog) -> gettext.GNUTranslations:
    out = io.BytesIO()
    write_mo(out, catalog)
    out.seek(0)
    return gettext.GNUTranslations(out)


@pytest.fixture(scope="module")
def french() -> gettext.GNUTranslations:
    """The French catalogue compiled from the tracked fragments, as `make translations` does."""
    return compiled(merged_french())


def test_the_glossary_names_the_terms_of_the_issue():
    terms = dict(glossary())
    for french in ("RESTE À TRAITER", "Administratif centre", "Tarifs", "Contacter le FDA",
                   "Validée", "Refusée", "Tableau de résultats"):
        assert french in terms


@pytest.mark.parametrize("french_term, msgid", glossary())
def test_the_french_catalogue_uses_the_seed_word(french, french_term, msgid):
    assert french.gettext(msgid) == french_term


def test_the_built_catalogue_agrees_when_it_exists():
    built = ROOT / "app" / "translations" / "fr" / "LC_MESSAGES" / "messages.mo"
    if not built.exists():
        pytest.skip("catalogues not built (make translations)")
    with built.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    wrong = [(f, m, catalogue.gettext(m)) for f, m in glossary() if catalogue.gettext(m) != f]
    assert wrong == []
