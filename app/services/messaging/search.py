"""Search across the conversations a user may see, in message texts and attachment names.

One service in front of two engines, chosen from the session's database: SQLite's FTS5 tables
`chat_search_message` / `chat_search_attachment` (unicode61, accents removed) and PostgreSQL's
GIN expression indexes `to_tsvector('simple', examdesk_search_fold(...))` (migration
e2b6f4a8c913). Both match every word as a word prefix, accents and case ignored: "hopital"
finds "Hôpital". Tenancy is applied in the query by the conversation visibility rule of
app/security/scope.py (the one `get_conversation` uses).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from markupsafe import Markup
from sqlalchemy import ColumnElement, Select, and_, func, literal_column, or_, select, text
from sqlalchemy.orm import Session, joinedload

from app.models.messaging import ChatAttachment, Conversation, Message
from app.security.scope import Viewer, tenant_clause
from app.services.messaging.highlight import Terms, excerpt, highlight, parse_terms

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class AttachmentHit:
    id: int
    filename: str
    filename_html: Markup
    matched: bool


@dataclass(frozen=True)
class SearchHit:
    message: Message
    conversation: Conversation
    excerpt_html: Markup
    attachments: tuple[AttachmentHit, ...]


@dataclass(frozen=True)
class SearchResults:
    text: str
    terms: Terms
    hits: list[SearchHit]
    page: int
    has_more: bool


# -- the two engines -------------------------------------------------------------------------
def _sqlite_ids(fts: str, terms: Terms) -> Select:
    """rowids of the FTS5 table `fts` holding every term (each a quoted word prefix)."""
    query = " ".join(f'"{word}"*' for word in terms.typed)  # words hold no quote: [^\W_]+
    return select(literal_column("rowid")).select_from(text(fts)).where(
        literal_column(fts).op("MATCH")(query))


def _postgresql_match(column, terms: Terms) -> ColumnElement:
    """`column` holds every term: the indexed expression @@ the prefix terms, folded alike."""
    simple = literal_column("'simple'")
    query = None
    for word in terms.typed:
        lexeme = func.quote_literal(func.examdesk_search_fold(word)).op("||")(":*")
        one = func.to_tsquery(simple, lexeme)
        query = one if query is None else query.op("&&")(one)
    return func.to_tsvector(simple, func.examdesk_search_fold(column)).op("@@")(query)


def _matching(session: Session, terms: Terms) -> ColumnElement:
    """Messages whose text, or one of whose attachment names, holds every term."""
    if session.get_bind().dialect.name == "postgresql":
        in_body = _postgresql_match(Message.body, terms)
        in_file = _postgresql_match(ChatAttachment.filename, terms)
        return or_(in_body, Message.id.in_(select(ChatAttachment.message_id).where(in_file)))
    in_body = Message.id.in_(_sqlite_ids("chat_search_message", terms))
    in_file = Message.id.in_(select(ChatAttachment.message_id).where(
        ChatAttachment.id.in_(_sqlite_ids("chat_search_attachment", terms))))
    return or_(in_body, in_file)


# -- the service -----------------------------------------------------------------------------
def search_messages(session: Session, viewer: Viewer, text_typed, *, page=0,
                    page_size: int = PAGE_SIZE) -> SearchResults:
    """The viewer's messages matching `text_typed`, newest first, one page of them, each
    with its excerpt and attachment names highlighted (escaped HTML, `<mark>` around hits).

    Raises SearchRefused (a ValidationFailed on `q`): empty, too short or too long.
    """
    terms = parse_terms(text_typed)
    page = _whole(page, 0, 10_000)
    size = _whole(page_size, 1, MAX_PAGE_SIZE) or PAGE_SIZE
    scope = tenant_clause(Message, viewer)
    query = (select(Message).where(and_(_matching(session, terms),
                                        *([] if scope is None else [scope])))
             .options(joinedload(Message.conversation).joinedload(Conversation.centre),
                      joinedload(Message.author))
             .order_by(Message.id.desc()).offset(page * size).limit(size + 1))
    rows = list(session.scalars(query).unique())
    hits = [_hit(message, terms) for message in rows[:size]]
    return SearchResults(text_typed.strip(), terms, hits, page, len(rows) > size)


def _whole(value, low: int, high: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return low
    return min(max(number, low), high)


def _attachment(attachment: ChatAttachment, terms: Terms) -> AttachmentHit:
    marked = highlight(attachment.filename, terms.folded)
    return AttachmentHit(attachment.id, attachment.filename, marked, "<mark>" in marked)


def _hit(message: Message, terms: Terms) -> SearchHit:
    attachments = tuple(_attachment(a, terms) for a in message.attachments)
    return SearchHit(message, message.conversation, excerpt(message.body, terms.folded),
                     attachments)


def serialize_hit(hit: SearchHit) -> dict:
    """The REST shape of a hit (docs/api.md): the HTML fields are escaped text with <mark>."""
    message, conversation = hit.message, hit.conversation
    author = message.author
    return {
        "message_id": message.id,
        "conversation_id": conversation.id,
        "conversation_title": conversation.title,
        "centre": conversation.centre.name if conversation.centre else None,
        "author": {"id": author.id, "name": author.get_full_name()} if author else None,
        "created_at": _iso(message.created_at),
        "body": message.body,
        "internal": bool(message.internal),  # a staff note (only staff ever find one)
        "excerpt_html": str(hit.excerpt_html),
        "attachments": [{"id": a.id, "filename": a.filename, "filename_html": str(
            a.filename_html), "matched": a.matched} for a in hit.attachments],
    }


def _iso(moment: datetime) -> str:
    return moment.isoformat() + "Z"
