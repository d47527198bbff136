"""The lean read methods of the web UI and the API, on both backends, and migration 0003 (read indexes).

Each method is checked against what the full-record methods say (``list_articles``, ``get_event``,
``get_entity`` ...), so a lean method cannot drift from the records it summarizes.
"""

from __future__ import annotations

import threading
from collections import Counter

import pytest
import sqlalchemy as sa
from alembic import command
from store_factories import make_article

from crosswire.errors import StoreError
from crosswire.models import ArticleFacts, Claim, Entity, EntityLabel, Event, EventRef
from crosswire.store import current_revision, head_revision, normalize_url, open_store, rows
from crosswire.store.base import ArticleInfo
from crosswire.store.engine import make_engine
from crosswire.store.schema import event_articles
from crosswire.store.schema import events as events_table
from crosswire.store.versioning import alembic_config


def _claim(article: str, i: int) -> Claim:
    return Claim(id=f"{article}:c{i}", article=article, sentence=f"sentence {i} of {article}", span=(0, 5),
                 action="buy")


@pytest.fixture
def filled(store):
    """12 articles over 3 outlets: a001-a006 in event "big", a007-a008 in "small", the rest in none."""
    arts = [make_article(i, outlet=["Reuters", "AP", None][i % 3]) for i in range(1, 13)]
    arts[4].published = None  # an undated article sorts last
    store.add_articles(arts)
    store.save_events([
        Event(id="big", label="Big", date="2026-02-04", date_precision="day",
              articles=[f"a{i:03d}" for i in range(1, 7)]),
        Event(id="small", label="Small", date="2026-02-05", date_precision="day", articles=["a007", "a008"]),
        Event(id="empty", label="Empty", date=None, date_precision=None, articles=[]),
    ])
    store.save_facts([ArticleFacts(article=a.id, claims=[_claim(a.id, 0), _claim(a.id, 1)]) for a in arts])
    return store


def test_article_infos_match_articles_without_text(filled):
    for filters in ({}, {"event": "big"}, {"outlet": "AP"}, {"since": "2026-02-05"}):
        full = filled.list_articles(**filters)
        infos = filled.list_article_infos(**filters)
        assert [i.id for i in infos] == [a.id for a in full], filters
        for i, a in zip(infos, full, strict=True):
            assert (i.title, i.outlet, i.published, i.word_count) == (a.title, a.outlet, a.published, a.word_count)
            assert i.event == filled.event_of(a.id)
        assert not hasattr(ArticleInfo, "text")
        paged = [i.id for off in range(0, len(full), 4) for i in filled.list_article_infos(**filters, limit=4,
                                                                                         offset=off)]
        assert paged == [a.id for a in full], filters
    assert filled.list_article_infos()[-1].id == "a005"  # undated last
    some = filled.list_article_infos(ids=["a009", "a002", "nope", "a002"])
    assert [i.id for i in some] == ["a002", "a009"] and [i.event for i in some] == ["big", None]
    assert filled.list_article_infos(ids=[]) == []
    many = [f"x{i}" for i in range(5000)] + ["a003"]  # one bound parameter, whatever the number of ids
    assert [i.id for i in filled.list_article_infos(ids=many)] == ["a003"]


def test_event_sizes_outlets_and_members(filled):
    assert filled.event_sizes(["small", "big", "empty", "nope"]) == {"small": 2, "big": 6, "empty": 0, "nope": 0}
    assert filled.event_sizes([]) == {}
    by_outlet = Counter(a.outlet for a in filled.list_articles(event="big"))
    assert filled.event_outlets("big") == sorted(by_outlet.items(), key=lambda kv: (-kv[1], kv[0] is None,
                                                                                  kv[0] or ""))
    assert filled.event_outlets("nope") == []
    lean = filled.get_event("big", members=False)
    assert lean.articles == [] and lean.label == "Big"
    assert filled.get_event("big").articles == [f"a{i:03d}" for i in range(1, 7)]
    listed = filled.list_events(members=False)
    assert [e.id for e in listed] == [e.id for e in filled.list_events()] and all(not e.articles for e in listed)


def test_get_claims_by_id(filled):
    want = ["a003:c1", "a001:c0", "nope", "a012:c1"]
    got = filled.get_claims(want)
    assert [c.id for c in got] == ["a001:c0", "a003:c1", "a012:c1"]  # in the order saved
    assert got[1] == next(c for c in filled.list_claims(article="a003") if c.id == "a003:c1")
    assert filled.get_claims([]) == []


