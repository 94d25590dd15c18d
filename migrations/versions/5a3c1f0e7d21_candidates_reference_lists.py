"""candidates: reference-list codes (civility, ISO countries, CLDR languages)

The columns keep their types; their values become the codes of the candidate's reference lists
(app/services/candidates/reference_lists.py): "ARA" → "ar", "dz" → "DZ", "Mme" → "madame".
A value no list knows is left as it is (shown as typed, to be chosen again at the next edit).

Revision ID: 5a3c1f0e7d21
Revises: c3d5e7f9a112
Create Date: 2026-11-30 15:40:00

"""
from alembic import op
import sqlalchemy as sa
from babel import Locale
from babel.core import get_global


revision = '5a3c1f0e7d21'
down_revision = 'c3d5e7f9a112'
branch_labels = None
depends_on = None

CIVILITIES = {"mme": "madame", "madame": "madame", "mrs": "madame", "ms": "madame",
              "mlle": "madame", "m": "monsieur", "m.": "monsieur", "monsieur": "monsieur",
              "mr": "monsieur", "mr.": "monsieur"}
candidate = sa.table("candidate", sa.column("id", sa.Integer),
                     sa.column("civility", sa.String), sa.column("mother_tongue", sa.String),
                     sa.column("nationality", sa.String), sa.column("birth_country", sa.String))


def _language(value, codes, aliases):
    code = value.strip().split("_")[0].strip().lower()
    code = aliases.get(code, code)
    return code if code in codes else None


def _country(value, codes):
    code = value.strip().split("_")[0].strip().upper()
    return code if code in codes else None


def upgrade():
    english = Locale("en")
    languages = {code for code in english.languages if code.isalpha()}
    countries = {code for code in english.territories if len(code) == 2 and code.isalpha()}
    aliases = {a.lower(): c for a, c in get_global("language_aliases").items()}
    bind = op.get_bind()
    rows = bind.execute(sa.select(candidate)).all()
    for row in rows:
        changes = {}
        if row.civility and CIVILITIES.get(row.civility.strip().lower()):
            changes["civility"] = CIVILITIES[row.civility.strip().lower()]
        if row.mother_tongue and _language(row.mother_tongue, languages, aliases):
            changes["mother_tongue"] = _language(row.mother_tongue, languages, aliases)
        for name in ("nationality", "birth_country"):
            value = getattr(row, name)
            if value and _country(value, countries):
                changes[name] = _country(value, countries)
        changes = {k: v for k, v in changes.items() if getattr(row, k) != v}
        if changes:
            bind.execute(candidate.update().where(candidate.c.id == row.id).values(**changes))


def downgrade():
    # The codes stay readable by the previous version (it stored free text).
    pass
