"""The JSON export (docs/export.md): the whole store, or one event, as one versioned JSON document.

The document is streamed: sections are written record by record, so memory does not grow with the
store. Each record carries the fields of the contract first, in the contract's order, then any further
fields of the record (allowed by the version rule: fields may be added, never renamed or removed).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from ..errors import ExportError, NotFound
from ..models import Entity, to_dict
from ..store.base import Store

#: version of the document; bump it when a field is renamed or removed (docs/export.md)
EXPORT_VERSION = 1

SECTIONS = (
    "articles",
    "entities",
    "events",
    "quotes",
    "quantities",
    "dates",
    "claims",
    "checks",
    "tracks",
    "event_refs",  # added in version 1 (additive): the events articles refer to, and their links
)

#: the contract's fields per section, in the contract's order
FIELDS: dict[str, tuple[str, ...]] = {
    "articles": (
        "id",
        "source",
        "external_id",
        "outlet",
        "title",
        "published",
        "published_from",
        "byline",
        "language",
        "text",
        "duplicate_of",
    ),
    "entities": ("id", "name", "type", "aliases", "labels"),
    "events": ("id", "label", "date", "date_precision", "articles", "why"),
    "quotes": ("id", "article", "text", "span", "direct", "speaker", "speaker_entity", "cue"),
    "quantities": ("id", "article", "text", "span", "value", "unit", "measures"),
    "dates": ("id", "article", "text", "span", "value", "precision"),
    "claims": (
        "id",
        "article",
        "event",
        "sentence",
        "span",
        "actor",
        "action",
        "theme",
        "quantity",
        "time",
        "modality",
        "attributed_to",
    ),
    "checks": ("id", "event", "about", "status", "claims", "outlets", "missing_from", "values", "modalities"),
    "tracks": ("about", "unit", "points"),
    "event_refs": (
        "id",
        "article",
        "text",
        "span",
        "head",
        "date",
        "date_precision",
        "place",
        "event",
        "why",
    ),
}

_ENTITY_PAGE = 500


def record_doc(section: str, record: Any) -> dict[str, Any]:
    """One record as it appears in the export: contract fields first, then the record's other fields."""
    d = to_dict(record)
    out = {k: d[k] for k in FIELDS[section]}
    out.update((k, v) for k, v in d.items() if k not in out)
    return out


def _dump(obj: Any) -> str:
    try:
        return json.dumps(obj, ensure_ascii=False, allow_nan=False)
    except ValueError as exc:
        raise ExportError(
            f"a record cannot be written as JSON ({exc}): {str(obj)[:200]}",
            hint="a value is NaN or infinite; fix the stage that produced it and re-run it",
        ) from None


class _Writer:
    def __init__(self, fp: IO[str]) -> None:
        self.fp = fp

    def section(self, name: str, docs: Iterable[dict[str, Any]]) -> None:
        self.fp.write(f',\n"{name}": [')
        sep = "\n"
        for doc in docs:
            self.fp.write(sep + _dump(doc))
            sep = ",\n"
        self.fp.write("\n]" if sep != "\n" else "]")


def _all_entities(store: Store) -> Iterator[Entity]:
    offset = 0
    while True:
        page = store.list_entities(limit=_ENTITY_PAGE, offset=offset)
        yield from page
        if len(page) < _ENTITY_PAGE:
            return
        offset += len(page)


def _event_entities(store: Store, entity_ids: Iterable[str], articles: set[str]) -> Iterator[Entity]:
    for eid in dict.fromkeys(entity_ids):
        try:
            ent = store.get_entity(eid)
        except NotFound:
            continue  # an actor given as text, or an entity not saved
        ent.labels = [lab for lab in ent.labels if lab.article in articles]
        yield ent


def export_json(store: Store, fp: IO[str], *, event: str | None = None) -> None:
    """Write the export document (docs/export.md) to the text file ``fp``.

    With ``event``, everything is narrowed to that event's articles: their facts, the entities they
    mention (labels limited to these articles), the event's checks and the tracks citing its claims; event
    references are those of the event's articles plus those of other articles that are linked to the event.
    Raises NotFound for an unknown event, ExportError for a record that cannot be written as JSON.
    """
    ev = store.get_event(event) if event is not None else None
    fp.write(f'{{"crosswire_export": {EXPORT_VERSION}')
    w = _Writer(fp)

    w.section("articles", (record_doc("articles", a) for a in store.iter_articles(event=event)))

    if ev is None:
        w.section("entities", (record_doc("entities", e) for e in _all_entities(store)))
        w.section("events", (record_doc("events", e) for e in _iter_events(store)))
    else:
        members = set(ev.articles)
        ids: list[str] = list(ev.entities)
        ids += [m.entity for m in store.iter_facts("mentions", event=event) if m.entity]
        ids += [q.speaker_entity for q in store.iter_facts("quotes", event=event) if q.speaker_entity]
        w.section("entities", (record_doc("entities", e) for e in _event_entities(store, ids, members)))
        w.section("events", [record_doc("events", ev)])

    for kind in ("quotes", "quantities", "dates"):
        w.section(kind, (record_doc(kind, r) for r in store.iter_facts(kind, event=event)))

    claim_ids: set[str] = set()

    def claims() -> Iterator[dict[str, Any]]:
        for c in store.iter_facts("claims", event=event):
            claim_ids.add(c.id)
            yield record_doc("claims", c)

    w.section("claims", claims())
    w.section("checks", (record_doc("checks", c) for c in store.list_checks(event=event)))
    tracks = store.list_tracks()
    if ev is not None:
        tracks = [t for t in tracks if any(set(p.claims) & claim_ids for p in t.points)]
    w.section("tracks", (record_doc("tracks", t) for t in tracks))
    w.section("event_refs", (record_doc("event_refs", r) for r in _event_refs(store, event)))
    fp.write("\n}\n")


def _event_refs(store: Store, event: str | None) -> Iterator[Any]:
    """Every event reference; for one event, its articles' references, then the other articles' references
    linked to it."""
    seen: set[str] = set()
    for r in store.iter_facts("event_refs", event=event):
        seen.add(r.id)
        yield r
    if event is None:
        return
    offset = 0
    while True:
        page = store.list_event_refs(event=event, limit=_ENTITY_PAGE, offset=offset)
        yield from (r for r in page if r.id not in seen)
        if len(page) < _ENTITY_PAGE:
            return
        offset += len(page)


def _iter_events(store: Store) -> Iterator[Any]:
    offset = 0
    while True:
        page = store.list_events(limit=_ENTITY_PAGE, offset=offset)
        yield from page
        if len(page) < _ENTITY_PAGE:
            return
        offset += len(page)
