"""The only module that knows the order of the stages.

``ingest -> normalize -> dedup -> store articles -> extract -> link -> cluster -> link event references
-> reconcile -> store facts``

Work goes in batches of ``settings.store.batch_size`` articles. Each store call is one transaction, and every
step is idempotent: articles are keyed by a hash of their id and text, facts are replaced per article, events
and checks are upserted. A crash or Ctrl-C mid-run therefore loses at most the batch in flight, and a re-run
skips what is complete and finishes what is not (articles stored without facts or without an event).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .config import Settings, load_settings
from .errors import IngestError
from .models import Article, ArticleFacts, Claim, Entity, Event, Quantity, RawDocument
from .store.base import Store

#: stored events compared with one event reference at most (those dated in its window, earliest first)
MAX_REF_CANDIDATES = 500

#: ``check_map(jobs, entities, settings)`` of :meth:`Pipeline.reconcile`: cross-checks run elsewhere
CheckMap = Callable[[list[tuple[Event, list[Article], list[ArticleFacts]]], dict[str, Entity], Settings],
                    Iterator[list[Any]]]


@dataclass
class Failure:
    source: str
    record: str | None
    reason: str

    def __str__(self) -> str:
        return f"{self.source}{f' [{self.record}]' if self.record else ''}: {self.reason}"


@dataclass
class RunReport:
    """What one ingest run did; the CLI prints it as the summary table."""

    documents: int = 0  # documents read (good ones)
    inserted: int = 0  # new articles stored
    already_stored: int = 0  # skipped: same id already in the store
    duplicates: int = 0  # stored, linked to an original with duplicate_of
    non_english: int = 0  # stored, flagged, not extracted
    extracted: int = 0  # articles whose facts were extracted in this run
    events_new: int = 0
    events_touched: int = 0
    skipped_records: dict[str, int] = field(default_factory=dict)  # e.g. WARC non-HTML records
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    words: int = 0

    @property
    def exit_code(self) -> int:
        """0 when everything went in, 1 when any file or record failed."""
        return 1 if self.failures else 0

    @property
    def articles_per_s(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "inserted": self.inserted,
            "already_stored": self.already_stored,
            "duplicates": self.duplicates,
            "non_english": self.non_english,
            "extracted": self.extracted,
            "events_new": self.events_new,
            "events_touched": self.events_touched,
            "skipped_records": self.skipped_records,
            "failures": [{"source": f.source, "record": f.record, "reason": f.reason} for f in self.failures],
            "seconds": round(self.seconds, 3),
            "articles_per_s": round(self.articles_per_s, 2),
            "exit_code": self.exit_code,
        }


# --- stage functions (also used by crosswire.batch) -------------------------------------------------


def _normalized(
    items: Iterable[RawDocument | IngestError], settings: Settings
) -> Iterator[Article | IngestError]:
    """normalize: each document as an Article, or its error (errors pass through; the batch goes on)."""
    from .normalize.article import to_article

    for item in items:
        if isinstance(item, IngestError):
            yield item
            continue
        try:
            yield to_article(item, settings)
        except IngestError as exc:
            yield exc


def read_articles(
    paths: list[str],
    settings: Settings,
    *,
    meta: str | None = None,
    stdin: Any = None,
    stats: Any = None,
) -> Iterator[Article | IngestError]:
    """ingest + normalize: articles, or the error of each bad file or record (the batch goes on)."""
    from .ingest.sources import iter_documents

    yield from _normalized(iter_documents(paths, meta=meta, settings=settings, stdin=stdin, stats=stats), settings)


def records_to_raw(records: Iterable[Any], source: str = "api") -> Iterator[RawDocument | IngestError]:
    """JSON records (API, JSONL-like) -> RawDocuments through the JSONL reader's mapping; a bad record is an
    error naming its id (or its position)."""
    from .ingest.jsonl import record_to_raw

    for i, rec in enumerate(records):
        rid = str((rec.get("id") if isinstance(rec, dict) else None) or f"record-{i + 1}")
        src = str((rec.get("url") if isinstance(rec, dict) else None) or source)
        try:
            yield record_to_raw(rec, source=src, record=rid)
        except IngestError as exc:
            yield exc


class Pipeline:
    """Runs the stages over batches of articles against one store.

    Models (spaCy, the embedder) and the incremental indexes (dedup, events) are loaded once, on first use.
    """

    def __init__(self, store: Store, settings: Settings | None = None, *, nlp: Any = None) -> None:
        self.store = store
        self.settings = settings or load_settings()
        self._nlp = nlp
        self._deduper: Any = None
        self._events: Any = None
        self._entities: dict[str, Entity] | None = None
        self.touched_events: set[str] = set()
        self._pending: dict[str, str] = {}

    # lazily built pieces ---------------------------------------------------------------------------
    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            from .extract.nlp import load_nlp

            self._nlp = load_nlp(settings=self.settings)
        return self._nlp

    @property
    def deduper(self) -> Any:
        if self._deduper is None:
            from .dedup.minhash import Deduper

            d = Deduper(self.settings, get_text=self._text_of)
            d.load(self.store.iter_signatures())
            self._deduper = d
        return self._deduper

    @property
    def event_index(self) -> Any:
        if self._events is None:
            from .cluster.events import EventIndex

            idx = EventIndex(self.settings)
            idx.load_state(self.store.iter_event_states())
            self._events = idx
        return self._events

    @property
    def entities(self) -> dict[str, Entity]:
        if self._entities is None:
            self._entities = {e.id: e for e in self.store.list_entities()}
        return self._entities

    def _text_of(self, article_id: str) -> str:
        """Text of an article for the dedup partial-match check: in the batch being added, or stored."""
        if article_id in self._pending:
            return self._pending[article_id]
        return self.store.get_article(article_id).text

    # stages ------------------------------------------------------------------------------------------
    def add_batch(self, articles: list[Article], report: RunReport) -> list[Article]:
        """dedup + store; returns the articles that still need facts/events (new ones and unfinished ones)."""
        todo: list[Article] = []
        fresh: list[Article] = []
        seen: set[str] = set()
        for a in articles:
            if a.id in seen:
                report.already_stored += 1
                continue
            seen.add(a.id)
            if self.store.has_article(a.id):
                report.already_stored += 1
                if not self.store.has_facts(a.id) or self.store.event_of(a.id) is None:
                    todo.append(self.store.get_article(a.id))
                continue
            self._pending[a.id] = a.text
            original = self.deduper.add(a)  # checks against everything indexed so far, then indexes it
            if original is not None and original != a.id:
                a.duplicate_of = original
                report.duplicates += 1
            fresh.append(a)
        if fresh:
            inserted = self.store.add_articles(fresh)
            report.inserted += len(inserted)
            self.store.save_signatures({a.id: self.deduper.signature_bytes(a.id) for a in fresh})
            self._pending.clear()
        return todo + fresh

    def extract(
        self,
        articles: list[Article],
        report: RunReport,
        precomputed: dict[str, ArticleFacts] | None = None,
    ) -> list[ArticleFacts]:
        """Facts for each eligible article (computed here, or taken from ``precomputed`` made by batch
        workers), then entity linking against the store's entities; facts and entities are saved."""
        from .extract.linking import link_entities
        from .extract.run import extract_facts

        langs = set(self.settings.ingest.languages)
        eligible = []
        for a in articles:
            if a.language and a.language not in langs:
                report.non_english += 1
                continue
            eligible.append(a)
        pre = precomputed or {}
        missing = [a for a in eligible if a.id not in pre]
        computed = {f.article: f for f in extract_facts(missing, self.nlp, self.settings)} if missing else {}
        facts = [pre.get(a.id) or computed[a.id] for a in eligible]
        by_id = {a.id: a for a in eligible}
        entities = link_entities(facts, by_id, self.entities.values())
        from .cluster.refs import refresh_entities

        for f in facts:
            refresh_entities(f)  # event references name the linked entity ids, as events do
        for e in entities:
            self.entities[e.id] = e
        if entities:
            self.store.save_entities(entities)
        self.store.save_facts(facts)
        report.extracted += len(facts)
        return facts

    def cluster(
        self,
        articles: list[Article],
        facts: list[ArticleFacts],
        report: RunReport,
        vectors: dict[str, Any] | None = None,
    ) -> None:
        """Assign each article to an event (``vectors``: title+lead embeddings batch workers computed)."""
        from .cluster.features import lead_text

        by_article = {f.article: f for f in facts}
        changed: dict[str, Event] = {}
        # embed the batch's title+leads in one model call (the index would embed them one by one)
        vectors = dict(vectors or {})
        need = [
            a
            for a in articles
            if a.duplicate_of is None and a.id not in vectors and self.event_index.event_of(a.id) is None
        ]
        if need:
            embedded = self.event_index.embedder.embed([lead_text(a, by_article.get(a.id)) for a in need])
            vectors.update({a.id: v for a, v in zip(need, embedded, strict=True)})
        for a in articles:
            event, is_new = self.event_index.assign(a, by_article.get(a.id), vector=vectors.get(a.id))
            changed[event.id] = event
            report.events_new += int(is_new)
        # the index's bounded repair may also have moved articles between events or merged two
        repaired, removed = self.event_index.take_changes()
        for ev in repaired:
            changed[ev.id] = ev
        for eid in removed:
            changed.pop(eid, None)
        if removed:
            self.store.delete_events(removed)
            self.touched_events.difference_update(removed)
        if changed:
            self.store.save_events(changed.values())
            for eid in changed:
                self.store.save_event_state(eid, self.event_index.state(eid))
        self.touched_events.update(changed)

    def _link_refs(self, refs: list[Any], published: dict[str, Any]) -> dict[str, tuple[str | None, str | None]]:
        """``{ref id: (event, why)}`` for these event references; each is compared with the stored events dated
        in its window only (``cluster.refs.ref_window``), read once per distinct window."""
        from .cluster.refs import link_one, ref_window

        cache: dict[tuple[Any, Any], list[Event]] = {}
        links: dict[str, tuple[str | None, str | None]] = {}
        for ref in refs:
            window = ref_window(ref, published.get(ref.article))
            if window is None:
                links[ref.id] = (None, None)
                continue
            if window not in cache:
                cache[window] = self.store.list_events(
                    since=window[0].isoformat(), until=window[1].isoformat(), limit=MAX_REF_CANDIDATES
                )
            links[ref.id] = link_one(ref, cache[window])
        return links

    def link_refs(self, articles: list[Article], facts: list[ArticleFacts]) -> int:
        """Link a clustered batch's event references to stored events and save the links; returns how many
        were linked. References to events not stored yet are linked later (:meth:`relink_refs`)."""
        from .cluster.features import published_date

        refs = [r for f in facts for r in f.event_refs]
        if not refs:
            return 0
        published = {a.id: published_date(a) for a in articles}
        links = self._link_refs(refs, published)
        for r in refs:
            r.event, r.why = links[r.id]
        self.store.link_event_refs(links)
        return sum(1 for ev, _ in links.values() if ev is not None)

    def relink_refs(self, events: list[Event]) -> int:
        """Link the still unlinked references dated near these (touched) events: a story that refers to an
        event the store only learns about later gets its link when that event arrives. Returns how many."""
        from datetime import timedelta

        from .cluster.refs import REF_DAY_SLACK, period

        slack = timedelta(days=REF_DAY_SLACK)
        refs: dict[str, Any] = {}
        windows = {p for p in (period(ev.date) for ev in events) if p is not None}
        for lo, hi in sorted(windows):
            for r in self.store.list_event_refs(
                unlinked=True, since=(lo - slack).isoformat(), until=(hi + slack).isoformat()
            ):
                refs[r.id] = r
        if not refs:
            return 0
        links = {k: v for k, v in self._link_refs(list(refs.values()), {}).items() if v[0] is not None}
        self.store.link_event_refs(links)
        return len(links)

    def reconcile(self, check_map: CheckMap | None = None) -> None:
        """Cross-check every event touched in this run, then rebuild the tracks that can involve them; link the
        event references that were waiting for a touched event (:meth:`relink_refs`).

        Tracks are rebuilt exactly as a full rebuild over every event would give them, reading only what can
        interact with the touched claims (:meth:`_rebuild_tracks`).

        ``check_map(jobs, entities, settings)``, when given, runs ``reconcile.checks.cross_check`` on each job
        ``(event, articles, facts)`` elsewhere (batch workers) and returns an iterator over the lists of checks,
        in job order; the tracks are rebuilt here meanwhile. The checks are the same either way: the events'
        cross-checks are independent of each other.
        """
        from .reconcile.checks import cross_check

        touched = [self.store.get_event(eid) for eid in sorted(self.touched_events)]
        # articles and facts read for the checks are reused for the tracks (each is read once per reconcile)
        read: dict[str, tuple[Article, ArticleFacts]] = {}

        def article_facts(aid: str) -> tuple[Article, ArticleFacts]:
            if aid not in read:
                read[aid] = (self.store.get_article(aid), self.store.get_facts(aid))
            return read[aid]

        jobs: list[tuple[Event, list[Article], list[ArticleFacts]]] = []
        for event in touched:
            pairs = [article_facts(a) for a in event.articles]
            jobs.append((event, [p[0] for p in pairs], [p[1] for p in pairs]))
        remote = check_map(jobs, self.entities, self.settings) if check_map is not None and jobs else None
        if remote is None:
            for event, arts, facts in jobs:
                self.store.replace_checks(event.id, cross_check(event, arts, facts, self.entities, self.settings))
        if touched:
            touched_articles = list(dict.fromkeys(a for ev in touched for a in ev.articles))
            self._rebuild_tracks(touched_articles, article_facts)
            self.relink_refs(touched)
        if remote is not None:
            for (event, _, _), checks in zip(jobs, remote, strict=True):
                self.store.replace_checks(event.id, checks)
        self.touched_events.clear()

    def _rebuild_tracks(
        self, touched_articles: list[str], article_facts: Callable[[str], tuple[Article, ArticleFacts]]
    ) -> None:
        """Rebuild the tracks that can involve a claim of these (re-read) articles, so that the stored tracks
        equal what ``build_tracks`` over every event of the store would give.

        A track is one group of ``align.group_items``: its items share a block (``align.block_key``: unit,
        recognised measure, ...) and, unless their measure is recognised (``EVENT_MEASURES``: the actor is not
        compared), have pairwise compatible actors. Items that can never align with each other never influence
        each other's groups (greedy complete linkage only ever compares items that could share a group), so the
        groups of a set of items closed under "can align" are those of the full grouping. The scope is that
        closure, per unit, read through ``Store.list_figure_actors`` / ``Store.list_figure_claims``:

        * seeds: the figure claims of the touched articles, and the claims still stored that are cited by the
          stored tracks citing a touched article (a re-read article may have lost or changed a claim);
        * per unit of a seed: the actors of that unit's figure claims connected to a seed's actor through
          shared resolver keys (``ActorResolver.keys``: name, country), transitively; the claims of those
          actors are read;
        * the whole unit is read instead when the closure cannot be bounded by actors: a seed or a read claim
          has no actor while sharing a block with the scope (a claim without an actor is compatible with every
          actor, so it links every actor of its block), or a read claim has a recognised measure (the actor is
          not compared). The claims without an actor of a unit are always read, to check this;
        * the resolver is built from the mentions and texts of the articles read, and the closure is computed
          again with it until nothing new is read.

        The claims in the scope are grouped again (``build_tracks`` over only those claims) and the stored
        tracks citing one of them, or citing a touched article, are replaced by the result; the other stored
        tracks are kept as they are.

        Not exact: the full rebuild's resolver knows the mentions and texts of every article; here only those
        of the articles read (in scope), so an actor link made only by a label or text outside the scope
        ("Chinese President Xi" in an article of another unit) is missed.
        """
        import dataclasses

        from .reconcile.align import ActorResolver, block_key, prepare
        from .reconcile.tracks import build_tracks

        def valid(c: Claim, q: Quantity) -> Any:
            it = prepare(c, "", {q.id: q})
            return it if it.interval is not None and c.polarity else None

        seeds: dict[str, set[str | None]] = {}
        for aid in touched_articles:
            art, f = article_facts(aid)
            if art.duplicate_of:
                continue
            qs = {q.id: q for q in f.quantities}
            for c in f.claims:
                q = qs.get(c.quantity) if c.quantity else None
                if q is not None and valid(c, q) is not None:
                    seeds.setdefault(q.unit, set()).add(c.actor)
        stale = self.store.list_tracks(articles=touched_articles)
        old = self.store.get_claims(dict.fromkeys(cid for t in stale for p in t.points for cid in p.claims))
        old_q = {q.id: q for q in self.store.get_quantities([c.quantity for c in old if c.quantity])}
        for c in old:
            q = old_q.get(c.quantity) if c.quantity else None
            if q is not None and valid(c, q) is not None:
                seeds.setdefault(q.unit, set()).add(c.actor)

        units = sorted(seeds)
        actors_of: dict[str, list[str]] = {u: [] for u in units}
        for u, a in self.store.list_figure_actors(units) if units else []:
            if a is not None:
                actors_of[u].append(a)
        whole = {u for u in units if None in seeds[u]}
        read_whole: set[str] = set()
        read_actors: dict[str, set[str | None]] = {u: set() for u in units}
        claims_of: dict[str, tuple[Claim, Quantity]] = {}
        scope: dict[str, set[str]] = {}
        read_arts: dict[str, None] = dict.fromkeys(touched_articles)  # every article read, in order
        scope: dict[str, set[str]] = {}
        while True:
            live = [af for af in map(article_facts, read_arts) if not af[0].duplicate_of]
            resolver = ActorResolver.build([f for _, f in live], None, [a for a, _ in live])
            wanted: dict[str, set[str | None]] = {
                u: {None, *_actor_closure(actors_of[u], seeds[u], resolver)} for u in units if u not in whole
            }
            news: list[tuple[Claim, Quantity]] = []
            fresh = sorted(whole - read_whole)
            if fresh:
                news += self.store.list_figure_claims(units=fresh)
                read_whole |= set(fresh)
            for u, acts in wanted.items():
                missing = acts - read_actors[u]
                if missing and u not in read_whole:
                    news += self.store.list_figure_claims(units=[u], actors=sorted(missing, key=lambda a: a or ""))
                read_actors[u] |= missing
            for c, q in news:
                claims_of[c.id] = (c, q)
                read_arts.setdefault(c.article, None)
            # the valid items read, per unit (duplicates' claims are never in a track)
            items_by_unit: dict[str, list[tuple[Claim, Any]]] = {u: [] for u in units}
            for c, q in claims_of.values():
                it = valid(c, q) if not article_facts(c.article)[0].duplicate_of else None
                if it is not None and q.unit in items_by_unit:
                    items_by_unit[q.unit].append((c, it))
            widened = False
            scope = {}
            for u in units:
                if u in whole:
                    scope[u] = {c.id for c, _ in items_by_unit[u]}
                    continue
                mine = [(c, it) for c, it in items_by_unit[u] if c.actor is not None and c.actor in wanted[u]]
                blocks = {block_key(it) for _, it in mine}
                if any(it.key.concept for _, it in mine) or any(
                    c.actor is None and block_key(it) in blocks for c, it in items_by_unit[u]
                ):
                    whole.add(u)  # no bound by actors: read the unit whole (next round)
                    widened = True
                    continue
                scope[u] = {c.id for c, _ in mine}
            if not news and not widened:
                break

        in_scope = {cid for ids in scope.values() for cid in ids}
        arts = {aid: article_facts(aid) for aid in read_arts}
        infos = {i.id: i.event for i in self.store.list_article_infos(ids=list(arts))} if arts else {}
        events: dict[str, Event] = {}
        for aid, eid in infos.items():
            if eid is None:
                continue
            if eid not in events:
                events[eid] = dataclasses.replace(self.store.get_event(eid, members=False), articles=[])
            events[eid].articles.append(aid)
        facts = [dataclasses.replace(f, claims=[c for c in f.claims if c.id in in_scope]) for _, f in arts.values()]
        rebuilt = build_tracks(list(events.values()), [a for a, _ in arts.values()], facts, self.settings)
        stale_ids = {t.id for t in stale}
        kept = [
            t
            for t in self.store.list_tracks(articles=list(arts))
            if t.id not in stale_ids and not any(cid in in_scope for p in t.points for cid in p.claims)
        ]
        self.store.replace_tracks_of(list(arts), kept + rebuilt)

    def process(
        self,
        articles: list[Article],
        report: RunReport,
        precomputed: dict[str, ArticleFacts] | None = None,
        vectors: dict[str, Any] | None = None,
    ) -> None:
        """One batch through every stage but reconcile (which runs once per run, over touched events)."""
        todo = self.add_batch(articles, report)
        if not todo:
            return
        facts = self.extract(todo, report, precomputed)
        self.cluster([a for a in todo if a.duplicate_of is None], facts, report, vectors)
        dups = [a for a in todo if a.duplicate_of is not None]
        if dups:  # duplicates follow their original's event
            self.cluster(dups, facts, report)
        self.link_refs(todo, facts)
        report.words += sum(a.word_count for a in todo)

    # entry points --------------------------------------------------------------------------------
    def run(
        self,
        items: Iterable[Article | IngestError],
        *,
        progress: Callable[[int], None] | None = None,
        report: RunReport | None = None,
    ) -> RunReport:
        report = report or RunReport()
        t0 = time.perf_counter()
        batch: list[Article] = []
        size = max(1, self.settings.store.batch_size)
        for item in items:
            if isinstance(item, IngestError):
                report.failures.append(Failure(item.source, item.record, item.reason))
                continue
            report.documents += 1
            batch.append(item)
            if len(batch) >= size:
                self.process(batch, report)
                if progress:
                    progress(len(batch))
                batch = []
        if batch:
            self.process(batch, report)
            if progress:
                progress(len(batch))
        report.events_touched = len(self.touched_events)  # new or changed in this run (reconcile clears the set)
        self.reconcile()
        report.seconds = time.perf_counter() - t0
        return report


