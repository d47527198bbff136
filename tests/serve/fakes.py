"""An in-memory store implementing ``crosswire.store.base.Store``, for tests that must not depend on SQL."""

from __future__ import annotations

import copy
import dataclasses
import re
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from crosswire.errors import NotFound, StoreError
from crosswire.models import Article, ArticleFacts, Check, Claim, Entity, Event, Track
from crosswire.store.base import ArticleInfo

_INFO_FIELDS = {f.name for f in dataclasses.fields(ArticleInfo)}


class FakeStore:
    """Dicts behind a lock; same semantics as the protocol (insert-if-absent, replace facts, upsert)."""

    def __init__(self, url: str = "memory://") -> None:
        self.url = url
        self._lock = threading.RLock()
        self.articles: dict[str, Article] = {}
        self.facts: dict[str, ArticleFacts] = {}
        self.entities: dict[str, Entity] = {}
        self.events: dict[str, Event] = {}
        self.checks: dict[str | None, list[Check]] = {}
        self.tracks: list[Track] = []
        self.sigs: dict[str, bytes] = {}
        self.states: dict[str, bytes] = {}

    # articles
    def add_articles(self, articles: Iterable[Article]) -> list[str]:
        with self._lock:
            new = []
            for a in articles:
                if a.id not in self.articles:
                    self.articles[a.id] = copy.deepcopy(a)
                    new.append(a.id)
            return new

    def get_article(self, article_id: str) -> Article:
        try:
            return copy.deepcopy(self.articles[article_id])
        except KeyError:
            raise NotFound(f"article {article_id} not found") from None

    def has_article(self, article_id: str) -> bool:
        return article_id in self.articles

    def find_by_content_hash(self, content_hash: str) -> str | None:
        return next((a.id for a in self.articles.values() if a.content_hash == content_hash), None)

    def _filtered(self, outlet=None, since=None, until=None, entity=None, event=None) -> list[Article]:
        with self._lock:
            out = list(self.articles.values())
            if outlet is not None:
                out = [a for a in out if a.outlet == outlet]
            if since:
                out = [a for a in out if a.published and a.published[:10] >= since[:10]]
            if until:
                out = [a for a in out if a.published and a.published[:10] <= until[:10]]
            if entity:
                out = [a for a in out if any(m.entity == entity for m in self.facts.get(a.id, ArticleFacts(a.id)).mentions)]
            if event:
                ids = set(self.events[event].articles) if event in self.events else set()
                out = [a for a in out if a.id in ids]
            return out

    def list_articles(self, *, outlet=None, since=None, until=None, entity=None, event=None, limit=None,
                      offset=0) -> list[Article]:
        out = self._filtered(outlet, since, until, entity, event)
        end = None if limit is None else offset + limit
        return [copy.deepcopy(a) for a in out[offset:end]]

    def count_articles(self, **filters: Any) -> int:
        return len(self._filtered(**filters))

    def iter_articles(self, batch: int = 500) -> Iterator[Article]:
        yield from list(self.articles.values())

    def set_duplicate_of(self, article_id: str, original_id: str | None) -> None:
        self.articles[article_id].duplicate_of = original_id

    def save_signatures(self, sigs: dict[str, bytes]) -> None:
        self.sigs.update(sigs)

    def iter_signatures(self) -> Iterator[tuple[str, bytes]]:
        yield from list(self.sigs.items())

    # facts
    def save_facts(self, facts: Iterable[ArticleFacts]) -> None:
        with self._lock:
            for f in facts:
                self.facts[f.article] = copy.deepcopy(f)

    def get_facts(self, article_id: str) -> ArticleFacts:
        if article_id not in self.articles:
            raise NotFound(f"article {article_id} not found")
        return copy.deepcopy(self.facts.get(article_id, ArticleFacts(article_id)))

    def has_facts(self, article_id: str) -> bool:
        return article_id in self.facts

    def _event_articles(self, event: str | None) -> set[str] | None:
        if event is None:
            return None
        return set(self.events[event].articles) if event in self.events else set()

    def list_quotes(self, *, article=None, speaker_entity=None, event=None, limit=None, offset=0) -> list[Any]:
        ids = self._event_articles(event)
        out = [q for f in list(self.facts.values()) for q in f.quotes
               if (article is None or q.article == article) and (ids is None or q.article in ids)
               and (speaker_entity is None or q.speaker_entity == speaker_entity)]
        return out[offset: None if limit is None else offset + limit]

    def list_claims(self, *, article=None, event=None, limit=None, offset=0) -> list[Any]:
        ids = self._event_articles(event)
        out = []
        for f in list(self.facts.values()):
            for c in f.claims:
                if (article is None or c.article == article) and (ids is None or c.article in ids):
                    c = copy.copy(c)
                    c.event = self.event_of(c.article)
                    out.append(c)
        return out[offset: None if limit is None else offset + limit]

    def _figure_claims(self, units: Iterable[str]) -> list[tuple[Claim, Any]]:
        unit_set = set(units)
        out = []
        for f in self.facts.values():
            qs = {q.id: q for q in f.quantities}
            for c in f.claims:
                q = qs.get(c.quantity) if c.quantity else None
                if q is not None and q.unit in unit_set:
                    out.append((c, q))
        return out

    def list_figure_actors(self, units: Iterable[str]) -> list[tuple[str, str | None]]:
        found = {(q.unit, c.actor) for c, q in self._figure_claims(units)}
        return sorted(found, key=lambda ua: (ua[0], ua[1] is not None, ua[1] or ""))

    def list_figure_claims(self, *, units: Iterable[str], actors=None) -> list[tuple[Claim, Any]]:
        pairs = self._figure_claims(units)
        if actors is not None:
            wanted = set(actors)
            pairs = [(c, q) for c, q in pairs if c.actor in wanted]
        return pairs

    def get_claims(self, ids: Iterable[str]) -> list[Claim]:
        wanted = set(ids)
        return [c for c in self.list_claims() if c.id in wanted]

    def get_quantities(self, ids: Iterable[str]) -> list[Any]:
        wanted = set(ids)
        return [copy.deepcopy(q) for f in list(self.facts.values()) for q in f.quantities if q.id in wanted]

    def list_event_refs(self, *, article=None, event=None, unlinked=False, since=None, until=None, limit=None,
                        offset=0, outside=False) -> list[Any]:
        if outside and event is None:
            raise StoreError("list_event_refs(outside=True) needs an event")
        members = self._event_articles(event) if outside else set()
        out = [r for f in list(self.facts.values()) for r in f.event_refs
               if (article is None or r.article == article) and (event is None or r.event == event)
               and r.article not in members
               and (not unlinked or r.event is None)
               and (since is None or (r.date is not None and r.date[:10] >= since[: len(r.date[:10])]))
               and (until is None or (r.date is not None and r.date[:10] <= until[: len(r.date[:10])]))]
        return copy.deepcopy(out[offset: None if limit is None else offset + limit])

    def link_event_refs(self, links: dict[str, tuple[str | None, str | None]]) -> None:
        with self._lock:
            for f in self.facts.values():
                for r in f.event_refs:
                    if r.id in links:
                        r.event, r.why = links[r.id]

    # entities
    def save_entities(self, entities: Iterable[Entity]) -> None:
        for e in entities:
            self.entities[e.id] = copy.deepcopy(e)

    def list_entities(self, *, type=None, q=None, limit=None, offset=0) -> list[Entity]:
        out = [e for e in self.entities.values() if (type is None or e.type == type)
               and (q is None or q.lower() in (e.name + " " + " ".join(e.aliases)).lower())]
        return out[offset: None if limit is None else offset + limit]

    def get_entity(self, entity_id: str) -> Entity:
        try:
            return copy.deepcopy(self.entities[entity_id])
        except KeyError:
            raise NotFound(f"entity {entity_id} not found") from None

    def get_entities(self, ids: Iterable[str], *, labels: bool = True) -> list[Entity]:
        out = [copy.deepcopy(self.entities[i]) for i in dict.fromkeys(ids) if i in self.entities]
        if not labels:
            for e in out:
                e.labels = []
        return sorted(out, key=lambda e: (e.name, e.id))

    def count_entity_labels(self, entity_ids: Iterable[str], *, event=None) -> list[tuple[str, Any, str, int]]:
        members = self._event_articles(event)
        counts: Counter[tuple[str, Any, str]] = Counter()
        for eid in sorted(set(entity_ids)):
            for lab in self.entities[eid].labels if eid in self.entities else []:
                if members is None:
                    counts[(eid, lab.outlet, lab.label)] += 1
                elif lab.article in members:
                    counts[(eid, self.articles[lab.article].outlet, lab.label)] += 1
        return [(*k, n) for k, n in counts.items()]

    # events
    def save_events(self, events: Iterable[Event]) -> None:
        for e in events:
            self.events[e.id] = copy.deepcopy(e)

    def list_events(self, *, limit=None, offset=0, since=None, until=None, members=True) -> list[Event]:
        out = sorted(self.events.values(), key=lambda e: (e.date or "", e.id), reverse=True)
        if since is not None:
            out = [e for e in out if e.date and e.date >= since[: len(e.date)]]
        if until is not None:
            out = [e for e in out if e.date and e.date <= until[: len(e.date)]]
        out = copy.deepcopy(out[offset: None if limit is None else offset + limit])
        for e in out if not members else []:
            e.articles = []
        return out

    def get_event(self, event_id: str, *, members: bool = True) -> Event:
        try:
            e = copy.deepcopy(self.events[event_id])
        except KeyError:
            raise NotFound(f"event {event_id} not found") from None
        if not members:
            e.articles = []
        return e

    def find_events(self, *, entities: Iterable[str], units=None, members: bool = True) -> list[Event]:
        keys = set(entities)
        unit_set = None if units is None else set(units)
        out = []
        for e in self.list_events(members=True):
            if not keys & set(e.entities):
                continue
            if unit_set is not None:
                qs = {q.id: q.unit for a in e.articles if a in self.facts for q in self.facts[a].quantities}
                if not any(qs.get(c.quantity) in unit_set for a in e.articles if a in self.facts
                           for c in self.facts[a].claims):
                    continue
            if not members:
                e.articles = []
            out.append(e)
        return out

    def event_sizes(self, event_ids: Iterable[str]) -> dict[str, int]:
        return {i: len(self.events[i].articles) if i in self.events else 0 for i in event_ids}

    def event_outlets(self, event_id: str) -> list[tuple[str | None, int]]:
        n = Counter(self.articles[a].outlet for a in self.events[event_id].articles) if event_id in self.events else {}
        return sorted(n.items(), key=lambda kv: (-kv[1], kv[0] is None, kv[0] or ""))

    def event_of(self, article_id: str) -> str | None:
        return next((e.id for e in self.events.values() if article_id in e.articles), None)

    def save_event_state(self, event_id: str, state: bytes) -> None:
        self.states[event_id] = state

    def iter_event_states(self) -> Iterator[tuple[str, bytes]]:
        yield from list(self.states.items())

    # checks
    def replace_checks(self, event_id: str | None, checks: Iterable[Check]) -> None:
        self.checks[event_id] = copy.deepcopy(list(checks))

    def list_checks(self, *, event=None) -> list[Check]:
        if event is None:
            return [c for cs in self.checks.values() for c in cs]
        return copy.deepcopy(self.checks.get(event, []))

    def replace_tracks(self, tracks: Iterable[Track]) -> None:
        self.tracks = copy.deepcopy(list(tracks))

    @staticmethod
    def _cites(t: Track, articles: set[str]) -> bool:
        return any(c.split(":", 1)[0] in articles for p in t.points for c in p.claims)

    def replace_tracks_of(self, articles: Iterable[str], tracks: Iterable[Track], *, units=None) -> None:
        ids, unit_set = set(articles), None if units is None else set(units)
        self.tracks = [t for t in self.tracks if not (self._cites(t, ids) and (unit_set is None or t.unit in unit_set))]
        self.tracks.extend(copy.deepcopy(list(tracks)))

    def list_tracks(self, *, articles=None, event=None) -> list[Track]:
        out = self.tracks
        if articles is not None:
            ids = set(articles)
            out = [t for t in out if self._cites(t, ids)]
        if event is not None:
            out = [t for t in out if self._cites(t, self._event_articles(event))]
        return copy.deepcopy(out)

    # search
    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[tuple[Article, str]]:
        terms = [t for t in re.findall(r"\w+", query.lower()) if t]
        if not terms:
            return []
        hits = []
        for a in self.articles.values():
            low = (a.title or "").lower() + " " + a.text.lower()
            if all(t in low for t in terms):
                i = a.text.lower().find(terms[0])
                snippet = a.text[max(0, i - 60): i + 60] if i >= 0 else a.text[:120]
                hits.append((copy.deepcopy(a), snippet))
        return hits[offset: offset + limit]

    def _info(self, a: Article) -> ArticleInfo:
        return ArticleInfo(**{k: v for k, v in dataclasses.asdict(a).items() if k in _INFO_FIELDS},
                           event=self.event_of(a.id))

    def list_article_infos(self, *, ids=None, outlet=None, since=None, until=None, entity=None, event=None,
                           limit=None, offset=0) -> list[ArticleInfo]:
        arts = self._filtered(outlet, since, until, entity, event)
        if ids is not None:
            wanted = set(ids)
            arts = [a for a in arts if a.id in wanted]
        return [self._info(a) for a in arts[offset: None if limit is None else offset + limit]]

    def search_infos(self, query: str, *, limit: int = 20, offset: int = 0) -> list[tuple[ArticleInfo, str]]:
        return [(self._info(a), s) for a, s in self.search(query, limit=limit, offset=offset)]

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        with self._lock:  # one state: no write runs while the block reads
            yield

    def close(self) -> None:
        pass
