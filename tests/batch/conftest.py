"""Fixtures of the batch tests: a small JSONL of written news, and what plain ``ingest`` makes of it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from crosswire.config import Settings, load_settings

NEWS = Path(__file__).resolve().parent / "data" / "news.jsonl"


def batch_settings(url: str) -> Settings:
    """Small pipeline batches (8) so a 20-article input makes several batches and several chunks."""
    return load_settings(environ={}, store={"url": url, "batch_size": 8})


def snapshot(store: Any) -> dict[str, Any]:
    """What two runs over the same input must agree on: article ids, duplicates, facts counts per article,
    event membership (as sets of article ids), entity ids, and the cross-check statuses."""
    articles = list(store.iter_articles())
    facts = {}
    for a in articles:
        if store.has_facts(a.id):
            f = store.get_facts(a.id)
            facts[a.id] = (len(f.mentions), len(f.quotes), len(f.quantities), len(f.dates), len(f.claims))
    events = sorted(sorted(e.articles) for e in store.list_events())
    return {
        "ids": sorted(a.id for a in articles),
        "duplicates": sorted((a.id, a.duplicate_of) for a in articles if a.duplicate_of),
        "facts": facts,
        "events": events,
        "entities": sorted(e.id for e in store.list_entities()),
        "checks": Counter(c.status for c in store.list_checks()),
    }


@pytest.fixture(scope="session")
def news_jsonl() -> Path:
    return NEWS


@pytest.fixture(scope="session")
def reference(tmp_path_factory: pytest.TempPathFactory, nlp: Any) -> dict[str, Any]:
    """``ingest_paths`` over the news file into its own store: the result every batch run must equal."""
    from crosswire.pipeline import ingest_paths
    from crosswire.store import open_store

    url = f"sqlite:///{tmp_path_factory.mktemp('ingest') / 'ref.db'}"
    settings = batch_settings(url)
    store = open_store(url)
    try:
        report = ingest_paths([str(NEWS)], store, settings, nlp=nlp)
        snap = snapshot(store)
    finally:
        store.close()
    return {"report": report, "snapshot": snap}
