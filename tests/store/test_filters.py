"""Filters and pagination of list_articles / count_articles."""

from __future__ import annotations

import pytest
from store_factories import make_article

from crosswire.errors import StoreError
from crosswire.models import ArticleFacts, Event, Mention


@pytest.fixture
def filled(store):
    store.add_articles(
        [
            make_article(1, outlet="Reuters", published="2025-11-25"),
            make_article(2, outlet="AP", published="2025-11-26T08:30:00+08:00"),
            make_article(3, outlet="Reuters", published="2026-02-04"),
            make_article(4, outlet="AP", published="2026-02-04T23:59:00-05:00"),
            make_article(5, outlet=None, published=None),
            make_article(6, outlet="Reuters", published="2025-12-31"),
        ]
    )

    def m(a: str, n: int, ent: str) -> Mention:
        return Mention(id=f"{a}:m{n}", article=a, text="Xi", span=(0, 2), type="PERSON", entity=ent)

    store.save_facts(
        [
            ArticleFacts(article="a001", mentions=[m("a001", 1, "ent-xi"), m("a001", 2, "ent-xi")]),
            ArticleFacts(article="a004", mentions=[m("a004", 1, "ent-xi"), m("a004", 2, "ent-trump")]),
        ]
    )
    store.save_events([Event(id="ev-call", label="call", articles=["a003", "a004"])])
    return store


def ids(articles):
    return [a.id for a in articles]


def test_chronological_order_undated_last(filled):
    assert ids(filled.list_articles()) == ["a001", "a002", "a006", "a003", "a004", "a005"]


def test_outlet(filled):
    assert ids(filled.list_articles(outlet="Reuters")) == ["a001", "a006", "a003"]
    assert filled.count_articles(outlet="AP") == 2
    assert filled.list_articles(outlet="Nobody") == []


DATE_CASES = [
    ("2025-11-26", None, ["a002", "a006", "a003", "a004"]),
    (None, "2025-11-26", ["a001", "a002"]),  # a datetime on the until day is included
    ("2026", None, ["a003", "a004"]),
    ("2025-12", "2025-12", ["a006"]),  # whole month
    ("2025", "2025", ["a001", "a002", "a006"]),  # whole year
    ("2026-02-04", "2026-02-04", ["a003", "a004"]),
    ("2026-03-01", None, []),
]


def test_date_range(filled):
    for since, until, expected in DATE_CASES:
        assert ids(filled.list_articles(since=since, until=until)) == expected, (since, until)
        assert filled.count_articles(since=since, until=until) == len(expected)


def test_bad_date_says_how_to_fix(filled):
    with pytest.raises(StoreError, match="YYYY-MM-DD"):
        filled.list_articles(since="last week")


def test_entity_and_event(filled):
    assert ids(filled.list_articles(entity="ent-xi")) == ["a001", "a004"]  # each article once
    assert ids(filled.list_articles(entity="ent-trump")) == ["a004"]
    assert ids(filled.list_articles(event="ev-call")) == ["a003", "a004"]
    assert ids(filled.list_articles(event="ev-call", entity="ent-xi", outlet="AP")) == ["a004"]
    assert filled.count_articles(entity="ent-xi", since="2026") == 1
    assert ids(filled.iter_articles(event="ev-call")) == ["a003", "a004"]


def test_pagination(filled):
    everything = ids(filled.list_articles())
    pages = [ids(filled.list_articles(limit=2, offset=o)) for o in (0, 2, 4, 6)]
    assert pages == [everything[0:2], everything[2:4], everything[4:6], []]
    assert ids(filled.list_articles(outlet="Reuters", limit=1, offset=1)) == ["a006"]
    assert filled.count_articles() == 6


def test_unknown_count_filter(filled):
    with pytest.raises(StoreError, match="unknown article filter"):
        filled.count_articles(colour="red")
