"""A small but complete store (two events, facts of every kind, checks, tracks) to export."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from crosswire.models import (
    Article,
    ArticleFacts,
    Check,
    CheckValue,
    Claim,
    DateExpr,
    Entity,
    EntityLabel,
    Event,
    Mention,
    Quantity,
    Quote,
    Track,
    TrackPoint,
)
from crosswire.store import SqlStore, open_store

TEXTS = {
    "a1": "Xi agreed to buy 20mn tonnes of soybeans, Trump said. “All very positive,” Trump said.",
    "a2": "China will buy 25 million tons of soybeans this season, President Xi said on Wednesday.",
    "a3": "The US announced $11.1bn in arms sales to Taiwan in December.",
}


def _span(aid: str, s: str) -> tuple[int, int]:
    i = TEXTS[aid].index(s)
    return (i, i + len(s))


def populate(store: SqlStore) -> None:
    store.add_articles(
        [
            Article(
                id="a1",
                source="corpus/000.txt",
                external_id="000.txt",
                text=TEXTS["a1"],
                outlet="Gulf Times",
                title="Trump, Xi call",
                published="2026-02-04",
                published_from="metadata",
                language="en",
                url="https://example.org/1",
                word_count=16,
            ),
            Article(
                id="a2",
                source="feed.jsonl",
                external_id="rec-2",
                text=TEXTS["a2"],
                outlet="OAN",
                title="Soybeans",
                published="2026-02-04T10:00:00+08:00",
                published_from="text",
                byline="Jane Doe",
                language="en",
                word_count=15,
            ),
            Article(
                id="a3",
                source="corpus/002.txt",
                external_id="002.txt",
                text=TEXTS["a3"],
                outlet=None,
                title=None,
                published=None,
                published_from="unknown",
                language="en",
                duplicate_of=None,
                word_count=11,
            ),
        ]
    )
    store.save_facts(
        [
            ArticleFacts(
                article="a1",
                mentions=[
                    Mention(
                        id="a1:m0",
                        article="a1",
                        text="Xi",
                        span=_span("a1", "Xi"),
                        type="PERSON",
                        entity="e-xi",
                    ),
                    Mention(
                        id="a1:m1",
                        article="a1",
                        text="Trump",
                        span=_span("a1", "Trump"),
                        type="PERSON",
                        entity="e-trump",
                    ),
                ],
                quotes=[
                    Quote(
                        id="a1:q0",
                        article="a1",
                        text="All very positive",
                        span=_span("a1", "All very positive"),
                        speaker="Trump",
                        speaker_entity="e-trump",
                        cue="said",
                    )
                ],
                quantities=[
                    Quantity(
                        id="a1:n0",
                        article="a1",
                        text="20mn tonnes",
                        span=_span("a1", "20mn tonnes"),
                        value=20_000_000.0,
                        unit="t",
                        measures="soybean purchases",
                    )
                ],
                claims=[
                    Claim(
                        id="a1:c0",
                        article="a1",
                        sentence=TEXTS["a1"][:48],
                        span=(0, 48),
                        action="buy",
                        actor="e-xi",
                        theme="soybeans",
                        quantity="a1:n0",
                        modality="agreed",
                        attributed_to="e-trump",
                    )
                ],
                sentences=[(0, 48), (49, len(TEXTS["a1"]))],
            ),
            ArticleFacts(
                article="a2",
                mentions=[
                    Mention(
                        id="a2:m0",
                        article="a2",
                        text="Xi",
                        span=_span("a2", "Xi"),
                        type="PERSON",
                        entity="e-xi",
                        label="President",
                        label_span=_span("a2", "President"),
                    )
                ],
                quantities=[
                    Quantity(
                        id="a2:n0",
                        article="a2",
                        text="25 million tons",
                        span=_span("a2", "25 million tons"),
                        value=25_000_000.0,
                        unit="t",
                        measures="soybean purchases",
                    )
                ],
                dates=[
                    DateExpr(
                        id="a2:d0",
                        article="a2",
                        text="Wednesday",
                        span=_span("a2", "Wednesday"),
                        value="2026-02-04",
                        precision="day",
                    ),
                    DateExpr(
                        id="a2:d1",
                        article="a2",
                        text="this season",
                        span=_span("a2", "this season"),
                        value=None,
                        precision=None,
                    ),
                ],
                claims=[
                    Claim(
                        id="a2:c0",
                        article="a2",
                        sentence=TEXTS["a2"],
                        span=(0, len(TEXTS["a2"])),
                        action="buy",
                        actor="China",
                        theme="soybeans",
                        quantity="a2:n0",
                        time="2026",
                        modality="committed",
                        attributed_to="e-xi",
                    )
                ],
            ),
            ArticleFacts(
                article="a3",
                quantities=[
                    Quantity(
                        id="a3:n0",
                        article="a3",
                        text="$11.1bn",
                        span=_span("a3", "$11.1bn"),
                        value=11_100_000_000.0,
                        unit="USD",
                        measures="arms sales",
                    )
                ],
                dates=[
                    DateExpr(
                        id="a3:d0",
                        article="a3",
                        text="December",
                        span=_span("a3", "December"),
                        value="2025-12",
                        precision="month",
                    )
                ],
            ),
        ]
    )
    store.save_entities(
        [
            Entity(
                id="e-xi",
                name="Xi Jinping",
                type="PERSON",
                aliases=["Xi"],
                labels=[
                    EntityLabel(article="a2", outlet="OAN", label="President", span=_span("a2", "President")),
                    EntityLabel(article="a3", outlet=None, label="leader", span=(0, 3)),
                ],
            ),
            Entity(id="e-trump", name="Donald Trump", type="PERSON", aliases=["Trump"]),
            Entity(id="e-taiwan", name="Taiwan", type="GPE"),
        ]
    )
    store.save_events(
        [
            Event(
                id="ev-call",
                label="Trump-Xi call",
                date="2026-02-04",
                date_precision="day",
                articles=["a1", "a2"],
                why=["same day", "shared entities: Xi, Trump"],
                entities=["e-xi"],
            ),
            Event(
                id="ev-arms",
                label="Arms sales to Taiwan",
                date="2025-12",
                date_precision="month",
                articles=["a3"],
                why=["single article"],
            ),
        ]
    )
    store.replace_checks(
        "ev-call",
        [
            Check(
                id="k0",
                event="ev-call",
                about="soybean purchases",
                status="conflicting",
                claims=["a1:c0", "a2:c0"],
                outlets=["Gulf Times", "OAN"],
                missing_from=[],
                values=[CheckValue("a1:c0", 20_000_000.0, "t"), CheckValue("a2:c0", 25_000_000.0, "t")],
                modalities=[
                    {"claim": "a1:c0", "modality": "agreed"},
                    {"claim": "a2:c0", "modality": "committed"},
                ],
                note="20mn t vs 25mn t",
            )
        ],
    )
    store.replace_checks(
        "ev-arms",
        [
            Check(
                id="k1", event="ev-arms", about="arms sales", status="single_source", claims=[], outlets=["?"]
            )
        ],
    )
    store.replace_tracks(
        [
            Track(
                id="t0",
                about="China's US soybean purchase commitment",
                unit="t",
                points=[
                    TrackPoint(date="2025-11", value=12_000_000.0, claims=[]),
                    TrackPoint(
                        date="2026-02-04", value=20_000_000.0, claims=["a1:c0"], label="current season"
                    ),
                ],
            ),
            Track(id="t1", about="arms sales", unit="USD", points=[TrackPoint(date="2025-12", value=11.1e9)]),
        ]
    )


@pytest.fixture
def store(store_url: str) -> Iterator[SqlStore]:
    s = open_store(store_url)
    populate(s)
    yield s
    s.close()
