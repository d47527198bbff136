"""Facts across articles: GET /api/quotes, /api/claims, /api/checks, /api/tracks."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from ...models import CHECK_STATUSES
from ..deps import ApiError, PagingDep, StoreDep
from ..schemas import CheckOut, ClaimOut, Page, QuoteOut, TrackOut

router = APIRouter(prefix="/api", tags=["facts"])
Id = Annotated[str | None, Query(max_length=200)]


def _page(items: list, page, model):  # noqa: ANN001, ANN202 - small local helper
    more = len(items) > page.limit
    return Page[model](items=[model.of(x) for x in items[: page.limit]], limit=page.limit, offset=page.offset,
                       next_offset=page.offset + page.limit if more else None)


@router.get("/quotes", response_model=Page[QuoteOut], summary="Quotes, filtered by article, speaker or event")
def list_quotes(store: StoreDep, page: PagingDep, article: Id = None, speaker_entity: Id = None,
                event: Id = None) -> Page[QuoteOut]:
    items = store.list_quotes(article=article, speaker_entity=speaker_entity, event=event,
                              limit=page.limit + 1, offset=page.offset)
    return _page(items, page, QuoteOut)


@router.get("/claims", response_model=Page[ClaimOut], summary="Claims, filtered by article or event")
def list_claims(store: StoreDep, page: PagingDep, article: Id = None, event: Id = None) -> Page[ClaimOut]:
    items = store.list_claims(article=article, event=event, limit=page.limit + 1, offset=page.offset)
    return _page(items, page, ClaimOut)


@router.get("/checks", response_model=Page[CheckOut], summary="Cross-checks, filtered by event and status")
def list_checks(store: StoreDep, page: PagingDep, event: Id = None,
                status: Annotated[str | None, Query(description=" | ".join(CHECK_STATUSES))] = None,
                ) -> Page[CheckOut]:
    if status is not None and status not in CHECK_STATUSES:
        raise ApiError(422, "invalid_request", f"status must be one of {', '.join(CHECK_STATUSES)}")
    checks = [c for c in store.list_checks(event=event) if status is None or c.status == status]
    items = checks[page.offset: page.offset + page.limit]
    return Page[CheckOut](items=[CheckOut.of(c) for c in items], limit=page.limit, offset=page.offset,
                          total=len(checks), next_offset=page.next_offset(len(items), len(checks)))


@router.get("/tracks", response_model=list[TrackOut], summary="Figures tracked over time (optionally of one event)")
def list_tracks(store: StoreDep, event: Id = None) -> list[TrackOut]:
    if event is not None:
        store.get_event(event, members=False)  # 404 for an unknown event
    return [TrackOut.of(t) for t in store.list_tracks(event=event)]
