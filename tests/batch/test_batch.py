"""Batch mode against plain ingest: same ids, facts, events; resume after an abort; Parquet; shards."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from crosswire.batch.records import (
    article_to_dict,
    facts_from_dict,
    facts_to_dict,
    vector_from_bytes,
    vector_to_bytes,
)
from crosswire.batch.run import run_batch
from crosswire.batch.shards import iter_shards, plan_shards
from crosswire.errors import ConfigError, IngestError
from crosswire.models import to_dict
from crosswire.pipeline import Pipeline, read_articles
from crosswire.store import open_store

from .conftest import batch_settings, snapshot


def _run(url: str, news: Path, **kw: Any):
    settings = batch_settings(url)
    store = open_store(url)
    try:
        report = run_batch([str(news)], settings=settings, chunk_size=3, store=store, **kw)
        return report, snapshot(store)
    finally:
        store.close()


def test_reference_exercises_every_path(reference: dict[str, Any]) -> None:
    """The input covers what the batch must get right: failures, duplicates, non-English, several events."""
    rep = reference["report"]
    assert rep.documents == 20 and rep.inserted == 20
    assert len(rep.failures) == 1 and rep.failures[0].record == "line 8"
    assert rep.duplicates == 1 and rep.non_english == 1
    assert len(reference["snapshot"]["events"]) >= 4


def test_local_engine_matches_ingest(tmp_path: Path, news_jsonl: Path, reference: dict[str, Any]) -> None:
    report, snap = _run(f"sqlite:///{tmp_path / 'b.db'}", news_jsonl, engine="local", workers=2,
                        parquet=str(tmp_path / "pq"))
    assert snap == reference["snapshot"]
    ref = reference["report"]
    for key in ("documents", "inserted", "duplicates", "non_english", "extracted", "events_new", "events_touched"):
        assert getattr(report, key) == getattr(ref, key), key
    assert [(f.source, f.record) for f in report.failures] == [(f.source, f.record) for f in ref.failures]
    # Parquet: every article once, facts rows equal to the store's counts
    arts = pq.read_table(tmp_path / "pq" / "articles").to_pydict()
    assert sorted(arts["id"]) == snap["ids"]
    quotes = pq.read_table(tmp_path / "pq" / "quotes").num_rows
    assert quotes == sum(f[1] for f in snap["facts"].values())
    dups = {i: d for i, d in zip(arts["id"], arts["duplicate_of"], strict=True) if d}
    assert sorted(dups.items()) == snap["duplicates"]
    assert not list((tmp_path / "pq" / "articles").glob("*.ids"))  # nothing left pending


@pytest.mark.ray
def test_ray_engine_matches_ingest(tmp_path: Path, news_jsonl: Path, reference: dict[str, Any]) -> None:
    """A real local Ray runtime (one start): Ray Data actors extract, the driver stores."""
    pytest.importorskip("ray", reason="the ray engine needs crosswire[distributed]")
    report, snap = _run(f"sqlite:///{tmp_path / 'r.db'}", news_jsonl, engine="ray", workers=2, window=3)
    assert snap == reference["snapshot"]
    assert report.extracted == reference["report"].extracted
    import ray

    assert not ray.is_initialized()  # the runtime started for the run is shut down after it


def test_resume_after_abort(tmp_path: Path, news_jsonl: Path, reference: dict[str, Any],
                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Abort after the first pipeline batch is stored, re-run: same result as a clean run, nothing twice."""
    url = f"sqlite:///{tmp_path / 'resume.db'}"
    real = Pipeline.process
    calls = {"n": 0}

    def flaky(self: Pipeline, articles: list, report: Any, precomputed: Any = None, vectors: Any = None) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("injected crash")
        real(self, articles, report, precomputed, vectors)

    monkeypatch.setattr(Pipeline, "process", flaky)
    with pytest.raises(RuntimeError, match="injected crash"):
        _run(url, news_jsonl, engine="local", workers=1, parquet=str(tmp_path / "pq"))
    monkeypatch.setattr(Pipeline, "process", real)
    store = open_store(url)
    first = len(list(store.iter_articles()))
    store.close()
    assert 0 < first < 20

    report, snap = _run(url, news_jsonl, engine="local", workers=1, parquet=str(tmp_path / "pq"))
    assert snap == reference["snapshot"]
    assert report.already_stored == first and report.inserted == 20 - first
    ids = pq.read_table(tmp_path / "pq" / "articles").column("id").to_pylist()
    assert sorted(ids) == snap["ids"]  # each article exactly once across the two runs' parts

    again, _ = _run(url, news_jsonl, engine="local", workers=1)
    assert again.already_stored == 20 and again.inserted == 0 and again.extracted == 0


def test_facts_roundtrip_through_dicts(tmp_path: Path, news_jsonl: Path, nlp: Any) -> None:
    from crosswire.config import load_settings
    from crosswire.extract.run import extract_facts

    arts = [a for a in read_articles([str(news_jsonl)], load_settings(environ={}))
            if not isinstance(a, IngestError)][:4]
    facts = list(extract_facts(arts, nlp))
    assert any(f.quotes for f in facts) and any(f.quantities for f in facts)
    for f in facts:
        assert facts_to_dict(f) == to_dict(f)  # the fast encoder gives what models.to_dict gives
        back = facts_from_dict(facts_to_dict(f))
        assert back == f
        assert all(isinstance(q.span, tuple) for q in back.quotes)
    assert article_to_dict(arts[0]) == to_dict(arts[0])


def test_lead_vectors_travel_exactly() -> None:
    """Lead embeddings cross the process boundary as float32 bytes: the driver gets the worker's vector."""
    import numpy as np

    v = np.random.default_rng(0).standard_normal(384).astype(np.float32)
    data = vector_to_bytes(v)
    assert isinstance(data, bytes) and len(data) == 384 * 4
    back = vector_from_bytes(data)
    assert back.dtype == np.float32 and np.array_equal(back, v) and back.flags.writeable


def test_jsonl_line_shards_read_like_ingest(tmp_path: Path, news_jsonl: Path) -> None:
    """Line-range shards give the same articles and errors (with the same line numbers) as the whole file."""
    from crosswire.config import load_settings

    settings = load_settings(environ={})
    whole = list(read_articles([str(news_jsonl)], settings))
    shards = plan_shards([str(news_jsonl)], jsonl_shard_bytes=1, lines_per_shard=4)
    assert [s.kind for s in shards] == ["lines"] * 6
    parts = list(iter_shards(shards, settings))

    def key(x: Any) -> tuple:
        return ("err", x.source, x.record) if isinstance(x, IngestError) else ("art", x.id, x.external_id)

    assert [key(x) for x in parts] == [key(x) for x in whole]


def test_bad_engine_and_missing_ray(tmp_path: Path, news_jsonl: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = batch_settings(f"sqlite:///{tmp_path / 'x.db'}")
    with pytest.raises(ConfigError, match="unknown batch engine"):
        run_batch([str(news_jsonl)], settings=settings, engine="spark")
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray -> ImportError
    with pytest.raises(ConfigError) as exc:
        run_batch([str(news_jsonl)], settings=settings, engine="ray")
    assert "pip install 'crosswire[distributed]'" in str(exc.value)
