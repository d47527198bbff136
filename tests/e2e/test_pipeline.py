"""The whole pipeline on the bundled sample corpus, on both store backends."""

from __future__ import annotations

import io
import json

import pytest

from crosswire.config import load_settings
from crosswire.export import export_json, validate_export
from crosswire.pipeline import Pipeline, ingest_paths, ingest_records
from crosswire.store import open_store


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory, nlp, sample_dir):
    url = f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'sample.db'}"
    store = open_store(url)
    rep = ingest_paths([str(sample_dir)], store, load_settings(environ={}), meta=str(sample_dir / "sources.json"), nlp=nlp)
    return store, rep


def test_sample_ingest_report(sample_store):
    store, rep = sample_store
    assert rep.exit_code == 0 and not rep.failures
    assert rep.inserted == 5 and rep.duplicates == 0 and rep.extracted == 5
    assert store.count_articles() == 5
    assert rep.events_new == 2 and rep.events_touched == 2


def test_sample_events_are_the_two_calls(sample_store):
    store, _ = sample_store
    events = store.list_events()
    assert len(events) == 2
    by_date = {e.date: sorted(store.get_article(a).external_id[:3] for a in e.articles) for e in events}
    assert by_date == {"2025-11-24": ["002", "004"], "2026-02-04": ["000", "001", "003"]}
    for e in events:
        assert e.why and e.label


def test_sample_cross_check(sample_store):
    store, _ = sample_store
    feb = next(e for e in store.list_events() if e.date == "2026-02-04")
    checks = store.list_checks(event=feb.id)
    soy20 = [c for c in checks if any(v.value == 20e6 and v.unit == "t" for v in c.values)]
    assert soy20, "the 20 Mt soybean figure is checked"
    c = soy20[0]
    assert c.status == "corroborated" and len(set(c.outlets)) == 3
    assert {m["modality"] for m in c.modalities} >= {"agreed", "considered"}
    soy25 = next(c for c in checks if any(v.value == 25e6 and v.unit == "t" for v in c.values))
    assert len(set(soy25.outlets)) == 2 and soy25.missing_from == ["Gulf Times (via MENAFN)"]
    arms = next(c for c in checks if any(v.unit == "USD" and v.value and v.value >= 1e10 for v in c.values))
    assert arms.status == "consistent"
    assert sorted(v.value for v in arms.values) == [11e9, 11.1e9]


def test_sample_track_and_labels(sample_store):
    store, _ = sample_store
    tracks = [t for t in store.list_tracks() if t.unit == "t" and len(t.points) >= 3]
    assert tracks
    assert [p.value for p in tracks[0].points][:3] == [12e6, 20e6, 25e6]
    xi = [e for e in store.list_entities(q="Xi") if e.type == "PERSON" and "Xi" in e.name.split()]
    assert len(xi) == 1, [e.name for e in xi]
    labels = {(lab.outlet, lab.label) for lab in xi[0].labels}
    assert ("The Epoch Times", "Chinese Communist Party leader") in labels
    assert any(o == "Gulf Times (via MENAFN)" and lab == "President" for o, lab in labels)


def test_export_validates_and_has_every_section(sample_store):
    store, _ = sample_store
    buf = io.StringIO()
    export_json(store, buf)
    doc = json.loads(buf.getvalue())
    validate_export(doc)
    for key in ("articles", "entities", "events", "quotes", "quantities", "dates", "claims", "checks", "tracks"):
        assert doc[key], key
    # provenance: every claim's span points at its sentence in the stored text
    texts = {a["id"]: a["text"] for a in doc["articles"]}
    for c in doc["claims"][:50]:
        s, e = c["span"]
        assert texts[c["article"]][s:e] == c["sentence"]


def test_reingest_is_idempotent(sample_store, nlp, sample_dir):
    store, _ = sample_store
    before = (store.count_articles(), len(store.list_events()), len(store.list_checks()))
    rep = ingest_paths([str(sample_dir)], store, load_settings(environ={}), meta=str(sample_dir / "sources.json"), nlp=nlp)
    assert rep.inserted == 0 and rep.already_stored == 5 and rep.exit_code == 0
    assert rep.events_new == 0 and rep.events_touched == 0  # nothing new: no event touched
    assert (store.count_articles(), len(store.list_events()), len(store.list_checks())) == before


def test_bad_input_goes_on_and_sets_exit_code(tmp_path, nlp):
    (tmp_path / "good.txt").write_text(
        "Flooding closed the main bridge in Riverton on Tuesday, officials said. "
        "The county emergency office said 120 homes were evacuated and two people were rescued from cars.",
        encoding="utf-8",
    )
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "bad.jsonl").write_text('{"text": "A valid record about a harbour strike that lasted two days."}\nnot json\n{"id": 3}\n')
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    rep = ingest_paths([str(tmp_path)], store, load_settings(environ={}), nlp=nlp)
    assert rep.exit_code == 1
    where = " ".join(str(f) for f in rep.failures)
    for name in ("empty.txt", "bin.txt", "bad.jsonl"):
        assert name in where
    assert "line 2" in where or "#2" in where or ":2" in where
    assert store.count_articles() == 2


