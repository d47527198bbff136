"""The Ray engine: Ray Data ``map_batches`` with a callable class, i.e. a pool of ``workers`` actors that
each load the NLP model once.

The driver keeps reading, dedup, store writes, linking and event assignment (they are incremental and
global); only the model pass and the extractors run on the cluster. Chunks come from a lazy iterator and go
to Ray Data in windows of ``window`` chunks (each window is one streaming Dataset execution; its results are
consumed while it runs), so at most one window of articles is held by the driver and the object store,
however long the input. Each window starts a fresh actor pool (one model load per actor per window); the
default window is large enough that this costs a few percent (see benchmarks/README.md).

``ray.init()`` is called locally (``num_cpus=workers``, no dashboard) unless ``address`` names a cluster
(``ray://head:10001`` or ``auto``). A runtime started here is shut down by :meth:`RayEngine.close`.
"""

from __future__ import annotations

import base64
import logging
import os
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

import numpy as np

from ..config import Settings
from ..errors import ConfigError
from .records import dumps, loads
from .work import LEAD_VECTOR, prepare_worker

Chunk = list[dict[str, Any]]

#: chunks per Ray Data window, per worker
WINDOW_CHUNKS_PER_WORKER = 32

INSTALL_HINT = "pip install 'crosswire[distributed]'"


def import_ray() -> Any:
    """The ``ray`` module, or ConfigError naming the extra to install."""
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise ConfigError("the ray engine needs Ray Data, which is not installed", hint=INSTALL_HINT) from None
    return ray


def _to_json(results: Chunk) -> str:
    """A worker's results as JSON: the float32 lead-vector bytes travel as base64 text."""
    for d in results:
        if isinstance(d.get(LEAD_VECTOR), bytes):
            d[LEAD_VECTOR] = base64.b64encode(d[LEAD_VECTOR]).decode("ascii")
    return dumps(results)


def _from_json(payload: str) -> Chunk:
    results = loads(payload)
    for d in results:
        if isinstance(d.get(LEAD_VECTOR), str):
            d[LEAD_VECTOR] = base64.b64decode(d[LEAD_VECTOR])
    return results


class RayExtractor:
    """The callable class Ray Data runs on each actor: set up in ``__init__`` (once per actor) like a local
    pool worker (``work.prepare_worker``: one onnxruntime thread, models loaded and warmed up)."""

    def __init__(self, settings_data: dict[str, Any]) -> None:
        self.extractor = prepare_worker(settings_data)

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        out = [_to_json(self.extractor.extract(loads(str(p)))) for p in batch["payload"]]
        return {"i": np.asarray(batch["i"]), "payload": np.asarray(out, dtype=object)}


class RayEngine:
    """``map_ordered(chunks)`` on Ray Data; results come back in the order the chunks were given."""

    name = "ray"

    def __init__(
        self,
        settings: Settings,
        workers: int | None = None,
        *,
        address: str | None = None,
        window: int | None = None,
    ) -> None:
        ray = import_ray()
        self._ray = ray
        self._owns_runtime = False
        if not ray.is_initialized():
            if address:
                ray.init(address=address, logging_level=logging.WARNING)
            else:
                ray.init(
                    num_cpus=max(1, workers or os.cpu_count() or 1),
                    include_dashboard=False,
                    logging_level=logging.WARNING,
                    configure_logging=True,
                )
            self._owns_runtime = True
        cpus = int(ray.cluster_resources().get("CPU", 1))
        self.workers = max(1, workers or cpus)
        self.window = window or WINDOW_CHUNKS_PER_WORKER * self.workers
        self._settings_data = settings.model_dump()
        ctx = ray.data.DataContext.get_current()
        ctx.enable_progress_bars = False
        ctx.print_on_execution_start = False

    def _run_window(self, chunks: list[Chunk]) -> Iterator[Chunk]:
        ray = self._ray
        items = [{"i": i, "payload": dumps(c)} for i, c in enumerate(chunks)]
        ds = ray.data.from_items(items, override_num_blocks=len(items)).map_batches(
            RayExtractor,
            fn_constructor_kwargs={"settings_data": self._settings_data},
            batch_size=1,
            batch_format="numpy",
            concurrency=min(self.workers, len(items)),
            num_cpus=1,
        )
        done: dict[int, Chunk] = {}
        nxt = 0
        for row in ds.iter_rows():
            done[int(row["i"])] = _from_json(str(row["payload"]))
            while nxt in done:  # hand results back in order as soon as the next one is there
                yield done.pop(nxt)
                nxt += 1
        if nxt != len(chunks):  # pragma: no cover - Ray Data returns every row or raises
            raise RuntimeError(f"Ray Data returned {nxt} of {len(chunks)} chunks")

    def map_ordered(self, chunks: Iterable[Chunk]) -> Iterator[Chunk]:
        it = iter(chunks)
        while True:
            window = list(islice(it, self.window))
            if not window:
                return
            yield from self._run_window(window)

    def close(self) -> None:
        if self._owns_runtime and self._ray.is_initialized():
            self._ray.shutdown()
        self._owns_runtime = False

    def __enter__(self) -> RayEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
