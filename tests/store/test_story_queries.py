"""The story queries of the reconcile stage: events by key entity (and figure unit), tracks by cited article."""

from __future__ import annotations

from store_factories import make_article

from crosswire.models import ArticleFacts, Claim, Event, Quantity, Track, TrackPoint


def _figure(aid: str, n: int, unit: str) -> tuple[Claim, Quantity]:
    q = Quantity(id=f"{aid}:q{n}", article=aid, text="12", span=(0, 2), value=12.0, unit=unit)
    c = Claim(
        id=f"{aid}:c{n}",
        article=aid,
        sentence="s",
        span=(0, 1),
        action="buy",
        theme="soybeans",
        quantity=q.id,
    )
    return c, q


def _track(tid: str, unit: str | None, *claims: str) -> Track:
    return Track(
        about=tid,
        unit=unit,
        id=tid,
        points=[TrackPoint(date=None, value=float(i), claims=[c]) for i, c in enumerate(claims)],
    )


def test_find_events_by_entity_and_unit(store):
    store.add_articles([make_article(i) for i in range(1, 6)])
    facts = []
    for aid, unit in (("a001", "t"), ("a002", "USD"), ("a003", "t")):
        c, q = _figure(aid, 0, unit)
        facts.append(ArticleFacts(article=aid, claims=[c], quantities=[q]))
    store.save_facts(facts)
    store.save_events(
        [
            Event(id="ev1", label="a", date="2026-02-03", articles=["a001"], entities=["china", "us"]),
            Event(id="ev2", label="b", date="2026-02-01", articles=["a002", "a004"], entities=["china"]),
            Event(id="ev3", label="c", date=None, articles=["a003"], entities=["iran", "china"]),
            Event(id="ev4", label="d", date="2026-01-01", articles=["a005"], entities=["iran"]),
        ]
    )
    found = store.find_events(entities=["china"])
    assert [e.id for e in found] == ["ev2", "ev1", "ev3"]  # list_events order: by date, undated last
    assert found[0].articles == ["a002", "a004"] and found[0].entities == ["china"]
    assert [e.id for e in store.find_events(entities=["china"], units=["t"])] == ["ev1", "ev3"]
    assert [e.id for e in store.find_events(entities=["china", "iran"], units=["USD", "%"])] == ["ev2"]
    assert store.find_events(entities=["china"], units=[]) == []
    assert store.find_events(entities=[]) == []
    assert [e.articles for e in store.find_events(entities=["us"], members=False)] == [[]]
    # the index follows the events: new key entities, and events merged away
    store.save_events([Event(id="ev1", label="a", date="2026-02-03", articles=["a001"], entities=["japan"])])
    assert [e.id for e in store.find_events(entities=["us"])] == []
    assert [e.id for e in store.find_events(entities=["japan", "iran"])] == ["ev4", "ev1", "ev3"]
    store.delete_events(["ev3"])
    assert [e.id for e in store.find_events(entities=["iran"])] == ["ev4"]


def test_tracks_by_article_and_partial_replacement(store):
    t1 = _track("t1", "t", "a001:c0", "a002:c3")
    t2 = _track("t2", "USD", "a002:c1", "a003:c0")
    t3 = _track("t3", "t", "a004:c0", "a005:c0")
    store.replace_tracks([t1, t2, t3])
    assert store.list_tracks() == [t1, t2, t3]
    assert store.list_tracks(articles=["a002"]) == [t1, t2]
    assert store.list_tracks(articles=["a005", "a009"]) == [t3]
    assert store.list_tracks(articles=[]) == []
    # only the tracks in the given units citing a given article are replaced; the rest keep their order
    t1b = _track("t1b", "t", "a001:c0", "a002:c3", "a006:c0")
    store.replace_tracks_of(["a002", "a006"], [t1b], units=["t"])
    assert store.list_tracks() == [t2, t3, t1b]
    assert store.list_tracks(articles=["a006"]) == [t1b]
    store.replace_tracks_of(["a003"], [])
    assert store.list_tracks() == [t3, t1b]
    assert store.list_tracks(articles=["a003"]) == []
    store.replace_tracks([t2])
    assert store.list_tracks(articles=["a001"]) == [] and store.list_tracks(articles=["a002"]) == [t2]


def test_tracks_of_an_event(store):
    """``list_tracks(event=)``: the tracks citing any article of the event, found through the indexes."""
    store.add_articles([make_article(i) for i in range(1, 7)])
    store.save_events(
        [
            Event(id="e1", label="a", articles=["a002", "a003"]),
            Event(id="e2", label="b", articles=["a004"]),
            Event(id="e3", label="c", articles=["a006"]),
        ]
    )
    t1 = _track("t1", "t", "a001:c0", "a002:c3")
    t2 = _track("t2", "USD", "a002:c1", "a003:c0")
    t3 = _track("t3", "t", "a004:c0", "a005:c0")
    store.replace_tracks([t1, t2, t3])
    assert store.list_tracks(event="e1") == [t1, t2]
    assert store.list_tracks(event="e2") == [t3]
    assert store.list_tracks(event="e3") == [] and store.list_tracks(event="unknown") == []
