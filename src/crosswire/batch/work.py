"""What a batch worker does: load the NLP model once, then turn chunks of articles into facts.

Chunks travel as lists of plain dicts (``batch.records``) both ways, so the same functions serve a local
process pool (pickled dicts) and Ray Data actors (JSON strings in an Arrow column).
"""

from __future__ import annotations

import importlib
from typing import Any

from ..config import Settings
from .records import article_from_dict, facts_to_dict, vector_to_bytes

_STATE: dict[str, Any] = {}

#: key of the title+lead embedding in a worker's result dict (read by the driver, not part of ArticleFacts):
#: float32 bytes (``records.vector_to_bytes``), so the driver scores with exactly the worker's vector
LEAD_VECTOR = "lead_vector"


def worker_settings(settings: Settings | dict[str, Any]) -> Settings:
    """The settings a worker runs with: one spaCy process per worker (the pool is the parallelism)."""
    s = settings if isinstance(settings, Settings) else Settings.model_validate(settings)
    return s.model_copy(update={"nlp": s.nlp.model_copy(update={"n_process": 1})})


class ChunkExtractor:
    """Holds the loaded model; ``extract(chunk)`` runs ``extract_facts`` over a chunk of article dicts."""

    def __init__(self, settings: Settings | dict[str, Any]) -> None:
        from ..extract.nlp import load_nlp

        self.settings = worker_settings(settings)
        self.nlp = load_nlp(settings=self.settings)

    def extract(self, chunk: list[dict[str, Any]]) -> list[dict[str, Any]]:
        from ..extract.run import extract_facts

        if not chunk:
            return []
        from ..cluster.embed import get_embedder
        from ..cluster.features import lead_text

        articles = [article_from_dict(d) for d in chunk]
        facts = list(extract_facts(articles, self.nlp, self.settings))
        # the event index's title+lead embedding is computed here too, so the driver only scores and stores
        leads = [lead_text(a, f) for a, f in zip(articles, facts, strict=True)]
        vectors = get_embedder(self.settings).embed(leads) if leads else []
        out = []
        for f, v in zip(facts, vectors, strict=True):
            d = facts_to_dict(f)
            d[LEAD_VECTOR] = vector_to_bytes(v)
            out.append(d)
        return out


def prepare_worker(settings: Settings | dict[str, Any]) -> ChunkExtractor:
    """What every worker (process-pool process or Ray actor) does once: one onnxruntime thread, the spaCy
    model and the embedder loaded, and both run once on a short text, so the first chunk pays for neither."""
    from ..cluster import embed

    # one onnxruntime thread per worker: the pool is the parallelism, and a second intra-op thread only
    # spins against the other worker's spaCy pass (about 3 s of CPU per 60k words on 2 cores)
    embed.THREADS = 1
    ex = ChunkExtractor(settings)
    embed.get_embedder(ex.settings).embed(["warm-up"])
    list(ex.nlp.pipe(["Warm-up."]))
    for mod in ("extract.run", "extract.entities", "extract.quotes", "extract.quantities", "extract.dates",
                "extract.claims", "cluster.refs", "cluster.features"):  # what extract_doc imports on first use
        importlib.import_module(f"crosswire.{mod}")
    return ex


def init_process(settings_data: dict[str, Any]) -> None:
    """Process-pool initializer: load the model once in this worker process (while the driver reads)."""
    _STATE["extractor"] = prepare_worker(settings_data)


def ready() -> bool:
    """A no-op task: submitting one per worker starts the pool's processes (and their model loads) at once."""
    return True


def extract_in_process(chunk: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Process-pool task: facts of one chunk with the model :func:`init_process` loaded."""
    return _STATE["extractor"].extract(chunk)


def check_in_process(jobs: list[tuple[Any, list[Any], list[Any]]], entities: dict[str, Any],
                     settings: Settings) -> list[list[Any]]:
    """Process-pool task: the cross-checks of some events, each ``(event, articles, facts)``, with the same
    stage function ``ingest`` runs (``reconcile.checks.cross_check``); one list of checks per job."""
    from ..reconcile.checks import cross_check

    return [cross_check(event, arts, facts, entities, settings) for event, arts, facts in jobs]
