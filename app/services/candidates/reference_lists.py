"""The candidate's reference lists: civility, countries (birth country, nationality) and languages
(mother tongue) from CLDR data in the reader's language, stored as ISO codes; the seeds' lists of
education levels, socio-professional categories and funding. One definition read by the forms,
the record pages and exports, the API and the import, and checked by the candidate rules."""
from __future__ import annotations

import unicodedata

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

CIVILITIES = {"madame": _l("Ms"), "monsieur": _l("Mr")}
# Seed 004 ("Niveau d'études"), in the usual French scale of diplomas.
EDUCATION_LEVELS = {
    "none": _l("No qualification"),
    "cap_bep": _l("CAP, BEP or equivalent"),
    "bac": _l("Baccalauréat or equivalent"),
    "bac2": _l("Two years of higher education (BTS, DUT, DEUG)"),
    "bac3": _l("Bachelor's degree (licence)"),
    "bac5": _l("Master's degree"),
    "doctorate": _l("Doctorate"),
}
# Seed 004 ("Catégorie socio-professionnelle"): INSEE's groups, students and job seekers.
SOCIO_PROFESSIONAL_CATEGORIES = {
    "farmer": _l("Farmers"),
    "craft_trade": _l("Craftspeople, shopkeepers and business owners"),
    "executive": _l("Managers and higher intellectual professions"),
    "intermediate": _l("Intermediate professions"),
    "employee": _l("Employees"),
    "worker": _l("Manual workers"),
    "retired": _l("Retired people"),
    "student": _l("Students"),
    "job_seeker": _l("Job seekers"),
    "other": _l("Other people without a professional activity"),
}
# Seed 004 ("Financement": "Compte personnel de formation (CPF)").
FUNDINGS = {
    "cpf": _l("Personal training account (CPF)"),
    "employer": _l("Employer"),
    "opco": _l("Skills operator (OPCO)"),
    "job_centre": _l("France Travail (job centre)"),
    "personal": _l("Personal funds"),
    "other": _l("Other funding"),
}
# CLDR territories that are not countries a person is born in or a national of.
NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"}
LIST_FIELDS = ("civility", "education_level", "socio_professional_category", "funding")
FIXED_LISTS = {"civility": CIVILITIES, "education_level": EDUCATION_LEVELS,
               "socio_professional_category": SOCIO_PROFESSIONAL_CATEGORIES, "funding": FUNDINGS}
COUNTRY_FIELDS = ("birth_country", "nationality")
LANGUAGE_FIELDS = ("mother_tongue",)

_ENGLISH = Locale("en")
COUNTRY_CODES = frozenset(code for code in _ENGLISH.territories
                          if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES)
LANGUAGE_CODES = frozenset(code for code in _ENGLISH.languages if code.isalpha())
_ALIASES = {alias.lower(): code for alias, code in get_global("language_aliases").items()}


def _reader_locale(locale=None) -> Locale:
    try:
        return Locale.parse(str(locale or get_locale() or "fr"))
    except (UnknownLocaleError, ValueError):
        return Locale("fr")


def _sort_key(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def canonical_country(value) -> str | None:
    """An ISO 3166 code from "DZ", "dz" or the seeds' "DZ_Algérie"; None when unknown."""
    code = str(value or "").strip().split("_")[0].strip().upper()
    return code if code in COUNTRY_CODES else None


def canonical_language(value) -> str | None:
    """The CLDR code of a language from "ar", "ARA" or the seeds' "ARA_arabe" (ISO 639-1,
    or 639-2/3 when it has no 639-1 code); None when unknown."""
    code = str(value or "").strip().split("_")[0].strip().lower()
    code = _ALIASES.get(code, code)
    return code if code in LANGUAGE_CODES else None


def country_choices(locale=None) -> list[tuple[str, str]]:
    """(code, name) of every country, named and sorted in the reader's language."""
    names = _reader_locale(locale).territories
    return sorted(((code, names.get(code, code)) for code in COUNTRY_CODES),
                  key=lambda pair: _sort_key(pair[1]))


def language_choices(locale=None) -> list[tuple[str, str]]:
    names = _reader_locale(locale).languages
    return sorted(((code, names.get(code, code)) for code in LANGUAGE_CODES),
                  key=lambda pair: _sort_key(pair[1]))


def fixed_choices(field: str) -> list[tuple[str, str]]:
    return [(code, str(label)) for code, label in FIXED_LISTS[field].items()]


def label_of(field: str, code, locale=None) -> str:
    """What a reader sees for a stored code (an unknown older value is shown as it is)."""
    if code in (None, ""):
        return ""
    if field in COUNTRY_FIELDS:
        return _reader_locale(locale).territories.get(str(code), str(code))
    if field in LANGUAGE_FIELDS:
        canonical = canonical_language(code) or str(code)
        return _reader_locale(locale).languages.get(canonical, str(code))
    return str(FIXED_LISTS[field].get(code, code))


def normalise_codes(item) -> None:
    """Stored codes in one spelling: "dz" or "DZ_Algérie" → "DZ", "ARA" → "ar"."""
    for field in COUNTRY_FIELDS:
        value = getattr(item, field, None)
        if value and canonical_country(value):
            setattr(item, field, canonical_country(value))
    for field in LANGUAGE_FIELDS:
        value = getattr(item, field, None)
        if value and canonical_language(value):
            setattr(item, field, canonical_language(value))
    for field in LIST_FIELDS:
        if getattr(item, field, None) == "":
            setattr(item, field, None)


def reference_errors(item) -> dict:
    """{field: message} for every value outside its list."""
    errors = {}
    for field in COUNTRY_FIELDS:
        value = getattr(item, field, None)
        if value and not canonical_country(value):
            errors[field] = _l("is not a country of the list.")
    for field in LANGUAGE_FIELDS:
        value = getattr(item, field, None)
        if value and not canonical_language(value):
            errors[field] = _l("is not a language of the list.")
    for field in LIST_FIELDS:
        value = getattr(item, field, None)
        if value and value not in FIXED_LISTS[field]:
            errors[field] = _l("is not a choice of the list.")
    return errors