def test_crash_mid_run_then_resume(tmp_path, nlp, sample_dir, monkeypatch):
    """A failure after the first batch keeps what was committed; the re-run completes without duplicates."""
    settings = load_settings(environ={}, store={"batch_size": 2})
    store = open_store(f"sqlite:///{tmp_path / 'r.db'}")
    calls = {"n": 0}
    real = Pipeline.cluster

    def flaky(self, articles, facts, report, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return real(self, articles, facts, report, *args, **kwargs)

    monkeypatch.setattr(Pipeline, "cluster", flaky)
    with pytest.raises(KeyboardInterrupt):
        ingest_paths([str(sample_dir)], store, settings, meta=str(sample_dir / "sources.json"), nlp=nlp)
    partial = store.count_articles()
    assert 2 <= partial < 5
    monkeypatch.setattr(Pipeline, "cluster", real)
    rep = ingest_paths([str(sample_dir)], store, settings, meta=str(sample_dir / "sources.json"), nlp=nlp)
    assert rep.exit_code == 0
    assert store.count_articles() == 5
    assert sorted(len(e.articles) for e in store.list_events()) == [2, 3]
    for a in store.list_articles():
        assert store.has_facts(a.id) and store.event_of(a.id)


def test_ingest_records_api_path(tmp_path, nlp):
    store = open_store(f"sqlite:///{tmp_path / 'api.db'}")
    out = ingest_records(
        [
            {"id": "r1", "text": "The central bank raised interest rates by 0.5 percentage points on Thursday, "
             "its governor said, citing inflation of 7.1%.", "outlet": "Wire A", "published": "2024-03-14"},
            {"id": "r2"},
        ],
        store,
        load_settings(environ={}),
        nlp=nlp,
    )
    assert out["inserted"] == 1 and out["exit_code"] == 1
    assert out["failures"][0]["record"] == "r2"
    facts = store.get_facts(store.list_articles()[0].id)
    assert any(q.unit == "pp" and q.value == 0.5 for q in facts.quantities)


@pytest.mark.postgres
def test_sample_on_postgres(pg_url, nlp, sample_dir):
    store = open_store(pg_url)
    rep = ingest_paths([str(sample_dir)], store, load_settings(environ={}), meta=str(sample_dir / "sources.json"), nlp=nlp)
    assert rep.exit_code == 0 and store.count_articles() == 5
    assert sorted(len(e.articles) for e in store.list_events()) == [2, 3]
    buf = io.StringIO()
    export_json(store, buf)
    validate_export(json.loads(buf.getvalue()))
    assert store.search("soybeans")
    store.close()


def test_incremental_runs_match_one_run(tmp_path, nlp, sample_dir, sample_store):
    """Ingesting the corpus file by file (five runs) gives the same events, checks and tracks as one run."""
    import shutil

    one, _ = sample_store
    store = open_store(f"sqlite:///{tmp_path / 'inc.db'}")
    settings = load_settings(environ={})
    for f in sorted(sample_dir.glob("*.txt")):
        d = tmp_path / f.stem
        d.mkdir()
        shutil.copy(f, d / f.name)
        rep = ingest_paths([str(d / f.name)], store, settings, meta=str(sample_dir / "sources.json"), nlp=nlp)
        assert rep.exit_code == 0 and rep.inserted == 1

    def summary(st):
        events = sorted(sorted(st.get_article(a).external_id for a in e.articles) for e in st.list_events())
        checks = sorted((c.about, c.status, tuple(sorted(set(c.outlets)))) for c in st.list_checks())
        tracks = sorted((t.about, tuple(p.value for p in t.points)) for t in st.list_tracks())
        return events, checks, tracks

    assert summary(store) == summary(one)


def test_incremental_reconcile_reads_the_story_not_the_store(tmp_path, nlp, sample_dir, sample_store, monkeypatch):
    """The reconcile of a later run finds its story through the store indexes: it never lists every event or
    every track, and the result still equals one run over the whole corpus."""
    import shutil

    from crosswire.pipeline import Pipeline

    one, _ = sample_store
    store = open_store(f"sqlite:///{tmp_path / 'inc.db'}")
    settings = load_settings(environ={})
    files = sorted(sample_dir.glob("*.txt"))
    inside = {"reconcile": False}
    real_reconcile = Pipeline.reconcile

    def reconcile(self, *a, **kw):
        inside["reconcile"] = True
        try:
            return real_reconcile(self, *a, **kw)
        finally:
            inside["reconcile"] = False

    def refuse(name):
        real = getattr(store, name)

        def scan(*a, **kw):
            scoped = any(kw.get(k) is not None for k in ("articles", "since", "until", "event"))
            if inside["reconcile"] and not scoped:  # a date window (event references) or a filter is fine
                raise AssertionError(f"reconcile called {name}() over the whole store")
            return real(*a, **kw)

        return scan

    monkeypatch.setattr(Pipeline, "reconcile", reconcile)
    for name in ("list_events", "list_tracks", "replace_tracks", "iter_articles"):
        monkeypatch.setattr(store, name, refuse(name))
    for f in files:
        d = tmp_path / f.stem
        d.mkdir()
        shutil.copy(f, d / f.name)
        rep = ingest_paths([str(d / f.name)], store, settings, meta=str(sample_dir / "sources.json"), nlp=nlp)
        assert rep.exit_code == 0 and rep.inserted == 1
    monkeypatch.undo()

    def tracks(st):
        return sorted((t.about, t.unit, tuple(p.value for p in t.points)) for t in st.list_tracks())

    assert tracks(store) == tracks(one)
    assert any(values[:3] == (12e6, 20e6, 25e6) for _, unit, values in tracks(store) if unit == "t")


def test_briefing_counts_name_what_they_count(sample_store):
    """A count in a briefing line reads "20 cargoes", not a bare 20 (the quantity's ``measures``)."""
    from crosswire.report.render import render_report

    store, _ = sample_store
    nov = next(e for e in store.list_events() if (e.date or "").startswith("2025-11"))
    text = render_report(store, nov.id, "md")
    assert "20 cargoes" in text
