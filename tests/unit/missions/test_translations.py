"""The French fragment of the missions area: complete placeholders and IMAG'IN's wording."""
import re
from pathlib import Path

from babel.messages.pofile import read_po

FRAGMENT = Path(__file__).resolve().parents[3] / "app/translations/fragments/missions.po"
PLACEHOLDER = re.compile(r"%\(\w+\)s")


def _catalog():
    with FRAGMENT.open("rb") as handle:
        return read_po(handle)


def test_every_message_is_translated_with_the_same_placeholders():
    for message in _catalog():
        if not message.id:
            continue
        assert message.string, message.id
        assert sorted(PLACEHOLDER.findall(message.id)) == sorted(
            PLACEHOLDER.findall(message.string)), message.id


def test_the_seed_vocabulary_is_used():
    catalog = _catalog()
    assert catalog.get("File followed by the exam centre").string == \
        "Dossier suivi par le centre d'examen"
    assert catalog.get("Processed by the manager").string == "Traité par gestionnaire"
    assert catalog.get("I have finished entering the competences.").string == \
        "J'ai terminé la saisie des compétences."
