"""GET /api/search?q=: full-text search over the articles."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from ..deps import PagingDep, StoreDep
from ..schemas import ArticleSummary, Page, SearchHit

router = APIRouter(prefix="/api", tags=["search"])


@router.get("/search", response_model=Page[SearchHit], summary="Full-text search, best match first")
def search(store: StoreDep, page: PagingDep,
           q: Annotated[str, Query(min_length=1, max_length=500, description="words to find")]) -> Page[SearchHit]:
    hits = store.search_infos(q, limit=page.limit + 1, offset=page.offset)
    more = len(hits) > page.limit
    return Page[SearchHit](items=[SearchHit(article=ArticleSummary.of(a), snippet=s) for a, s in hits[: page.limit]],
                           limit=page.limit, offset=page.offset,
                           next_offset=page.offset + page.limit if more else None)
