"""GET /api/articles (filters + paging) and GET /api/articles/{id} (with its facts)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from ..deps import PagingDep, StoreDep
from ..schemas import (
    ArticleDetail,
    ArticleOut,
    ArticleSummary,
    ClaimOut,
    DateOut,
    EventRefOut,
    FactsOut,
    MentionOut,
    Page,
    QuantityOut,
    QuoteOut,
)

router = APIRouter(prefix="/api/articles", tags=["articles"])


@router.get("", response_model=Page[ArticleSummary], summary="List articles")
def list_articles(
    store: StoreDep,
    page: PagingDep,
    outlet: Annotated[str | None, Query(max_length=500)] = None,
    since: Annotated[str | None, Query(max_length=40, description="published on or after (ISO date)")] = None,
    until: Annotated[str | None, Query(max_length=40, description="published on or before (ISO date)")] = None,
    entity: Annotated[str | None, Query(max_length=200, description="mentions this entity id")] = None,
    event: Annotated[str | None, Query(max_length=200, description="belongs to this event id")] = None,
) -> Page[ArticleSummary]:
    filters = {k: v for k, v in dict(outlet=outlet, since=since, until=until, entity=entity, event=event).items()
               if v is not None}
    with store.snapshot():  # the page and its total agree
        items = store.list_article_infos(limit=page.limit, offset=page.offset, **filters)
        total = store.count_articles(**filters)
    return Page[ArticleSummary](items=[ArticleSummary.of(a) for a in items], limit=page.limit,
                                offset=page.offset, total=total, next_offset=page.next_offset(len(items), total))


@router.get("/{article_id}", response_model=ArticleDetail, summary="One article with its facts",
            responses={404: {"description": "unknown article id"}})
def get_article(article_id: str, store: StoreDep) -> ArticleDetail:
    with store.snapshot():
        article = store.get_article(article_id)
        f = store.get_facts(article_id)
        event = store.event_of(article_id)
    facts = FactsOut(
        mentions=[MentionOut.of(m) for m in f.mentions], quotes=[QuoteOut.of(q) for q in f.quotes],
        quantities=[QuantityOut.of(q) for q in f.quantities], dates=[DateOut.of(d) for d in f.dates],
        claims=[ClaimOut.of(c) for c in f.claims], sentences=[tuple(s) for s in f.sentences],
        event_refs=[EventRefOut.of(r) for r in f.event_refs],
    )
    return ArticleDetail(article=ArticleOut.of(article), event=event, facts=facts)
