"""Every record type is stored and loaded back unchanged, on both backends.

The records come from ``fill``, which sets every dataclass field to a non-default value: a field added to
``crosswire.models`` without a column fails here.
"""

from __future__ import annotations

import pytest
from store_factories import fill, make_article

from crosswire.errors import NotFound, StoreError
from crosswire.models import (
    Article,
    ArticleFacts,
    Check,
    Claim,
    DateExpr,
    Entity,
    Event,
    Mention,
    Quantity,
    Quote,
    Track,
)


def test_article_roundtrip(store):
    a = fill(Article, 1)
    b = make_article(2, text="Ünïcödé “quotes” — and\nnew lines\ttabs", title=None, published=None)
    assert store.add_articles([a, b]) == [a.id, b.id]
    assert store.get_article(a.id) == a
    assert store.get_article(b.id) == b
    assert store.has_article(a.id) and not store.has_article("nope")
    assert list(store.iter_articles(batch=1)) == [a, b]


def test_get_missing_article_is_not_found(store):
    with pytest.raises(NotFound):
        store.get_article("missing")
    with pytest.raises(NotFound):
        store.get_facts("missing")


def _facts(article_id: str, i: int) -> ArticleFacts:
    return ArticleFacts(
        article=article_id,
        mentions=[
            fill(Mention, i, id=f"{article_id}:m{i}", article=article_id),
            fill(Mention, i + 1, id=f"{article_id}:m{i + 1}", article=article_id, label_span=None),
        ],
        quotes=[fill(Quote, i, id=f"{article_id}:q{i}", article=article_id)],
        quantities=[
            fill(Quantity, i, id=f"{article_id}:n{i}", article=article_id),
            fill(Quantity, i, id=f"{article_id}:n{i + 1}", article=article_id, value=None, low=None),
        ],
        dates=[fill(DateExpr, i, id=f"{article_id}:d{i}", article=article_id)],
        claims=[fill(Claim, i, id=f"{article_id}:c{i}", article=article_id)],
        sentences=[(0, 10), (11, 40)],
    )


def test_facts_roundtrip_and_replace(store):
    store.add_articles([make_article(1), make_article(2)])
    assert not store.has_facts("a001")
    f1, f2 = _facts("a001", 1), _facts("a002", 5)
    store.save_facts([f1, f2])
    assert store.has_facts("a001")
    assert store.get_facts("a001") == f1
    assert store.get_facts("a002") == f2
    # saving again replaces (no duplicates, removed facts disappear)
    smaller = ArticleFacts(article="a001", quotes=f1.quotes)
    store.save_facts([smaller])
    assert store.get_facts("a001") == smaller
    assert store.get_facts("a002") == f2
    # an article processed without findings still "has facts"
    store.add_articles([make_article(3)])
    store.save_facts([ArticleFacts(article="a003")])
    assert store.has_facts("a003") and store.get_facts("a003") == ArticleFacts(article="a003")


def test_list_quotes_and_claims(store):
    store.add_articles([make_article(1), make_article(2)])
    f1, f2 = _facts("a001", 1), _facts("a002", 5)
    f2.quotes[0].speaker_entity = "ent-xi"
    store.save_facts([f1, f2])
    assert store.list_quotes() == f1.quotes + f2.quotes
    assert store.list_quotes(article="a002") == f2.quotes
    assert store.list_quotes(speaker_entity="ent-xi") == f2.quotes
    assert store.list_quotes(limit=1, offset=1) == f2.quotes
    assert store.list_claims(article="a001") == f1.claims
    store.save_events([Event(id="ev1", label="call", articles=["a002"])])
    assert [q.id for q in store.list_quotes(event="ev1")] == [f2.quotes[0].id]
    assert [c.article for c in store.list_claims(event="ev1")] == ["a002"]
    assert [q.id for q in store.iter_facts("quotes", event="ev1")] == [f2.quotes[0].id]
    assert len(list(store.iter_facts("mentions", batch=1))) == 4
    with pytest.raises(StoreError, match="unknown fact kind"):
        list(store.iter_facts("opinions"))


