"""The local engine: a process pool whose initializer loads the NLP model once per worker.

Chunks are submitted from a lazy iterator with at most ``max_in_flight`` outstanding, and results come back
in submission order, so the driver's memory does not grow with the number of articles streamed.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from ..config import Settings
from .work import check_in_process, extract_in_process, init_process, ready

Chunk = list[dict[str, Any]]


class LocalEngine:
    """``map_ordered(chunks)`` over a ``spawn`` process pool of ``workers`` processes."""

    name = "local"

    def __init__(self, settings: Settings, workers: int | None = None, *, max_in_flight: int | None = None) -> None:
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.max_in_flight = max_in_flight or 2 * self.workers + 1
        # spawn: the driver holds database connections and ONNX threads that must not be forked
        self._pool = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=mp.get_context("spawn"),
            initializer=init_process,
            initargs=(settings.model_dump(),),
        )
        # start every worker now (the pool spawns one per submitted task): their model loads overlap the
        # driver's own start (reading and normalizing the first batch) instead of following it
        self._started = [self._pool.submit(ready) for _ in range(self.workers)]

    def map_ordered(self, chunks: Iterable[Chunk]) -> Iterator[Chunk]:
        """Facts dicts of each chunk, in the order the chunks were given."""
        pending: deque[Future[Chunk]] = deque()
        it = iter(chunks)
        exhausted = False
        while True:
            while not exhausted and len(pending) < self.max_in_flight:
                try:
                    chunk = next(it)
                except StopIteration:
                    exhausted = True
                    break
                pending.append(self._pool.submit(extract_in_process, chunk))
            if not pending:
                return
            yield pending.popleft().result()

    def map_checks(self, jobs: list[Any], entities: dict[str, Any], settings: Settings) -> Iterator[list[Any]]:
        """Reconcile's cross-checks (``Pipeline.reconcile(check_map=...)``) on the workers, which are idle once
        the last chunk is parsed: the jobs go out now in ``2 x workers`` groups (the entities once per group),
        the lists of checks come back in job order as the returned iterator is read."""
        n = max(1, min(len(jobs), 2 * self.workers))
        size = -(-len(jobs) // n)
        futures = [self._pool.submit(check_in_process, jobs[i : i + size], entities, settings)
                   for i in range(0, len(jobs), size)]

        def results() -> Iterator[list[Any]]:
            for fut in futures:
                yield from fut.result()

        return results()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
