"""What a batch worker does: load the NLP model once, then turn chunks of articles into facts.

Chunks travel as lists of plain dicts (``batch.records``) both ways, so the same functions serve a local
process pool (pickled dicts) and Ray Data actors (JSON strings in an Arrow column).
"""

from __future__ import annotations

from typing import Any

from ..config import Settings
from .records import article_from_dict, facts_to_dict

_STATE: dict[str, Any] = {}

#: key of the title+lead embedding in a worker's result dict (read by the driver, not part of ArticleFacts)
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
            d[LEAD_VECTOR] = [round(float(x), 6) for x in v]
            out.append(d)
        return out


def init_process(settings_data: dict[str, Any]) -> None:
    """Process-pool initializer: load the model once in this worker process."""
    from ..cluster import embed

    # one onnxruntime thread per worker: the pool is the parallelism, and a second intra-op thread only
    # spins against the other worker's spaCy pass (about 3 s of CPU per 60k words on 2 cores)
    embed.THREADS = 1
    ex = ChunkExtractor(settings_data)
    embed.get_embedder(ex.settings)  # loaded here, while the driver reads the first batch, not on the first chunk
    _STATE["extractor"] = ex


def ready() -> bool:
    """A no-op task: submitting one per worker starts the pool's processes (and their model loads) at once."""
    return True


def extract_in_process(chunk: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Process-pool task: facts of one chunk with the model :func:`init_process` loaded."""
    return _STATE["extractor"].extract(chunk)