def test_facts_for_unknown_article_are_refused(store):
    with pytest.raises(StoreError, match="add_articles"):
        store.save_facts([_facts("ghost", 1)])


def test_fact_of_another_article_is_refused(store):
    store.add_articles([make_article(1)])
    bad = _facts("a001", 1)
    bad.quotes[0].article = "a999"
    with pytest.raises(StoreError, match="belongs to article"):
        store.save_facts([bad])


def test_entities_roundtrip_upsert_and_query(store):
    e1 = fill(Entity, 1, id="ent-xi", name="Xi Jinping", type="PERSON", aliases=["Xi", "President Xi"])
    e2 = fill(Entity, 2, id="ent-us", name="United States", type="GPE", aliases=["US", "U.S."])
    e3 = Entity(id="ent-pct", name="100%_club", type="ORG")
    store.save_entities([e1, e2, e3])
    assert store.get_entity("ent-xi") == e1
    assert store.list_entities() == [e3, e2, e1]  # by name
    assert store.list_entities(type="GPE") == [e2]
    assert store.list_entities(q="president") == [e1]  # alias, case-insensitive
    assert store.list_entities(q="jinp") == [e1]
    assert store.list_entities(q="%") == [e3]  # LIKE wildcards are literal
    assert store.list_entities(q="_") == [e3]
    assert store.list_entities(limit=1, offset=1) == [e2]
    e1b = Entity(id="ent-xi", name="Xi Jinping", type="PERSON", aliases=["Xi"])
    store.save_entities([e1b])
    assert store.get_entity("ent-xi") == e1b
    with pytest.raises(NotFound):
        store.get_entity("ent-none")


def test_events_roundtrip_membership_and_claims(store):
    store.add_articles([make_article(i) for i in range(1, 5)])
    store.save_facts([_facts("a001", 1), _facts("a003", 3)])
    ev1 = fill(Event, 1, id="ev1", date="2026-02-04", date_precision="day", articles=["a001", "a002"])
    ev2 = Event(id="ev2", label="other", date="2025-11-25", articles=["a003"])
    store.save_events([ev1, ev2])
    assert store.get_event("ev1") == ev1
    assert store.list_events() == [ev2, ev1]  # chronological
    assert store.list_events(limit=1, offset=1) == [ev1]
    assert store.event_of("a001") == "ev1" and store.event_of("a004") is None
    assert [c.event for c in store.get_facts("a001").claims] == ["ev1"]
    # a002 moves to ev2; a001 leaves every event: its claims follow
    store.save_events([Event(id="ev2", label="other", date="2025-11-25", articles=["a003", "a002"])])
    store.save_events(
        [
            Event(
                id="ev1",
                label=ev1.label,
                date=ev1.date,
                date_precision="day",
                why=ev1.why,
                entities=ev1.entities,
                articles=[],
            )
        ]
    )
    assert store.get_event("ev2").articles == ["a003", "a002"]
    assert store.get_event("ev1").articles == []
    assert store.event_of("a002") == "ev2"
    assert [c.event for c in store.get_facts("a001").claims] == [None]
    assert [c.event for c in store.get_facts("a003").claims] == ["ev2"]
    assert [a.id for a in store.list_articles(event="ev2")] == ["a002", "a003"]
    with pytest.raises(NotFound):
        store.get_event("ev9")


def test_event_with_unknown_article_is_refused(store):
    with pytest.raises(StoreError, match="not stored"):
        store.save_events([Event(id="ev1", label="x", articles=["ghost"])])


def test_claims_saved_after_event_take_its_id(store):
    store.add_articles([make_article(1)])
    store.save_events([Event(id="ev1", label="x", articles=["a001"])])
    store.save_facts([_facts("a001", 1)])
    assert [c.event for c in store.list_claims()] == ["ev1"]


def test_event_states_and_signatures(store):
    store.save_event_state("ev1", b"\x00\x01state")
    store.save_event_state("ev2", b"two")
    store.save_event_state("ev1", b"new")
    assert list(store.iter_event_states()) == [("ev1", b"new"), ("ev2", b"two")]
    sigs = {f"a{i:04d}": bytes([i % 256]) * 8 for i in range(2100)}  # more than one page
    store.save_signatures(sigs)
    store.save_signatures({"a0000": b"changed"})
    got = dict(store.iter_signatures())
    assert len(got) == 2100 and got["a0000"] == b"changed" and got["a0005"] == sigs["a0005"]


