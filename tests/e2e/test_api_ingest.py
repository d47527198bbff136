"""The API's write endpoint runs the real pipeline (no monkeypatching): token, store, facts, events."""

from __future__ import annotations

from fastapi.testclient import TestClient

from crosswire.config import load_settings
from crosswire.serve.app import create_app
from crosswire.store import open_store

TOKEN = "e2e-token-abcdef0123456789"


def test_post_article_runs_the_pipeline(tmp_path, nlp):
    store = open_store(f"sqlite:///{tmp_path / 'api.db'}")
    settings = load_settings(environ={}, serve={"token": TOKEN})
    article = {
        "id": "wire-1",
        "title": "Port strike ends after two days",
        "outlet": "Harbour Wire",
        "published": "2024-05-08",
        "text": "Dockworkers in Rotterdam ended a strike on Tuesday after the port authority agreed to a 4.5% "
        "pay rise, union leader Anna de Vries said. About 1,200 workers had walked out on Monday.",
    }
    with TestClient(create_app(settings, store)) as client:
        assert client.post("/api/articles", json=article).status_code == 401
        res = client.post("/api/articles", json=article, headers={"Authorization": f"Bearer {TOKEN}"})
        assert res.status_code == 201, res.text
        assert res.json()["inserted"] == 1 and res.json()["failures"] == []
        listed = client.get("/api/articles").json()
        assert listed["total"] == 1
        aid = listed["items"][0]["id"]
        detail = client.get(f"/api/articles/{aid}").json()
    facts = store.get_facts(aid)
    assert any(q.unit == "%" and q.value == 4.5 for q in facts.quantities)
    assert any(d.value == "2024-05-07" for d in facts.dates)  # "Tuesday" in a Wednesday story
    assert store.event_of(aid) is not None
    assert detail["article"]["outlet"] == "Harbour Wire"
    assert detail["event"] == store.event_of(aid)
