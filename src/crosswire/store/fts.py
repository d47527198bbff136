"""Full-text search per dialect: SQLite FTS5 and PostgreSQL tsvector.

User queries are untrusted. They never reach the database as query syntax: :func:`query_terms` keeps the
words (letters and digits), and each backend gets them as a bound parameter, quoted as FTS5 strings on
SQLite and through ``plainto_tsquery`` on PostgreSQL. Both match articles containing *all* the words
(stemmed: "buys" finds "buying"). The title weighs more than the body.

Snippets are HTML: the text is escaped and the matched words are wrapped in ``<mark>...</mark>``. Both
backends build them the same way (:func:`render_snippet`): the database marks every match in the title
and in the body (FTS5 ``highlight()``, ``ts_headline(..., HighlightAll=true)``), and the same Python code
cuts the body fragment: the :data:`SNIPPET_WORDS` words holding the most matches ("…" where cut; the
body's opening words when only the title matches), after the marked title when the title matches. Only
the database's stemming decides what is a match. Markup in the stored text is kept as text and escaped on
both (PostgreSQL's headline parser would otherwise drop anything that looks like a tag).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from itertools import compress, count, repeat
from operator import contains
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .schema import articles

#: at most this many words of a query are used
MAX_TERMS = 32

# markers the database puts around matches; replaced by <mark> after HTML-escaping the snippet
_START, _STOP = "\x02", "\x03"
#: between the title and the body fragment of a snippet
TITLE_SEP = " — "
#: words of the body fragment of a snippet
SNIPPET_WORDS = 24
# PostgreSQL's headline parser drops anything that looks like an HTML tag: "<" and ">" travel through it as
# these private-use characters and are put back before escaping
_LT, _GT = "\ue000", "\ue001"
_WORD = re.compile(r"\w+", re.UNICODE)

_fts = sa.table("articles_fts", sa.column("rowid"), sa.column("title"), sa.column("text"))


def query_terms(query: str) -> list[str]:
    """The words of a user query, without any search syntax (quotes, operators, punctuation)."""
    return _WORD.findall(query or "")[:MAX_TERMS]


def fts5_match(terms: Sequence[str]) -> str:
    """An FTS5 MATCH expression requiring every term, each quoted as a string (never as syntax)."""
    return " ".join('"' + t.replace('"', '""') + '"' for t in terms)


def _marked(raw: str) -> str:
    raw = raw.replace(_LT, "<").replace(_GT, ">")
    return html.escape(raw, quote=False).replace(_START, "<mark>").replace(_STOP, "</mark>")


def fragment(marked: str, words: int = SNIPPET_WORDS) -> str:
    """The ``words`` consecutive words of a marked text holding the most marked matches (the earliest such
    window, its first match a quarter of the way in), or its opening words without a match; "…" where cut."""
    toks = marked.split()
    if len(toks) <= words:
        return " ".join(toks)
    hits = list(compress(count(), map(contains, toks, repeat(_START))))  # words holding a match (C loops)
    start = 0
    if hits:
        # the best window can start at a match: for each, count the matches within `words` of it
        best, first, last, j = 0, 0, 0, 0
        for i, h in enumerate(hits):
            while j < len(hits) and hits[j] < h + words:
                j += 1
            if j - i > best:
                best, first, last = j - i, h, hits[j - 1]
        # the first match a quarter into the window, as long as the window keeps its last match
        start = max(0, min(first - words // 4, len(toks) - words), last - words + 1)
    text = " ".join(toks[start : start + words])
    if text.count(_START) > text.count(_STOP):  # a cut must not separate a match from its closing marker
        text += _STOP
    return ("…" if start > 0 else "") + text + ("…" if start + words < len(toks) else "")


def render_snippet(body: str | None, title: str | None = None) -> str:
    """The HTML snippet of a hit from the database's marked ``body`` and ``title`` (every match marked):
    the body fragment, after the title when the title has a match; escaped, matches in ``<mark>``."""
    frag = _marked(fragment(body)) if body else ""
    if title and _START in title:
        head = _marked(" ".join(title.split()))
        return head + TITLE_SEP + frag if frag else head
    return frag


def search_rows(
    conn: Connection, query: str, limit: int, offset: int, *, columns: Sequence[Any] | None = None
) -> list[tuple[Any, str]]:
    """(article row, snippet) pairs for ``query``, best first; the rows hold ``columns`` (default: every
    column of ``articles``)."""
    terms = query_terms(query)
    if not terms or limit <= 0:
        return []
    cols = list(columns) if columns is not None else list(articles.c)
    if conn.dialect.name == "sqlite":
        return _sqlite(conn, terms, limit, offset, cols)
    return _postgres(conn, terms, limit, offset, cols)


def _sqlite(conn: Connection, terms: list[str], limit: int, offset: int, cols: list[Any]) -> list[tuple[Any, str]]:
    fts_tbl: sa.ColumnElement[Any] = sa.literal_column("articles_fts")
    score = sa.func.bm25(fts_tbl, 5.0, 1.0)  # lower is better; title counts five times the body
    title = sa.func.highlight(fts_tbl, 0, _START, _STOP)
    snippet = sa.func.highlight(fts_tbl, 1, _START, _STOP)  # cut by fragment()
    stmt = (
        sa.select(*cols, title.label("title_snippet"), snippet.label("snippet"))
        .select_from(_fts.join(articles, articles.c.seq == _fts.c.rowid))
        .where(sa.literal_column("articles_fts").op("MATCH")(sa.bindparam("q", fts5_match(terms))))
        .order_by(score, articles.c.seq)
        .limit(limit)
        .offset(offset)
    )
    return [(row, render_snippet(row.snippet, row.title_snippet)) for row in conn.execute(stmt)]


# every match marked, in the whole text, as FTS5's highlight(); fragment() cuts the body
_HEADLINE_OPTS = f"StartSel={_START}, StopSel={_STOP}, HighlightAll=true"


def _tagless(col: sa.ColumnElement[Any]) -> sa.ColumnElement[Any]:
    return sa.func.translate(sa.func.coalesce(col, ""), "<>", _LT + _GT)


def _postgres(conn: Connection, terms: list[str], limit: int, offset: int, cols: list[Any]) -> list[tuple[Any, str]]:
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
    headline = sa.func.ts_headline(cfg, _tagless(articles.c.text), q.c.q, _HEADLINE_OPTS)
    title = sa.func.ts_headline(cfg, _tagless(articles.c.title), q.c.q, _HEADLINE_OPTS)
    stmt = (
        sa.select(*cols, title.label("title_snippet"), headline.label("snippet"))
        .select_from(hits.join(articles, articles.c.seq == hits.c.seq).join(q, sa.true()))
        .order_by(hits.c.score.desc(), articles.c.seq)
    )
    return [(row, render_snippet(row.snippet, row.title_snippet)) for row in conn.execute(stmt)]
