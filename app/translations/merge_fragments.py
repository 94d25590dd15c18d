"""Merge every app/translations/fragments/*.po into the French catalogue (fragments win)."""
from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

HERE = Path(__file__).resolve().parent
FRAGMENTS = HERE / "fragments"
FRENCH = HERE / "fr" / "LC_MESSAGES" / "messages.po"


def read_catalog(path: Path, locale: str = "fr") -> Catalog:
    with path.open("rb") as f:
        return read_po(f, locale=locale)


def fragment_paths(folder: Path = FRAGMENTS) -> list[Path]:
    return sorted(folder.glob("*.po"))


def merge_into(catalog: Catalog, fragments: Iterable[Catalog]) -> int:
    """Copy each translated fragment message into `catalog`; returns how many were taken."""
    taken = 0
    for fragment in fragments:
        for message in fragment:
            if not message.id or not _translated(message.string) or message.fuzzy:
                continue
            catalog.obsolete.pop(message.id, None)
            existing = catalog.get(message.id, message.context)
            if existing is None:
                catalog.add(message.id, message.string, context=message.context)
            else:
                existing.string = message.string
                existing.flags.discard("fuzzy")
            taken += 1
    return taken


def _translated(string) -> bool:
    if isinstance(string, (tuple, list)):
        return bool(string) and all(string)
    return bool(string)


def merged_french(catalog_path: Path = FRENCH, folder: Path = FRAGMENTS) -> Catalog:
    catalog = read_catalog(catalog_path)
    merge_into(catalog, (read_catalog(p) for p in fragment_paths(folder)))
    return catalog


def main(argv: list[str] | None = None) -> int:
    target = Path(argv[0]) if argv else FRENCH
    catalog = merged_french(target)
    with target.open("wb") as f:
        write_po(f, catalog)
    print(f"merged {len(fragment_paths())} fragment(s) into {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
