"""Floors for the quantity scores on the development data (skipped without benchdata).

Measured (find_quantities, no model), `python -c "from crosswire.eval.quantities import evaluate; ..."`:
  MeasEval train (883 gold): overlap P 0.885 R 0.455 F1 0.601; exact F1 0.328; unit acc 1.00 (n=291)
  news set (217 gold, 14 documents): exact P 0.995 R 0.959 F1 0.977; value+unit acc 0.995 (n=209)
    (before the wire-copy rules of the grammar: exact P 0.990 R 0.894 F1 0.939 on the same 217)
  with the spaCy model:      measures accuracy 0.962 (n=53)
"""

from __future__ import annotations

from pathlib import Path

from crosswire.eval.quantities import (
    NEWS_GOLD,
    check_news_gold,
    ecb_text,
    eval_measeval,
    eval_news,
    make_extractor,
    match_spans,
    measeval_unit,
)


def _by_metric(rows):
    return {r.metric: r.value for r in rows}


def test_match_spans() -> None:
    gold = [(0, 5), (10, 20)]
    pred = [(0, 5), (12, 25), (30, 31)]
    assert match_spans(gold, pred, exact=True) == [(0, 0)]
    assert sorted(match_spans(gold, pred, exact=False)) == [(0, 0), (1, 1)]


def test_measeval_unit_mapping() -> None:
    assert measeval_unit("kg") == "t"
    assert measeval_unit("%") == "%"
    assert measeval_unit("km") == "km"
    assert measeval_unit("participants") == "count"
    assert measeval_unit("mg/L") is None and measeval_unit("years") is None and measeval_unit(None) is None


def test_gold_file_is_consistent(benchdata: Path) -> None:
    assert NEWS_GOLD.is_file()
    assert check_news_gold(benchdata) == []


def test_ecb_text_detokenizes(benchdata: Path) -> None:
    text = ecb_text(benchdata / "ecbplus" / "ECB+_xml" / "20" / "20_1ecbplus.xml")
    assert "6.1-magnitude" in text and "120,000 people" in text


def test_measeval_floor(benchdata: Path) -> None:
    m = _by_metric(eval_measeval(benchdata, make_extractor()))
    assert m["span P (overlap)"] >= 0.85  # measured 0.885
    assert m["span F1 (overlap)"] >= 0.57  # measured 0.601
    assert m["unit accuracy (overlap matches, mappable units)"] >= 0.95  # measured 1.00


def test_news_floor(benchdata: Path) -> None:
    rows = eval_news(benchdata, make_extractor())
    m = _by_metric(rows)
    assert rows[0].n >= 200
    assert m["span P (exact)"] >= 0.96  # measured 0.995
    assert m["span R (exact)"] >= 0.92  # measured 0.959
    assert m["span F1 (exact)"] >= 0.94  # measured 0.977
    assert m["value+unit accuracy (overlap matches)"] >= 0.96  # measured 0.995
    # the model-free extractor is not scored on measures (it reads only implied casualty counts)
    assert "measures accuracy (matches with gold measures)" not in m


def test_news_measures_floor(benchdata: Path, nlp) -> None:
    m = _by_metric(eval_news(benchdata, make_extractor(nlp)))
    assert m["measures accuracy (matches with gold measures)"] >= 0.9  # measured 0.962 (n=53)
