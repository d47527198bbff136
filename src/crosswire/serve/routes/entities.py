"""GET /api/entities (filter by type / q) and GET /api/entities/{id} (labels per outlet)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Annotated

from fastapi import APIRouter, Query

from ...report.briefing import outlet_name
from ..deps import PagingDep, StoreDep
from ..schemas import EntityDetail, EntityLabelOut, EntitySummary, LabelCount, OutletLabels, Page

router = APIRouter(prefix="/api/entities", tags=["entities"])


@router.get("", response_model=Page[EntitySummary], summary="List canonical entities")
def list_entities(
    store: StoreDep,
    page: PagingDep,
    type: Annotated[str | None, Query(max_length=40, description="PERSON, ORG, GPE, ...")] = None,
    q: Annotated[str | None, Query(max_length=200, description="name or alias contains")] = None,
) -> Page[EntitySummary]:
    items = store.list_entities(type=type, q=q, limit=page.limit + 1, offset=page.offset)
    more = len(items) > page.limit
    return Page[EntitySummary](items=[EntitySummary.of(e) for e in items[: page.limit]], limit=page.limit,
                               offset=page.offset, next_offset=page.offset + page.limit if more else None)


def labels_by_outlet(labels) -> list[OutletLabels]:  # noqa: ANN001 - list[EntityLabel]
    return label_counts_by_outlet((None, lab.outlet, lab.label, 1) for lab in labels)


def label_counts_by_outlet(counts: Iterable[tuple[str | None, str | None, str, int]]) -> list[OutletLabels]:
    """Labels per outlet, most frequent first, from ``(entity, outlet, label, count)`` in first-seen order
    (``Store.count_entity_labels``)."""
    per: dict[str, Counter[str]] = defaultdict(Counter)
    for _entity, outlet, label, n in counts:
        per[outlet_name(outlet)][label] += n
    return [OutletLabels(outlet=o, labels=[LabelCount(label=k, count=n) for k, n in per[o].most_common()])
            for o in sorted(per)]


@router.get("/{entity_id}", response_model=EntityDetail, responses={404: {"description": "unknown entity id"}},
            summary="One entity with the labels each outlet gives it")
def get_entity(entity_id: str, store: StoreDep) -> EntityDetail:
    e = store.get_entity(entity_id)
    return EntityDetail(entity=EntitySummary.of(e), labels_by_outlet=labels_by_outlet(e.labels),
                        labels=[EntityLabelOut.of(lab) for lab in e.labels[:500]])
