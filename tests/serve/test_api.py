"""The JSON API against a real SQLite store filled with the sample corpus."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from crosswire.serve.app import create_app
from crosswire.serve.sample import grow_event

from .conftest import TOKEN

GT, OAN = "Gulf Times (via MENAFN)", "One America News"


def test_articles_pagination_is_complete_and_disjoint(client):
    seen, offset = [], 0
    while offset is not None:
        r = client.get("/api/articles", params={"limit": 2, "offset": offset})
        assert r.status_code == 200
        body = r.json()
        assert body["total"] == 5 and len(body["items"]) <= 2
        seen += [a["id"] for a in body["items"]]
        offset = body["next_offset"]
    assert len(seen) == len(set(seen)) == 5
    assert "text" not in body["items"][0]  # lists stay light


def test_article_filters(client, sample):
    def ids(**params):
        return {a["id"] for a in client.get("/api/articles", params=params).json()["items"]}

    assert ids(outlet=GT) == {sample.articles["000_9e346072865a3c7c.txt"]}
    assert ids(event=sample.events["nov"]) == {sample.articles["002_57a376ad6c067051.txt"],
                                               sample.articles["004_cd40c5c6974a77d7.txt"]}
    assert len(ids(since="2026-01-01")) == 3 and len(ids(until="2025-12-31")) == 2
    assert ids(entity="ent-lutnick") == {sample.articles["002_57a376ad6c067051.txt"]}


def test_article_detail_has_facts_with_exact_spans(client, sample):
    aid = sample.articles["000_9e346072865a3c7c.txt"]
    body = client.get(f"/api/articles/{aid}").json()
    text = body["article"]["text"]
    assert body["event"] == sample.events["feb"]
    q = {x["text"]: x for x in body["facts"]["quantities"]}["20mn tonnes"]
    assert text[q["span"][0]:q["span"][1]] == "20mn tonnes" and q["value"] == 20e6 and q["unit"] == "t"
    assert {c["modality"] for c in body["facts"]["claims"]} >= {"agreed"}


def test_event_detail(client, sample):
    body = client.get(f"/api/events/{sample.events['feb']}").json()
    assert body["event"]["n_articles"] == 3 and body["articles"]["total"] == 3
    assert {c["status"] for c in body["checks"]} == {"corroborated", "consistent", "conflicting", "single_source"}
    speakers = {s["speaker"]: s for s in body["quotes_by_speaker"]}
    assert speakers["Donald Trump"]["total"] >= 3  # "Trump" and "He" grouped by entity
    xi = {f["name"]: f for f in body["framing"]}["Xi Jinping"]
    called = {o["outlet"]: [lab["label"] for lab in o["labels"]] for o in xi["by_outlet"]}
    assert called["The Epoch Times"] == ["Chinese Communist Party leader"] and called[GT] == ["President"]
    assert body["tracks"][0]["unit"] == "t" and [p["value"] for p in body["tracks"][0]["points"]] == [12e6, 20e6, 25e6]


def test_events_list_and_entities(client, sample):
    events = client.get("/api/events", params={"limit": 1}).json()
    assert len(events["items"]) == 1 and events["next_offset"] == 1
    ent = client.get("/api/entities", params={"type": "PERSON", "q": "xi"}).json()["items"]
    assert [e["id"] for e in ent] == ["ent-xi"]
    assert client.get("/api/entities", params={"type": "GPE"}).json()["items"]
    detail = client.get("/api/entities/ent-xi").json()
    assert {o["outlet"] for o in detail["labels_by_outlet"]} >= {GT, OAN, "(unknown outlet)"}


def test_facts_endpoints(client, sample):
    feb = sample.events["feb"]
    checks = client.get("/api/checks", params={"event": feb, "status": "conflicting"}).json()
    assert checks["total"] == 1 and checks["items"][0]["about"].startswith("China's soybean purchase level")
    assert client.get("/api/checks", params={"status": "bogus"}).json()["error"]["code"] == "invalid_request"
    quotes = client.get("/api/quotes", params={"speaker_entity": "ent-lutnick"}).json()["items"]
    assert [q["speaker"] for q in quotes] == ["Lutnick"]
    claims = client.get("/api/claims", params={"event": sample.events["nov"], "limit": 100}).json()["items"]
    assert len(claims) == 5 and all(c["event"] == sample.events["nov"] for c in claims)
    assert len(client.get("/api/tracks", params={"event": feb}).json()) == 1


def test_search(client, sample):
    body = client.get("/api/search", params={"q": "Lutnick"}).json()
    assert [h["article"]["id"] for h in body["items"]] == [sample.articles["002_57a376ad6c067051.txt"]]
    assert "Lutnick" in body["items"][0]["snippet"]
    assert client.get("/api/search", params={"q": "zzzyqx"}).json()["items"] == []
    assert client.get("/api/search").status_code == 422


@pytest.mark.parametrize("url", ["/api/articles/nope", "/api/events/nope", "/api/entities/nope",
                                 "/api/tracks?event=nope", "/api/nothing-here"])
def test_404_is_json(client, url):
    r = client.get(url)
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "not_found" and r.json()["error"]["message"]


def test_bad_parameters_are_json_422(client):
    r = client.get("/api/articles", params={"limit": 0})
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_request"
    assert client.get("/api/articles", params={"limit": 100_000}).status_code == 422


def test_writes_need_the_token(client, monkeypatch):
    calls = []
    monkeypatch.setattr("crosswire.pipeline.ingest_records",
                        lambda records, store, settings: calls.append(records) or {"added": len(records)})
    body = {"text": "China agreed to buy soybeans.", "outlet": "Wire"}
    assert client.post("/api/articles", json=body).status_code == 401
    r = client.post("/api/articles", json=body, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"
    assert r.headers["www-authenticate"] == "Bearer"
    assert client.post("/api/articles", json=body, headers={"Authorization": f"Basic {TOKEN}"}).status_code == 401
    assert calls == []
    ok = client.post("/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 201 and ok.json() == {"accepted": 1, "added": 1}
    assert calls == [[body]]
    batch = client.post("/api/articles/batch", json=[body, {"text": "Second."}],
                        headers={"Authorization": f"Bearer {TOKEN}"})
    assert batch.status_code == 201 and batch.json()["accepted"] == 2 and len(calls[-1]) == 2


def test_write_validation(client, monkeypatch):
    monkeypatch.setattr("crosswire.pipeline.ingest_records", lambda *a: {})
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert client.post("/api/articles", json={"title": "no text"}, headers=auth).status_code == 422
    assert client.post("/api/articles", json={"text": ""}, headers=auth).status_code == 422
    assert client.post("/api/articles/batch", json=[], headers=auth).status_code == 422


def test_writes_disabled_without_a_configured_token(settings, store, sample):
    settings.serve.token = ""
    with TestClient(create_app(settings, store)) as c:
        r = c.post("/api/articles", json={"text": "x"}, headers={"Authorization": "Bearer "})
        assert r.status_code == 403 and r.json()["error"]["code"] == "writes_disabled"


def test_oversized_body_is_413(client):
    big = {"text": "x" * 30_000}
    r = client.post("/api/articles", json=big, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"

    def chunks():  # no Content-Length: the limit holds while streaming
        for _ in range(30):
            yield b"x" * 1000

    r = client.post("/api/articles/batch", content=chunks(),
                    headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    assert r.status_code == 413


def test_unexpected_errors_hide_details(client, store, monkeypatch):
    def boom(*a, **k):
        raise RuntimeError("secret /etc/passwd detail")

    monkeypatch.setattr(store, "list_events", boom)
    r = client.get("/api/events")
    assert r.status_code == 500
    assert r.json() == {"error": {"code": "internal_error", "message": "internal server error; see the server log"}}
    assert "secret" not in client.get("/").text


def test_openapi_and_docs(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/events/{event_id}", "/api/entities",
                 "/api/quotes", "/api/claims", "/api/checks", "/api/tracks", "/api/search", "/api/articles/batch"):
        assert path in spec["paths"], path
    assert "401" in spec["paths"]["/api/articles"]["post"]["responses"]
    assert client.get("/docs").status_code == 200


def test_big_event_is_paginated(client, store, sample):
    grow_event(store, sample.events["feb"], 120)
    body = client.get(f"/api/events/{sample.events['feb']}", params={"limit": 50, "offset": 100}).json()
    assert body["articles"]["total"] == 123 and len(body["articles"]["items"]) == 23
    assert body["articles"]["next_offset"] is None
