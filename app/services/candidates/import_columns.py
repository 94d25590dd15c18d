"""Import sheets defined once: the columns, their parsers, the template and the row validation.

The downloadable template and the importer read the same definitions, so they never drift.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from app.services.candidates.candidates import born_in_the_past
from app.services.candidates.reference_lists import canonical_country, canonical_language

LANGUAGES = ("fr", "en")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
YES = {"O", "OUI", "Q", "Y", "YES", "1", "X"}
NO = {"N", "NON", "NO", "0", ""}


class CellError(ValueError):
    """A cell value is wrong; the message is already in the user's language."""


def _msg(text, **params) -> str:
    return str(text) % params if params else str(text)


def norm(text) -> str:
    plain = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    return " ".join(plain.lower().replace("*", " ").split())


# -- parsers: raw cell value -> clean value, or CellError ----------------------------------
def parse_text(max_len: int) -> Callable:
    def parse(value):
        text = str(value).strip()
        if len(text) > max_len:
            raise CellError(_msg(_l("at most %(n)s characters."), n=max_len))
        return text
    return parse


def parse_date(value) -> date:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        result = value
    else:
        try:
            result = datetime.strptime(str(value).strip(), "%d/%m/%Y").date()
        except ValueError:
            raise CellError(_msg(_l("\"%(value)s\" is not a date (DD/MM/YYYY)."),
                                 value=value)) from None
    if result < date(1900, 1, 1) or not born_in_the_past(result):
        raise CellError(_msg(_l("%(value)s is not a plausible birth date."),
                             value=result.strftime("%d/%m/%Y")))
    return result


def parse_gender(value) -> str:
    code = str(value).strip().upper()
    if code not in ("F", "H", "N"):
        raise CellError(_msg(_l("\"%(value)s\" is not a gender code (F, H or N)."), value=value))
    return code


def parse_language(value) -> str:
    """The CLDR code of the language ("ARA_arabe", "ARA" or "ar" → "ar")."""
    code = canonical_language(value)
    if code is None:
        raise CellError(_msg(_l("\"%(value)s\" is not a known language code (e.g. ARA)."),
                             value=value))
    return code


def parse_country(value) -> str:
    code = canonical_country(value)
    if code is None:
        raise CellError(_msg(_l("\"%(value)s\" is not a known country code (e.g. DZ)."),
                             value=value))
    return code


def parse_email(value) -> str:
    text = str(value).strip()
    if not EMAIL_RE.match(text) or len(text) > 200:
        raise CellError(_msg(_l("\"%(value)s\" is not a valid e-mail address."), value=value))
    return text.lower()


def parse_yes_no(value) -> bool:
    text = str(value).strip().upper()
    if text in YES:
        return True
    if text in NO:
        return False
    raise CellError(_msg(_l("\"%(value)s\" must be O (yes) or N (no)."), value=value))


@dataclass(frozen=True)
class ImportColumn:
    key: str
    label: object  # lazy string, or a plain string for component columns
    parse: Callable
    required: bool = False
    aliases: tuple[str, ...] = field(default_factory=tuple)

    def header_keys(self) -> set[str]:
        keys = {norm(a) for a in self.aliases}
        for lang in LANGUAGES:
            with force_locale(lang):
                keys.add(norm(self.label))
        return keys


@dataclass
class Issue:
    row: int
    column: str
    message: str


def candidate_columns(components: Iterable = ()) -> list[ImportColumn]:
    """The columns of the TEF portal's import sheet (docs/domain.md), plus one O/N column per
    component."""
    columns = [
        ImportColumn("last_name", _l("Last name"), parse_text(120), True),
        ImportColumn("first_name", _l("First name"), parse_text(120), True),
        ImportColumn("birth_date", _l("Birth date (DD/MM/YYYY)"), parse_date, True),
        ImportColumn("gender", _l("Gender F (female) H (male) N (non-binary)"), parse_gender,
                     True, ("Gender", "Genre")),
        ImportColumn("mother_tongue", _l("Mother tongue (code, e.g. ARA)"), parse_language,
                     True, ("Mother tongue", "Langue maternelle")),
        ImportColumn("email", _l("E-mail"), parse_email),
        ImportColumn("nationality", _l("Nationality (code, e.g. DZ)"), parse_country, True,
                     ("Nationality", "Nationalité")),
        ImportColumn("motivation", _l("Motivation"), parse_text(200)),
        ImportColumn("id_number", _l("ID document number"), parse_text(64)),
    ]
    for comp in components:
        columns.append(ImportColumn(f"component:{comp.code}", f"{comp.code} (O/N)",
                                    parse_yes_no, False, (comp.code,)))
    return columns


def examiner_columns() -> list[ImportColumn]:
    return [
        ImportColumn("last_name", _l("Last name"), parse_text(120), True),
        ImportColumn("first_name", _l("First name"), parse_text(120), True),
        ImportColumn("email", _l("E-mail"), parse_email, True),
        ImportColumn("needs_training", _l("Needs training (O/N)"), parse_yes_no, False,
                     ("Needs training", "Besoin de formation")),
    ]


def template_sheets(columns: list[ImportColumn], title: str) -> list[tuple[str, list, list]]:
    """The xlsx template's sheets as (title, header row, rows): the import sheet's header (a
    required column ends with " *"), and a sheet where each column may get a default value."""
    header = [str(c.label) + (" *" if c.required else "") for c in columns]
    defaults = [[str(column.label), None] for column in columns]
    return [(title, header, []),
            (str(_l("Default values")), [str(_l("Column")), str(_l("Default value"))], defaults)]
