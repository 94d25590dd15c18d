"""messaging: full-text search index of message texts and attachment names

SQLite: two FTS5 external-content tables (`chat_search_message` over chat_message.body,
`chat_search_attachment` over chat_attachment.filename; tokenizer unicode61 with
remove_diacritics 2, so "hopital" finds "Hôpital"), kept in step by triggers on insert, update
and delete, filled from the existing rows.

PostgreSQL: an IMMUTABLE function `examdesk_search_fold(text)` (lower case, accents removed by
`translate`, punctuation turned into spaces; no `unaccent` extension needed) and two GIN
expression indexes `to_tsvector('simple', examdesk_search_fold(...))`: an expression index is
always in step with its table. app/services/messaging/search.py queries both.

A later migration that recreates chat_message or chat_attachment on SQLite (a batch "move
and copy") drops their triggers: create them again there (see `_sqlite_triggers`).

Revision ID: e2b6f4a8c913
Revises: b16e0a4c7d21
Create Date: 2026-11-30 18:30:00

"""
from alembic import op

revision = 'e2b6f4a8c913'
down_revision = 'b16e0a4c7d21'
branch_labels = None
depends_on = None

# (FTS5 table, content table, indexed column)
INDEXES = (("chat_search_message", "chat_message", "body"),
           ("chat_search_attachment", "chat_attachment", "filename"))

# What Python's NFKD folding gives for the Latin letters with diacritics (U+00C0..U+024F).
ACCENTED = ("ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚě"
            "ĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžſ"
            "ƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳ")
PLAIN = ("aaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaaccccccccddeeeeeeeeee"
         "gggggggghhiiiiiiiiijjkkllllllnnnnnnoooooorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzzs"
         "oouuaaiioouuuuuuuuuuaaaaggkkoooojggnnaaaaaaeeeeiiiioooorrrruuuusstthhaaeeooooooooyy")
assert len(ACCENTED) == len(PLAIN)

FOLD_FUNCTION = f"""
CREATE OR REPLACE FUNCTION examdesk_search_fold(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT regexp_replace(
    replace(replace(replace(replace(replace(
      translate(lower(value), '{ACCENTED}', '{PLAIN}'),
      'œ', 'oe'), 'Œ', 'oe'), 'æ', 'ae'), 'Æ', 'ae'), 'ß', 'ss'),
    '[[:punct:]]+', ' ', 'g')
$$
"""


def _sqlite_triggers(fts: str, table: str, column: str) -> list[str]:
    delete = (f"INSERT INTO {fts}({fts}, rowid, {column}) "
              f"VALUES ('delete', old.id, old.{column});")
    insert = f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column});"
    return [
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {column} ON {table} "
        f"BEGIN {delete} {insert} END",
    ]


def upgrade():
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for fts, table, column in INDEXES:
            op.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5({column}, content='{table}', "
                       f"content_rowid='id', tokenize='unicode61 remove_diacritics 2')")
            for statement in _sqlite_triggers(fts, table, column):
                op.execute(statement)
            op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
    elif dialect == "postgresql":
        op.execute(FOLD_FUNCTION)
        for fts, table, column in INDEXES:
            op.execute(f"CREATE INDEX ix_{fts} ON {table} USING gin "
                       f"(to_tsvector('simple', examdesk_search_fold({column})))")


def downgrade():
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for fts, _table, _column in INDEXES:
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS {fts}")
    elif dialect == "postgresql":
        for fts, _table, _column in INDEXES:
            op.execute(f"DROP INDEX IF EXISTS ix_{fts}")
        op.execute("DROP FUNCTION IF EXISTS examdesk_search_fold(text)")
