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
from .models import Article, ArticleFacts, Entity, Event, RawDocument
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

        Tracks follow a figure across the events of one story. The *story scope* of the touched events, read
        through store indexes (never a scan of all events or all tracks):

        * the units that can change: those of the touched events' claims with a figure, and those of the
          stored tracks citing their articles (a re-extracted article may have lost a figure);
        * the events: the touched ones, and the events sharing a key entity with one of them
          (``Store.find_events``) that hold a claim with a figure in one of those units. Claims of other units
          can never join a track with a touched claim (the unit is part of every alignment);
        * only the figures in those units are grouped again (``build_tracks(units=)``), and only the stored
          tracks in those units citing a re-read article are replaced (``Store.replace_tracks_of``); the
          others are kept as they are. The actor resolver (who is whose country) is built from the same
          events, so it may know fewer mentions than one built from every event sharing a key entity.

        ``check_map(jobs, entities, settings)``, when given, runs ``reconcile.checks.cross_check`` on each job
        ``(event, articles, facts)`` elsewhere (batch workers) and returns an iterator over the lists of checks,
        in job order; the tracks are rebuilt here meanwhile. The checks are the same either way: the events'
        cross-checks are independent of each other.
        """
        from .reconcile.checks import cross_check
        from .reconcile.tracks import build_tracks

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
            keys = {k for ev in touched for k in ev.entities}
            units: set[str] = set()
            for _, _, facts in jobs:
                for f in facts:
                    cited = {c.quantity for c in f.claims if c.quantity}
                    units.update(q.unit for q in f.quantities if q.id in cited)
            touched_articles = [a for ev in touched for a in ev.articles]
            units |= {t.unit for t in self.store.list_tracks(articles=touched_articles) if t.unit is not None}
            related: dict[str, Event] = {}
            if units and keys:
                related = {ev.id: ev for ev in self.store.find_events(entities=sorted(keys), units=sorted(units))}
            for ev in touched:
                related.setdefault(ev.id, ev)
            arts: dict[str, Article] = {}
            all_facts: list[ArticleFacts] = []
            for ev in related.values():
                for aid in ev.articles:
                    if aid not in arts:
                        arts[aid], f = article_facts(aid)
                        all_facts.append(f)
            tracks = (
                build_tracks(list(related.values()), list(arts.values()), all_facts, self.settings, units=units)
                if units
                else []
            )
            # the stored tracks in these units citing a re-read article are rebuilt above; the others are kept
            self.store.replace_tracks_of(list(arts), tracks, units=sorted(units))
            self.relink_refs(touched)
        if remote is not None:
            for (event, _, _), checks in zip(jobs, remote, strict=True):
                self.store.replace_checks(event.id, checks)
        self.touched_events.clear()

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