def ingest_paths(
    paths: list[str],
    store: Store,
    settings: Settings | None = None,
    *,
    meta: str | None = None,
    stdin: Any = None,
    progress: Callable[[int], None] | None = None,
    nlp: Any = None,
) -> RunReport:
    """Read files/dirs/URLs/stdin and run the whole pipeline into the store."""
    from .ingest.common import IngestStats

    settings = settings or load_settings()
    report = RunReport()
    stats = IngestStats()
    items = read_articles(paths, settings, meta=meta, stdin=stdin, stats=stats)
    report = Pipeline(store, settings, nlp=nlp).run(items, progress=progress, report=report)
    report.skipped_records = dict(stats.skipped)
    return report


def ingest_records(
    records: list[dict[str, Any]], store: Store, settings: Settings | None = None, *, nlp: Any = None
) -> dict[str, Any]:
    """Run the pipeline on JSON records (the API's write endpoints). Returns the report as a dict."""
    settings = settings or load_settings()
    return Pipeline(store, settings, nlp=nlp).run(_normalized(records_to_raw(records), settings)).as_dict()


def _actor_closure(actors: list[str], seeds: set[str | None], resolver: Any) -> set[str]:
    """The actors (of ``actors``, plus the named seeds) connected to a seed through shared resolver keys,
    transitively: the only actors whose claims can share a track with a seed's, directly or through others."""
    by_key: dict[str, list[str]] = {}
    for a in actors:
        for k in resolver.keys(a):
            by_key.setdefault(k, []).append(a)
    todo = [a for a in seeds if a is not None]
    found = set(todo)
    while todo:
        a = todo.pop()
        for k in resolver.keys(a):
            for b in by_key.get(k, ()):
                if b not in found:
                    found.add(b)
                    todo.append(b)
    return found
