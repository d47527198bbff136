"""N+1 guards: the number of SQL statements a page or an API call sends must not grow with the size of the
event it shows (articles, outlets, quotes, claims, references from other stories), on both backends."""

from __future__ import annotations

import hashlib

import pytest
from fastapi.testclient import TestClient

from crosswire.config import load_settings
from crosswire.models import Article, ArticleFacts, EventRef
from crosswire.report.render import render_report
from crosswire.serve.app import create_app
from crosswire.serve.sample import grow_event, populate
from crosswire.store import open_store

from .sqlcount import count_statements


def _add_referrers(store, event_id: str, n: int, start: int) -> None:
    """``n`` articles outside the event, each with a reference linked to it ("the talks in Busan")."""
    arts, facts = [], []
    for i in range(start, start + n):
        text = f"Story {i} recalls the talks in Busan."
        a = Article(id=f"ref{i:04d}", source="test", external_id=f"ref{i}", text=text, outlet=f"Paper {i}",
                    title=f"Story {i}", published="2026-03-01", content_hash=hashlib.sha1(text.encode()).hexdigest())
        arts.append(a)
        facts.append(ArticleFacts(article=a.id, event_refs=[
            EventRef(id=f"{a.id}:r0", article=a.id, text="the talks in Busan", span=(11, 29), head="talks")]))
    store.add_articles(arts)
    store.save_facts(facts)
    store.link_event_refs({f"{a.id}:r0": (event_id, "test") for a in arts})


def _counts(client: TestClient, store, paths: list[str], event_id: str) -> dict[str, int]:
    out = {}
    for path in paths:
        with count_statements(store.engine) as seen:
            r = client.get(path)
        assert r.status_code == 200, (path, r.status_code, r.text[:300])
        out[path] = len(seen)
    with count_statements(store.engine) as seen:
        render_report(store, event_id, "md")
    out["report md"] = len(seen)
    with count_statements(store.engine) as seen:
        render_report(store, event_id, "json")
    out["report json"] = len(seen)
    return out


@pytest.mark.parametrize("grow", [40])
def test_event_reads_do_not_grow_with_the_event(store_url, grow):
    store = open_store(store_url)
    try:
        sample = populate(store)
        feb = sample.events["feb"]
        art = sample.articles["000_9e346072865a3c7c.txt"]
        paths = [f"/api/events/{feb}", f"/events/{feb}", f"/events/{feb}?page=2&rows=2", "/api/events", "/",
                 "/api/articles?limit=5", f"/api/articles?event={feb}&limit=5", f"/articles/{art}",
                 f"/api/articles/{art}", "/entities/ent-xi", "/search?q=soybeans", "/api/search?q=soybeans"]
        settings = load_settings(environ={}, store={"url": store_url}, serve={"page_size": 5})
        with TestClient(create_app(settings, store)) as client:
            _add_referrers(store, feb, 2, 0)
            small = _counts(client, store, paths, feb)
            grow_event(store, feb, grow)  # many more articles, outlets, quotes and claims
            _add_referrers(store, feb, 12, 100)  # and references from many more stories
            large = _counts(client, store, paths, feb)
            detail = client.get(f"/api/events/{feb}").json()
            assert detail["event"]["n_articles"] == detail["articles"]["total"] == 3 + grow
            assert len(detail["outlets"]) > 10
        assert large == small, {p: (small[p], large[p]) for p in small if small[p] != large[p]}
        # and the detail of an event is a handful of queries, not one per record
        assert small[f"/api/events/{feb}"] <= 20
    finally:
        store.close()
