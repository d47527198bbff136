"""A smoke subset of the API and pages on both backends (SQLite and PostgreSQL via ``store_url``)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from crosswire.config import load_settings
from crosswire.report.render import render_report
from crosswire.serve.app import create_app
from crosswire.serve.sample import populate
from crosswire.store import open_store


def test_smoke_on_each_backend(store_url):
    store = open_store(store_url)
    try:
        sample = populate(store)
        settings = load_settings(environ={}, store={"url": store_url})
        with TestClient(create_app(settings, store)) as c:
            arts = c.get("/api/articles", params={"limit": 2, "offset": 2}).json()
            assert arts["total"] == 5 and len(arts["items"]) == 2 and arts["next_offset"] == 4
            assert c.get("/api/articles", params={"event": sample.events["feb"]}).json()["total"] == 3
            ev = c.get(f"/api/events/{sample.events['feb']}").json()
            assert len(ev["checks"]) == 5 and ev["tracks"]
            hits = c.get("/api/search", params={"q": "soybeans"}).json()["items"]
            assert len(hits) >= 4
            assert c.get("/api/events/nope").json()["error"]["code"] == "not_found"
            assert "st-conflicting" in c.get(f"/events/{sample.events['feb']}").text
            assert c.get("/search", params={"q": "Lutnick"}).text.count('class="article-link"') == 1
        assert "## What differs" in render_report(store, sample.events["feb"], "md")
    finally:
        store.close()