def test_entities_and_label_counts(filled):
    labels = [EntityLabel("a001", "Reuters", "leader", (0, 1)), EntityLabel("a002", "AP", "strongman", (0, 1)),
              EntityLabel("a004", "Reuters", "leader", (0, 1)), EntityLabel("a004", "Reuters", "president", (0, 1)),
              EntityLabel("a009", "Reuters", "dictator", (0, 1))]  # a009 is outside "big"
    filled.save_entities([Entity(id="xi", name="Xi", type="PERSON", aliases=["Xi Jinping"], labels=labels),
                          Entity(id="cn", name="China", type="GPE")])
    ents = filled.get_entities(["xi", "cn", "nope"], labels=False)
    assert [(e.id, e.aliases, e.labels) for e in ents] == [("cn", [], []), ("xi", ["Xi Jinping"], [])]
    assert filled.get_entities(["xi"])[0] == filled.get_entity("xi")
    # every label, under the outlet stored with it, in first-seen order
    assert filled.count_entity_labels(["xi", "cn"]) == [
        ("xi", "Reuters", "leader", 2), ("xi", "AP", "strongman", 1), ("xi", "Reuters", "president", 1),
        ("xi", "Reuters", "dictator", 1)]
    # only the labels in the event's articles, under the article's outlet
    outlet = {a.id: a.outlet for a in filled.list_articles()}
    expect = Counter((outlet[lab.article], lab.label) for lab in labels if lab.article in {"a001", "a002", "a004"})
    got = filled.count_entity_labels(["xi"], event="big")
    assert Counter({(o, la): n for _, o, la, n in got}) == expect
    assert filled.count_entity_labels([]) == []


def test_event_refs_from_outside(filled):
    def ref(article: str, i: int) -> EventRef:
        return EventRef(id=f"{article}:r{i}", article=article, text="the meeting", span=(0, 3), head="meeting")

    filled.save_facts([ArticleFacts(article="a001", event_refs=[ref("a001", 0)]),
                       ArticleFacts(article="a007", event_refs=[ref("a007", 0)]),
                       ArticleFacts(article="a010", event_refs=[ref("a010", 0), ref("a010", 1)])])
    filled.link_event_refs({"a001:r0": ("big", "x"), "a007:r0": ("big", "x"), "a010:r0": ("big", "x"),
                            "a010:r1": ("small", "x")})
    assert [r.id for r in filled.list_event_refs(event="big")] == ["a001:r0", "a007:r0", "a010:r0"]
    assert [r.id for r in filled.list_event_refs(event="big", outside=True)] == ["a007:r0", "a010:r0"]
    assert [r.id for r in filled.list_event_refs(event="big", outside=True, limit=1)] == ["a007:r0"]
    with pytest.raises(StoreError, match="needs an event"):
        filled.list_event_refs(outside=True)


def test_search_infos_match_search(filled):
    filled.add_articles([make_article(50, title="Soybean deal", text="China will buy soybeans.")])
    full, lean = filled.search("soybeans"), filled.search_infos("soybeans")
    assert [(a.id, s) for a, s in full] == [(i.id, s) for i, s in lean]
    assert {i.event for i, _ in lean} == {"big", "small", None}


def test_snapshot_reads_one_state(filled):
    """Reads inside a snapshot do not see a write committed meanwhile by another connection; after it they do."""
    done = threading.Event()

    def write() -> None:
        filled.add_articles([make_article(99)])
        done.set()

    with filled.snapshot():
        before = filled.count_articles()
        with filled.snapshot():  # nested: joins the outer one
            assert filled.list_article_infos(limit=1)
        t = threading.Thread(target=write)
        t.start()
        t.join(30)
        assert done.is_set()
        assert filled.count_articles() == before
        assert not filled.has_article("a099")
    assert filled.count_articles() == before + 1


def test_store_at_0002_is_upgraded_in_place(store_url):
    engine = make_engine(normalize_url(store_url))
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0002")
    engine.dispose()
    assert current_revision(store_url) == "0002"
    from crosswire.store.sql import SqlStore

    old = SqlStore(make_engine(normalize_url(store_url)), normalize_url(store_url))
    old.add_articles([make_article(i) for i in range(1, 5)])
    ev = Event(id="ev", label="e", date="2026-02-04", date_precision="day", articles=["a003", "a001"])
    with old.engine.begin() as conn:  # as the 0002 code wrote it (save_events now also fills later tables)
        conn.execute(sa.insert(events_table), [rows.event_row(ev)])
        conn.execute(sa.insert(event_articles), [{"article": a, "event": "ev", "ord": i} for i, a in enumerate(ev.articles)])
    with old.engine.connect() as conn:
        before = {i["name"] for i in sa.inspect(conn).get_indexes("event_articles")}
    old.close()
    assert "ix_event_articles_event" in before

    s = open_store(store_url)
    try:
        assert current_revision(store_url) == head_revision()
        with s.engine.connect() as conn:
            insp = sa.inspect(conn)
            idx = {t: {i["name"]: i["column_names"] for i in insp.get_indexes(t)}
                   for t in ("event_articles", "articles", "events", "checks")}
        assert idx["event_articles"]["ix_event_articles_event_ord"] == ["event", "ord"]
        assert idx["articles"]["ix_articles_published_day_seq"] == ["published_day", "seq"]
        assert idx["events"]["ix_events_date_seq"] == ["date", "seq"]
        assert idx["checks"]["ix_checks_event_seq"] == ["event", "seq"]
        assert "ix_event_articles_event" not in idx["event_articles"]
        assert s.get_event("ev").articles == ["a003", "a001"]  # data and order kept
        assert [a.id for a in s.list_article_infos(event="ev")] == ["a001", "a003"]
        assert s.event_sizes(["ev"]) == {"ev": 2}
    finally:
        s.close()
    # and back down (the old indexes return)
    engine = make_engine(normalize_url(store_url))
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0002")
        assert "ix_event_articles_event" in {i["name"] for i in sa.inspect(conn).get_indexes("event_articles")}
    engine.dispose()
