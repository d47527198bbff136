"""Event references on the bundled sample (two Trump–Xi calls): found, linked to the November call where the
store has it (also when the November stories arrive after the February ones), exported, shown, served."""

from __future__ import annotations

import io
import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from crosswire.cli import app
from crosswire.config import load_settings
from crosswire.export import export_json, validate_export
from crosswire.pipeline import ingest_paths
from crosswire.report.briefing import build_briefing
from crosswire.serve.app import create_app
from crosswire.store import open_store


def _by_file(store):
    """external id prefix ("000") -> article id, and the two events by date."""
    arts = {a.external_id[:3]: a.id for a in store.list_articles()}
    events = {e.date: e for e in store.list_events()}
    return arts, events["2025-11-24"], events["2026-02-04"]


def _refs(store, aid):
    return {r.text: r for r in store.get_facts(aid).event_refs}


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory, nlp, sample_dir):
    path = tmp_path_factory.mktemp("refs") / "sample.db"
    store = open_store(str(path))
    ingest_paths(
        [str(sample_dir)], store, load_settings(environ={}), meta=str(sample_dir / "sources.json"), nlp=nlp
    )
    yield store, str(path)
    store.close()


def test_february_stories_refer_to_november_october_and_december(sample_db):
    store, _ = sample_db
    arts, nov, feb = _by_file(store)
    gulf = _refs(store, arts["000"])
    first = gulf["their first since late November"]
    assert (first.head, first.date) == ("call", "2025-11")
    assert first.event == nov.id and "same event noun 'call'" in first.why
    arms = next(r for t, r in gulf.items() if "arms sales deal" in t)
    assert arms.date == "2025-12" and arms.place == "Taiwan" and arms.event is None  # no such event stored
    oan = _refs(store, arts["001"])
    assert oan["their October meeting"].date == "2025-10"
    busan = next(r for t, r in oan.items() if "Busan summit in October" in t)
    assert busan.date == "2025-10"
    # October points elsewhere in time: neither this story's February call nor the November call
    assert oan["their October meeting"].event is None and busan.event is None
    asianfin = _refs(store, arts["002"])
    meeting = asianfin["their October meeting in Busan, South Korea"]
    assert (meeting.date, meeting.place, meeting.event) == ("2025-10", "Busan", None)
    # no reference in a February story links to the February call unless it names that call's own day
    for aid in (arts["000"], arts["001"], arts["003"]):
        for r in store.get_facts(aid).event_refs:
            if r.event == feb.id:
                assert r.date == "2026-02-04" and r.head == "call", r
            assert r.event in (None, feb.id, nov.id)
            if r.event == nov.id:
                assert r.date and r.date.startswith("2025-11"), r
    monday = _refs(store, arts["004"])["Monday’s call"]
    assert monday.date == "2025-11-24" and monday.event == nov.id


def test_reference_to_an_event_ingested_later_is_linked_when_it_arrives(store_url, nlp, sample_dir):
    settings = load_settings(environ={})
    meta = str(sample_dir / "sources.json")
    files = sorted(sample_dir.glob("0*.txt"))
    store = open_store(store_url)
    try:
        ingest_paths([str(f) for f in files if f.name[:3] in ("000", "001", "003")], store, settings, meta=meta,
                     nlp=nlp)  # fmt: skip
        gulf = next(a for a in store.list_articles() if a.external_id.startswith("000"))
        ref = _refs(store, gulf.id)["their first since late November"]
        assert ref.event is None  # the November call is not in the store yet
        assert ref.id in {r.id for r in store.list_event_refs(unlinked=True, since="2025-11")}
        ingest_paths(
            [str(f) for f in files if f.name[:3] in ("002", "004")], store, settings, meta=meta, nlp=nlp
        )
        _, nov, _ = _by_file(store)
        assert _refs(store, gulf.id)["their first since late November"].event == nov.id
        assert gulf.id in {r.article for r in store.list_event_refs(event=nov.id)}
    finally:
        store.close()


def test_export_lists_references_and_narrows_them_to_the_event(sample_db):
    store, _ = sample_db
    arts, nov, feb = _by_file(store)
    buf = io.StringIO()
    export_json(store, buf)
    doc = json.loads(buf.getvalue())
    validate_export(doc)
    assert doc["crosswire_export"] == 1 and list(doc)[-1] == "event_refs"
    texts = {(r["article"], r["text"]): r for r in doc["event_refs"]}
    assert texts[(arts["000"], "their first since late November")]["event"] == nov.id
    assert len(doc["event_refs"]) == sum(len(store.get_facts(a).event_refs) for a in arts.values())
    buf = io.StringIO()
    export_json(store, buf, event=nov.id)
    narrowed = json.loads(buf.getvalue())
    validate_export(narrowed)
    own = {r["article"] for r in narrowed["event_refs"]}
    assert own >= {arts["002"], arts["004"]}  # the November stories' references
    linked_in = [r for r in narrowed["event_refs"] if r["article"] not in nov.articles]
    assert [r["text"] for r in linked_in] == ["their first since late November"]  # linked from February
    buf = io.StringIO()
    export_json(store, buf, event=feb.id)
    feb_refs = json.loads(buf.getvalue())["event_refs"]
    assert {r["article"] for r in feb_refs} == set(feb.articles)


def test_show_article_lists_references(sample_db):
    store, path = sample_db
    arts, nov, _ = _by_file(store)
    res = CliRunner().invoke(app, ["show", arts["000"], "--db", path], env={"COLUMNS": "240"})
    assert res.exit_code == 0, res.output
    assert "events referred to" in res.stdout
    table = res.stdout[res.stdout.index("events referred to") :]  # the article text is printed above it
    line = next(ln for ln in table.splitlines() if "their first since late" in ln)
    assert nov.id in line and "2025-11" in line
    assert "(not in the store)" in res.stdout  # the December arms deal


def test_web_and_api_show_references(sample_db):
    store, _ = sample_db
    arts, nov, _ = _by_file(store)
    settings = load_settings(environ={}, serve={"page_size": 50})
    with TestClient(create_app(settings, store)) as client:
        page = client.get(f"/articles/{arts['000']}")
        assert page.status_code == 200
        html = page.text
        assert 'class="mk mk-ref"' in html and "Events referred to" in html
        body = html[html.index("<article") : html.index("</article>")]
        # the highlighted phrase (cut where the date "late November" is marked inside it) links to the event
        assert (
            f'title="refers to a call (2025-11): event {nov.id}"><a href="/events/{nov.id}">their first since'
            in body
        )
        assert 'title="refers to a call: not in the store">the call</mark>' in body
        api = client.get(f"/api/articles/{arts['000']}").json()
        refs = {r["text"]: r for r in api["facts"]["event_refs"]}
        assert refs["their first since late November"]["event"] == nov.id
        ev_page = client.get(f"/events/{nov.id}").text
        assert "Referred to by" in ev_page and f"/articles/{arts['000']}" in ev_page
    b = build_briefing(store, nov.id)
    assert [(rl.ref.text, rl.outlet) for rl in b.referred_by] == [
        ("their first since late November", "Gulf Times (via MENAFN)")
    ]
    assert b.referred_by[0].event != nov.id and not b.referred_by_more
