"""Batch mode: the stages of ``crosswire ingest`` over sharded inputs, the model pass spread over workers.

::

    driver:   shards -> read_articles -> skip complete -> batches ─┬─> Pipeline.process(batch, precomputed)
                                                                 │      (store, dedup, linking, events)
                                                                 └─> chunks -> workers (spaCy + extractors)
                                                                            -> facts dicts, in order
              ... then Pipeline.reconcile() once at the end.

Batches have ``settings.store.batch_size`` articles, as in ``ingest``, so a clean batch run stores the same
articles, facts, entities and events as ``ingest`` on the same input. Only the model pass and the extractors
leave the driver: dedup, entity linking, event assignment and reconcile are incremental and global.

Start-up: the local engine starts its workers (spawn + model load) as soon as it is made, so they load while
the driver reads the first batch; the driver loads its own indexes and modules (:meth:`_Driver.warm_up`) once
that batch is sent, while the workers parse it.

Memory: the driver holds the batches whose chunks are in flight (about two pipeline batches for the local
engine, one Ray Data window for Ray), never the whole input.

Resume: every store write is idempotent and an article counts as complete once it has its facts and an event
(see :func:`complete_event`); a re-run skips complete articles before they reach the workers and finishes the
rest, so a killed run loses and duplicates nothing. The events of skipped articles are reconciled again at the
end (a killed run never reached its reconcile step, and the store does not record which events it did).
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

from ..config import Settings, load_settings
from ..errors import ConfigError, IngestError
from ..ingest.common import IngestStats
from ..models import Article, ArticleFacts
from ..pipeline import Failure, Pipeline, RunReport
from ..store.base import Store
from .records import article_to_dict, facts_from_dict, vector_from_bytes
from .shards import iter_shards, plan_shards
from .work import LEAD_VECTOR

ENGINES = ("local", "ray")
#: most articles per worker task; fewer when a pipeline batch would not give every worker two chunks
MAX_CHUNK_SIZE = 32


def default_chunk_size(batch_size: int, workers: int) -> int:
    """Articles per worker task: at most :data:`MAX_CHUNK_SIZE`, and small enough that one pipeline batch
    makes at least two chunks per worker (so the workers stay busy while the driver stores a batch)."""
    return max(1, min(MAX_CHUNK_SIZE, -(-batch_size // (2 * max(1, workers)))))

Chunk = list[dict[str, Any]]


def make_engine(engine: str, settings: Settings, *, workers: int | None = None, address: str | None = None,
                window: int | None = None, chunk_size: int | None = None) -> Any:
    """The engine named ``engine``: ``local`` (process pool) or ``ray`` (Ray Data actors)."""
    if engine == "local":
        if address:
            raise ConfigError("--address is for the ray engine", hint="add --engine ray, or drop --address")
        from .local import LocalEngine

        n = max(1, workers or os.cpu_count() or 1)
        chunk = chunk_size or default_chunk_size(settings.store.batch_size, n)
        # two pipeline batches of work queued, so the workers stay busy while the driver stores one
        in_flight = 2 * -(-max(1, settings.store.batch_size) // chunk) + n
        return LocalEngine(settings, n, max_in_flight=in_flight)
    if engine == "ray":
        from .ray_engine import RayEngine

        return RayEngine(settings, workers, address=address, window=window)
    raise ConfigError(f"unknown batch engine {engine!r}", hint=f"use one of: {', '.join(ENGINES)}")


def complete_event(store: Store, article: Article, settings: Settings) -> str | None:
    """The event of a complete article (stored, with an event, and with its facts, or in a language the
    extractors do not process); None when the article is not complete."""
    if not store.has_article(article.id):
        return None
    event = store.event_of(article.id)
    if event is None:
        return None
    eligible = not article.language or article.language in settings.ingest.languages
    return event if (not eligible or store.has_facts(article.id)) else None


def is_complete(store: Store, article: Article, settings: Settings) -> bool:
    return complete_event(store, article, settings) is not None


class _Driver:
    """Turns the article stream into worker chunks and the ordered results back into pipeline batches."""

    def __init__(self, pipeline: Pipeline, settings: Settings, report: RunReport, *, chunk_size: int,
                 sink: Any = None, progress: Callable[[int], None] | None = None, warm: bool = False) -> None:
        self.pipeline = pipeline
        self.warm = warm  # warm_up() once the first batch is sent (the local engine's workers start at once)
        self.store = pipeline.store
        self.settings = settings
        self.report = report
        self.chunk_size = max(1, chunk_size)
        self.batch_size = max(1, settings.store.batch_size)
        self.sink = sink
        self.progress = progress
        self._langs = set(settings.ingest.languages)
        # one entry per pending batch: (articles, ids that were stored before this run touched them)
        self._batches: deque[tuple[list[Article], set[str]]] = deque()
        self._tags: deque[bool] = deque()  # per chunk in flight: is it the last chunk of its batch?
        self._facts: dict[str, ArticleFacts] = {}
        self._vectors: dict[str, Any] = {}
        self._in_flight: set[str] = set()

    def chunks(self, items: Iterator[Article | IngestError]) -> Iterator[Chunk]:
        batch: list[Article] = []
        stored: set[str] = set()
        for item in items:
            if isinstance(item, IngestError):
                self.report.failures.append(Failure(item.source, item.record, item.reason))
                continue
            self.report.documents += 1
            if item.id not in self._in_flight and self.store.has_article(item.id):
                event = complete_event(self.store, item, self.settings)
                if event is not None:
                    # an earlier run may have stopped before reconciling this event: it is checked again
                    self.pipeline.touched_events.add(event)
                    self.report.already_stored += 1
                    continue
                stored.add(item.id)
            batch.append(item)
            if len(batch) >= self.batch_size:
                yield from self._split(batch, stored)
                batch, stored = [], set()
                if self.warm:
                    self.warm = False
                    self.warm_up()
        if batch:
            yield from self._split(batch, stored)

    def warm_up(self) -> None:
        """Load what the driver needs for its first batch (dedup and event indexes, entities, the linking and
        reconcile modules) while the workers parse the first chunks, instead of after they return them."""
        import importlib

        for mod in ("extract.linking", "extract.run", "cluster.refs", "cluster.features", "reconcile.checks",
                    "reconcile.tracks"):
            importlib.import_module(f"crosswire.{mod}")
        _ = self.pipeline.deduper, self.pipeline.event_index, self.pipeline.entities

    def _split(self, batch: list[Article], stored: set[str]) -> Iterator[Chunk]:
        need: dict[str, Article] = {}
        for a in batch:
            if a.id in self._in_flight or a.id in need:
                continue  # the same article earlier in the stream: its facts are on their way
            if a.language and a.language not in self._langs:
                continue  # stored and flagged, not extracted (as in ingest)
            need[a.id] = a
        self._in_flight.update(a.id for a in batch)
        self._batches.append((batch, stored))
        todo = list(need.values())
        parts = [todo[i : i + self.chunk_size] for i in range(0, len(todo), self.chunk_size)] or [[]]
        for i, part in enumerate(parts):
            self._tags.append(i == len(parts) - 1)
            yield [article_to_dict(a) for a in part]

    def receive(self, result: Chunk) -> None:
        last = self._tags.popleft()
        for d in result:
            f = facts_from_dict(d)
            self._facts[f.article] = f
            if d.get(LEAD_VECTOR) is not None:
                self._vectors[f.article] = vector_from_bytes(d[LEAD_VECTOR])
        if last:
            self._finish_batch()

    def _finish_batch(self) -> None:
        batch, stored = self._batches.popleft()
        facts, self._facts = self._facts, {}
        vectors, self._vectors = self._vectors, {}
        out: list[Article] = []
        if self.sink is not None:
            out = list({a.id: a for a in batch}.values())
            self.sink.begin(out)
        self.pipeline.process(batch, self.report, precomputed=facts, vectors=vectors)
        if self.sink is not None:
            rows = [self.store.get_article(a.id) if a.id in stored else a for a in out]
            self.sink.write(rows, [facts[a.id] for a in out if a.id in facts])
        self._in_flight.difference_update(a.id for a in batch)
        if self.progress:
            self.progress(len(batch))

    @property
    def pending(self) -> int:
        return len(self._batches)


def run_batch(
    inputs: list[str],
    *,
    settings: Settings | None = None,
    engine: str = "local",
    address: str | None = None,
    workers: int | None = None,
    parquet: str | None = None,
    meta: str | None = None,
    chunk_size: int | None = None,
    window: int | None = None,
    store: Store | None = None,
    progress: Callable[[int], None] | None = None,
) -> RunReport:
    """Run the whole pipeline over ``inputs`` with the model pass on ``workers`` workers of ``engine``.

    Results go to ``store`` (default: ``open_store(settings.store.url)``) and, with ``parquet=DIR``, to the
    Parquet tables under DIR (see :mod:`crosswire.batch.parquet`). ``chunk_size`` is the number of articles
    per worker task (default: :func:`default_chunk_size`); ``window`` the number of chunks per Ray Data execution (ray engine only).
    ``progress(n)`` is called after each pipeline batch of ``n`` articles is stored.
    Raises ConfigError for an unknown engine or a missing Ray (with the pip command in the hint).
    """
    settings = settings or load_settings()
    if engine not in ENGINES:
        raise ConfigError(f"unknown batch engine {engine!r}", hint=f"use one of: {', '.join(ENGINES)}")
    if workers is not None and workers < 1:
        raise ConfigError(f"--workers must be at least 1, got {workers}")
    t0 = time.perf_counter()
    report = RunReport()
    stats = IngestStats()
    shards = plan_shards(list(inputs))
    own_store = store is None
    if store is None:
        from ..store import open_store

        store = open_store(settings.store.url)
    sink = None
    eng = None
    try:
        eng = make_engine(engine, settings, workers=workers, address=address, window=window,
                          chunk_size=chunk_size)
        pipeline = Pipeline(store, settings)
        if parquet:
            from .parquet import ParquetSink

            sink = ParquetSink(parquet)
            sink.repair(store, lambda aid: store.has_article(aid)
                        and is_complete(store, store.get_article(aid), settings))
        chunk = chunk_size or default_chunk_size(settings.store.batch_size, eng.workers)
        driver = _Driver(pipeline, settings, report, chunk_size=chunk, sink=sink, progress=progress,
                         warm=engine == "local")
        for result in eng.map_ordered(driver.chunks(iter_shards(shards, settings, meta=meta, stats=stats))):
            driver.receive(result)
        # the local engine's idle workers run the cross-checks while the driver rebuilds the tracks
        report.events_touched = len(pipeline.touched_events)  # new or changed in this run
        pipeline.reconcile(check_map=getattr(eng, "map_checks", None))
    finally:
        if sink is not None:
            sink.close()
        if eng is not None:
            eng.close()
        report.skipped_records = {k: int(v) for k, v in stats.skipped.items()}
        report.seconds = time.perf_counter() - t0
        if own_store:
            store.close()
    return report
