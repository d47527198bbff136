"""Event references in the store: round trip with the facts, links, window queries, merged-away events, and
the in-place upgrade of a store created at revision 0001."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command
from store_factories import fill, make_article

from crosswire.models import ArticleFacts, Event, EventRef, Mention
from crosswire.store import current_revision, head_revision, normalize_url, open_store, rows
from crosswire.store.engine import make_engine
from crosswire.store.schema import event_articles, events, fact_sets, mentions
from crosswire.store.versioning import alembic_config


def _ref(aid: str, i: int, **kw) -> EventRef:
    base = dict(id=f"{aid}:r{i}", article=aid, text=f"ref {i}", span=(i, i + 5), head="meeting", date=None,
                date_precision=None, place=None, event=None, why=None, entities=[])  # fmt: skip
    base.update(kw)
    return EventRef(**base)  # type: ignore[arg-type]


def test_event_refs_roundtrip_with_the_facts(store):
    store.add_articles([make_article(1), make_article(2)])
    full = fill(EventRef, 1, id="a001:r0", article="a001", date="2025-10", date_precision="month")
    f1 = ArticleFacts(
        article="a001", event_refs=[full, _ref("a001", 1, date="2025-W47", date_precision="week")]
    )
    store.save_facts([f1, ArticleFacts(article="a002", event_refs=[_ref("a002", 0)])])
    assert store.get_facts("a001") == f1
    assert [r.id for r in store.iter_facts("event_refs")] == ["a001:r0", "a001:r1", "a002:r0"]
    assert store.list_event_refs(article="a002") == [_ref("a002", 0)]
    # saving the facts again replaces the references
    store.save_facts([ArticleFacts(article="a001")])
    assert store.get_facts("a001").event_refs == [] and len(store.list_event_refs()) == 1


def test_links_and_date_windows(store):
    store.add_articles([make_article(i) for i in range(1, 4)])
    refs = [
        _ref("a001", 0, date="2025-10", date_precision="month"),
        _ref("a001", 1, date="2025-11-24", date_precision="day"),
        _ref("a001", 2, date="2025-W47", date_precision="week"),  # Nov 17-23
        _ref("a001", 3),  # undated
        _ref("a001", 4, date="P1Y", date_precision="duration"),
    ]
    store.save_facts([ArticleFacts(article="a001", event_refs=refs)])
    ids = lambda rs: [r.id.split(":")[1] for r in rs]  # noqa: E731
    assert ids(store.list_event_refs(since="2025-11-24", until="2025-11-24")) == ["r1"]
    assert ids(store.list_event_refs(since="2025-10-31", until="2025-11-17")) == ["r0", "r2"]
    assert ids(store.list_event_refs(since="2025")) == ["r0", "r1", "r2"]  # undated and durations: no window
    store.save_events([
        Event(id="nov", label="call", date="2025-11-24", date_precision="day", articles=["a002"]),
        Event(id="oct", label="summit", date="2025-10", date_precision="month", articles=["a003"]),
        Event(id="y24", label="year", date="2024", date_precision="year", articles=[]),
    ])  # fmt: skip
    win = lambda s, u: sorted(e.id for e in store.list_events(since=s, until=u))  # noqa: E731
    assert win("2025-11-23", "2025-11-25") == ["nov"]
    assert win("2025-10-30", "2025-11-01") == ["oct"]  # a month event overlaps the window's first days
    assert win("2025-11-01", "2025-11-23") == []
    assert win("2024-12-31", "2025-10-01") == ["oct", "y24"]
    assert win("2020", None) == ["nov", "oct", "y24"] and win(None, "2024-06") == ["y24"]

    store.link_event_refs(
        {"a001:r1": ("nov", "same day"), "a001:r0": ("oct", "same month"), "gone:r9": ("x", "")}
    )
    assert [r.id for r in store.list_event_refs(event="nov")] == ["a001:r1"]
    assert store.get_facts("a001").event_refs[1].why == "same day"
    assert ids(store.list_event_refs(unlinked=True)) == ["r2", "r3", "r4"]
    # an event merged away leaves its references unlinked, to be linked again
    store.delete_events(["nov"])
    assert store.list_event_refs(event="nov") == []
    assert ids(store.list_event_refs(unlinked=True)) == ["r1", "r2", "r3", "r4"]
    assert store.get_facts("a001").event_refs[0].event == "oct"


def test_store_at_0001_is_upgraded_in_place(store_url):
    engine = make_engine(normalize_url(store_url))
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0001")
    engine.dispose()
    assert current_revision(store_url) == "0001"
    # data written by the 0001 code: articles, an event, a mention
    from crosswire.store.sql import SqlStore

    old = SqlStore(make_engine(normalize_url(store_url)), normalize_url(store_url))
    old.add_articles([make_article(1), make_article(2)])
    ev = Event(id="ev1", label="call", date="2026-02-04", date_precision="day", articles=["a001"])
    m = Mention(id="a001:m0", article="a001", text="Xi", span=(0, 2), type="PERSON", entity="e-xi")
    with old.engine.begin() as conn:
        # the event as the 0001 code wrote it (the current save_events also fills later tables)
        conn.execute(sa.insert(events), [rows.event_row(ev)])
        conn.execute(sa.insert(event_articles), [{"article": "a001", "event": "ev1", "ord": 0}])
        conn.execute(sa.insert(fact_sets), [{"article": "a001", "sentences": [[0, 10]]}])
        conn.execute(sa.insert(mentions), [rows.mention_row(m, 0)])
        assert "event_refs" not in sa.inspect(conn).get_table_names()
    old.close()

    s = open_store(store_url)  # the new code upgrades on open
    try:
        assert current_revision(store_url) == head_revision()
        with s.engine.connect() as conn:
            assert "event_refs" in sa.inspect(conn).get_table_names()
        assert [a.id for a in s.list_articles()] == ["a001", "a002"]
        assert s.get_event("ev1").articles == ["a001"]
        facts = s.get_facts("a001")
        assert facts.mentions == [m] and facts.sentences == [(0, 10)] and facts.event_refs == []
        s.save_facts([ArticleFacts(article="a002", event_refs=[_ref("a002", 0, date="2026-01")])])
        s.link_event_refs({"a002:r0": ("ev1", "test")})
        assert s.list_event_refs(event="ev1")[0].article == "a002"
    finally:
        s.close()
