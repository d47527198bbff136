"""Full-text search per dialect: SQLite FTS5 and PostgreSQL tsvector.

User queries are untrusted. They never reach the database as query syntax: :func:`query_terms` keeps the
words (letters and digits), and each backend gets them as a bound parameter, quoted as FTS5 strings on
SQLite and through ``plainto_tsquery`` on PostgreSQL. Both match articles containing *all* the words
(stemmed: "buys" finds "buying"). The title weighs more than the body.

Snippets are HTML: the text is escaped and the matched words are wrapped in ``<mark>...</mark>``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .schema import articles

#: at most this many words of a query are used
MAX_TERMS = 32

# markers the database puts around matches; replaced by <mark> after HTML-escaping the snippet
_START, _STOP = "\x02", "\x03"
_WORD = re.compile(r"\w+", re.UNICODE)

_fts = sa.table("articles_fts", sa.column("rowid"), sa.column("title"), sa.column("text"))


def query_terms(query: str) -> list[str]:
    """The words of a user query, without any search syntax (quotes, operators, punctuation)."""
    return _WORD.findall(query or "")[:MAX_TERMS]


def fts5_match(terms: Sequence[str]) -> str:
    """An FTS5 MATCH expression requiring every term, each quoted as a string (never as syntax)."""
    return " ".join('"' + t.replace('"', '""') + '"' for t in terms)


def render_snippet(raw: str | None) -> str:
    """Escape a database snippet for HTML and turn the match markers into ``<mark>`` tags."""
    if not raw:
        return ""
    return html.escape(raw, quote=False).replace(_START, "<mark>").replace(_STOP, "</mark>")


def search_rows(conn: Connection, query: str, limit: int, offset: int) -> list[tuple[Any, str]]:
    """(article row, snippet) pairs for ``query``, best first."""
    terms = query_terms(query)
    if not terms or limit <= 0:
        return []
    if conn.dialect.name == "sqlite":
        return _sqlite(conn, terms, limit, offset)
    return _postgres(conn, terms, limit, offset)


def _sqlite(conn: Connection, terms: list[str], limit: int, offset: int) -> list[tuple[Any, str]]:
    fts_tbl: sa.ColumnElement[Any] = sa.literal_column("articles_fts")
    score = sa.func.bm25(fts_tbl, 5.0, 1.0)  # lower is better; title counts five times the body
    snippet = sa.func.snippet(fts_tbl, -1, _START, _STOP, "…", 24)
    stmt = (
        sa.select(articles, snippet.label("snippet"))
        .select_from(_fts.join(articles, articles.c.seq == _fts.c.rowid))
        .where(sa.literal_column("articles_fts").op("MATCH")(sa.bindparam("q", fts5_match(terms))))
        .order_by(score, articles.c.seq)
        .limit(limit)
        .offset(offset)
    )
    return [(row, render_snippet(row.snippet)) for row in conn.execute(stmt)]


_HEADLINE_OPTS = (
    f'StartSel={_START}, StopSel={_STOP}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'
)


def _postgres(conn: Connection, terms: list[str], limit: int, offset: int) -> list[tuple[Any, str]]:
    cfg: sa.ColumnElement[Any] = sa.literal_column("'english'::regconfig")
    tsq = sa.func.plainto_tsquery(cfg, sa.bindparam("q", " ".join(terms))).label("q")
    fts_col: sa.ColumnElement[Any] = sa.literal_column("articles.fts")
    q = sa.select(tsq).cte("q")
    score = sa.func.ts_rank(fts_col, q.c.q, 1)
    hits = (
        sa.select(articles.c.seq, score.label("score"))
        .select_from(articles.join(q, sa.true()))
        .where(fts_col.op("@@")(q.c.q))
        .order_by(score.desc(), articles.c.seq)
        .limit(limit)
        .offset(offset)
        .subquery("hits")
    )
    headline = sa.func.ts_headline(cfg, articles.c.text, q.c.q, _HEADLINE_OPTS)
    stmt = (
        sa.select(articles, headline.label("snippet"))
        .select_from(hits.join(articles, articles.c.seq == hits.c.seq).join(q, sa.true()))
        .order_by(hits.c.score.desc(), articles.c.seq)
    )
    return [(row, render_snippet(row.snippet)) for row in conn.execute(stmt)]
