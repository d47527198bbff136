"""GET /api/events and GET /api/events/{id}: articles, checks, framing, quotes by speaker, tracks."""

from __future__ import annotations

from fastapi import APIRouter

from ...report.briefing import build_briefing
from ..deps import MAX_LIMIT, PagingDep, StoreDep
from ..schemas import (
    ArticleSummary,
    CheckOut,
    EntityFraming,
    EventDetail,
    EventOut,
    LabelCount,
    OutletCount,
    OutletLabels,
    Page,
    QuoteWithOutlet,
    SpeakerQuotes,
    TrackOut,
)

router = APIRouter(prefix="/api/events", tags=["events"])


@router.get("", response_model=Page[EventOut], summary="List events, newest first")
def list_events(store: StoreDep, page: PagingDep) -> Page[EventOut]:
    with store.snapshot():
        items = store.list_events(limit=page.limit + 1, offset=page.offset, members=False)
        more = len(items) > page.limit
        items = items[: page.limit]
        sizes = store.event_sizes(e.id for e in items)
    return Page[EventOut](items=[EventOut.of(e, n_articles=sizes[e.id]) for e in items], limit=page.limit,
                          offset=page.offset, next_offset=page.offset + page.limit if more else None)


@router.get("/{event_id}", response_model=EventDetail, responses={404: {"description": "unknown event id"}},
            summary="One event: a page of its articles (limit/offset), checks, framing, quotes, tracks")
def get_event(event_id: str, store: StoreDep, page: PagingDep) -> EventDetail:
    with store.snapshot():  # the briefing and the page of articles see the same state
        b = build_briefing(store, event_id, row_limit=MAX_LIMIT)
        ev = b.event
        arts = store.list_article_infos(event=ev.id, limit=page.limit, offset=page.offset)
    total = b.n_articles
    return EventDetail(
        event=EventOut.of(ev, n_articles=total),
        articles=Page[ArticleSummary](items=[ArticleSummary.of(a) for a in arts], limit=page.limit,
                                      offset=page.offset, total=total,
                                      next_offset=page.next_offset(len(arts), total)),
        outlets=[OutletCount(outlet=o, articles=n) for o, n in b.outlets],
        checks=[CheckOut.of(r.check) for r in b.rows],
        framing=[EntityFraming(entity=f.entity.id, name=f.entity.name,
                               by_outlet=[OutletLabels(outlet=o, labels=[LabelCount(label=lab, count=n)
                                                                         for lab, n in labs])
                                          for o, labs in f.by_outlet]) for f in b.framing],
        quotes_by_speaker=[SpeakerQuotes(speaker=s.name, speaker_entity=s.entity, total=s.total,
                                         quotes=[QuoteWithOutlet.of(q.quote, outlet=q.outlet) for q in s.quotes])
                           for s in b.speakers],
        tracks=[TrackOut.of(c.track) for c in b.charts],
    )