def test_checks_roundtrip_and_replace(store):
    c1 = fill(Check, 1, id="k1", event="ev1", status="conflicting")
    c2 = fill(Check, 2, id="k2", event=None, status="corroborated")
    c3 = fill(Check, 3, id="k3", event=None, status="single_source")
    store.replace_checks("ev1", [c1, c2])
    store.replace_checks(None, [c3])
    c2.event = "ev1"  # a check without an event is stored under the event it was replaced for
    assert store.list_checks(event="ev1") == [c1, c2]
    assert store.list_checks() == [c1, c2, c3]
    store.replace_checks("ev1", [c1])
    assert store.list_checks() == [c3, c1]  # in the order saved
    store.replace_checks(None, [])
    assert store.list_checks() == [c1]
    with pytest.raises(StoreError, match="replace_checks once per event"):
        store.replace_checks("ev2", [c1])


def test_tracks_roundtrip_and_replace(store):
    t1, t2 = fill(Track, 1), fill(Track, 2, id="")
    store.replace_tracks([t1, t2])
    assert store.list_tracks() == [t1, t2]
    store.replace_tracks([t2])
    assert store.list_tracks() == [t2]


def test_content_hash_and_duplicates(store):
    store.add_articles([make_article(1, content_hash="same"), make_article(2, content_hash="same")])
    assert store.find_by_content_hash("same") == "a001"
    assert store.find_by_content_hash("other") is None
    store.set_duplicate_of("a002", "a001")
    assert store.get_article("a002").duplicate_of == "a001"
    store.set_duplicate_of("a002", None)
    assert store.get_article("a002").duplicate_of is None
    with pytest.raises(NotFound):
        store.set_duplicate_of("ghost", "a001")


def test_non_finite_values_in_json_lists_are_stored_as_unknown(store):
    from crosswire.models import CheckValue, TrackPoint

    store.replace_tracks([Track(about="x", unit="t", points=[TrackPoint(date=None, value=float("nan"))])])
    assert store.list_tracks()[0].points[0].value is None
    store.replace_checks(
        "ev",
        [
            Check(
                id="k",
                event="ev",
                about="x",
                status="consistent",
                values=[CheckValue("c", float("-inf"), "t")],
            )
        ],
    )
    assert store.list_checks()[0].values[0].value is None


def test_non_finite_quantities_are_stored_as_unknown(store):
    store.add_articles([make_article(1)])
    q = Quantity(
        id="a001:n0",
        article="a001",
        text="x",
        span=(0, 1),
        value=float("nan"),
        unit="t",
        low=float("inf"),
        high=2.0,
    )
    store.save_facts([ArticleFacts(article="a001", quantities=[q])])
    (got,) = store.get_facts("a001").quantities
    assert (got.value, got.low, got.high) == (None, None, 2.0)


def test_delete_events_merged_away(store):
    """A merge removes an event: its membership, index state and checks go; articles and facts stay."""
    store.add_articles([make_article(i) for i in range(1, 4)])
    store.save_facts([_facts("a001", 1)])
    store.save_events([Event(id="ev1", label="a", articles=["a001"]), Event(id="ev2", label="b", articles=["a002"])])
    store.save_event_state("ev1", b"s1")
    store.replace_checks("ev1", [Check(id="k1", event="ev1", about="x", status="single_source")])
    store.delete_events(["ev1", "nope"])
    with pytest.raises(NotFound):
        store.get_event("ev1")
    assert store.event_of("a001") is None and store.has_article("a001")
    assert [c.event for c in store.get_facts("a001").claims] == [None]
    assert dict(store.iter_event_states()) == {}
    assert store.list_checks(event="ev1") == []
    # the merged-into event takes the articles
    store.save_events([Event(id="ev2", label="b", articles=["a002", "a001"])])
    assert store.event_of("a001") == "ev2"
    assert [c.event for c in store.get_facts("a001").claims] == ["ev2"]
