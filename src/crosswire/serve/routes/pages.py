"""The server-rendered web UI: event list, event briefing, article, entity and search pages.

Every list is paginated or capped; every piece of stored text goes through Jinja2 autoescaping.
"""

from __future__ import annotations

import html
import re
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from ...report.briefing import build_briefing, outlet_name
from ..deps import SettingsDep, StoreDep
from ..highlight import marks_for, segments
from .entities import label_counts_by_outlet

router = APIRouter(include_in_schema=False)
PageNo = Annotated[int, Query(ge=1, le=1_000_000)]
MATRIX_ROWS, MATRIX_COLS = 25, 10
_SNIPPET_TAGS = re.compile(r"</?(?:b|mark|em|strong)>", re.I)


def _render(request: Request, name: str, status: int = 200, **ctx) -> HTMLResponse:  # noqa: ANN003
    return request.app.state.templates.TemplateResponse(request, name, ctx, status_code=status)


def _pager(page: int, size: int, total: int | None, more: bool | None = None) -> dict:
    pages = None if total is None else max(1, -(-total // size))
    has_next = (page < pages) if pages is not None else bool(more)
    return {"page": page, "size": size, "total": total, "pages": pages, "prev": page > 1, "next": has_next}


@router.get("/", response_class=HTMLResponse)
def index(request: Request, store: StoreDep, settings: SettingsDep, page: PageNo = 1) -> HTMLResponse:
    size = settings.serve.page_size
    with store.snapshot():
        events = store.list_events(limit=size + 1, offset=(page - 1) * size, members=False)
        more = len(events) > size
        events = events[:size]
        sizes = store.event_sizes(e.id for e in events)
        n_articles = store.count_articles()
    return _render(request, "index.html", events=events, sizes=sizes, pager=_pager(page, size, None, more),
                   n_articles=n_articles)


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str, store: StoreDep, settings: SettingsDep, page: PageNo = 1,
               rows: PageNo = 1, cols: PageNo = 1) -> HTMLResponse:
    size = settings.serve.page_size
    with store.snapshot():
        b = build_briefing(store, event_id, row_offset=(rows - 1) * MATRIX_ROWS, row_limit=MATRIX_ROWS,
                           col_offset=(cols - 1) * MATRIX_COLS, col_limit=MATRIX_COLS,
                           rel_tolerance=settings.reconcile.rel_tolerance)
        articles = store.list_article_infos(event=event_id, limit=size, offset=(page - 1) * size)
    return _render(
        request, "event.html", b=b, articles=articles, pager=_pager(page, size, b.n_articles),
        row_pager=_pager(rows, MATRIX_ROWS, b.n_checks), col_pager=_pager(cols, MATRIX_COLS, len(b.outlets)),
        page=page, rows=rows, cols=cols,
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, store: StoreDep) -> HTMLResponse:
    with store.snapshot():
        article = store.get_article(article_id)
        facts = store.get_facts(article_id)
        event_id = store.event_of(article_id)
        event = store.get_event(event_id, members=False) if event_id else None
        checks = store.list_checks(event=event_id) if event_id else []
    claim_checks: dict[str, str] = {}
    for c in checks:
        for cid in c.claims:
            claim_checks.setdefault(cid, c.id)
    marks = marks_for(facts, event_id=event_id, claim_checks=claim_checks, text_len=len(article.text))
    return _render(request, "article.html", article=article, facts=facts, event=event,
                   segments=segments(article.text, marks), claim_checks=claim_checks,
                   outlet=outlet_name(article.outlet))


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str, store: StoreDep, settings: SettingsDep,
                page: PageNo = 1) -> HTMLResponse:
    size = settings.serve.page_size
    with store.snapshot():
        found = store.get_entities([entity_id], labels=False)
        if not found:
            store.get_entity(entity_id)  # raises NotFound with the usual message
        entity = found[0]
        by_outlet = label_counts_by_outlet(store.count_entity_labels([entity_id]))[:60]
        articles = store.list_article_infos(entity=entity_id, limit=size, offset=(page - 1) * size)
        total = store.count_articles(entity=entity_id)
        quotes = store.list_quotes(speaker_entity=entity_id, limit=20)
    return _render(request, "entity.html", entity=entity, by_outlet=by_outlet,
                   articles=articles, pager=_pager(page, size, total), quotes=quotes)


def _highlight(snippet: str, query: str) -> list[tuple[str, bool]]:
    """Snippet pieces with a flag for query-term hits (markup the store added is dropped, never trusted)."""
    if "<mark>" in snippet:  # the SQL stores escape the snippet and mark the matches themselves
        parts = re.split(r"</?mark>", snippet)
        return [(html.unescape(_SNIPPET_TAGS.sub("", p)), i % 2 == 1) for i, p in enumerate(parts) if p]
    plain = _SNIPPET_TAGS.sub("", snippet)
    terms = sorted({t for t in re.findall(r"\w+", query) if len(t) > 1}, key=len, reverse=True)
    if not terms:
        return [(plain, False)]
    rx = re.compile("(" + "|".join(re.escape(t) for t in terms) + ")", re.I)
    return [(p, i % 2 == 1) for i, p in enumerate(rx.split(plain)) if p]


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, store: StoreDep, settings: SettingsDep,
                q: Annotated[str, Query(max_length=500)] = "", page: PageNo = 1) -> HTMLResponse:
    size = settings.serve.page_size
    hits, more = [], False
    if q.strip():
        raw = store.search_infos(q, limit=size + 1, offset=(page - 1) * size)
        more = len(raw) > size
        hits = [(a, _highlight(s, q)) for a, s in raw[:size]]
    return _render(request, "search.html", q=q, hits=hits, pager=_pager(page, size, None, more))
