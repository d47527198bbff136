"""The cross-check on the ECB+ multi-outlet corpus (two Qeshm earthquakes, two Paris jewellery heists) against
the figure gold in benchmarks/data/ecb_multi_gold.json. Checks run on the GOLD events, so event clustering does
not matter here. Needs the benchmark data (``benchdata`` fixture: skipped with the reason when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosswire.eval.ecb_corpus import FALSE_CONSISTENT_FACTOR, _in_group, evaluate
from crosswire.models import Check, CheckValue


@pytest.fixture(scope="module")
def result(benchdata: Path, nlp, tmp_path_factory) -> dict:
    return evaluate(benchdata, tmp_path_factory.mktemp("ecb"), nlp=nlp)


def _group(result: dict, event: str, gid: str) -> dict:
    return next(g for g in result["groups"] if g["event"] == event and g["id"] == gid)


@pytest.mark.parametrize(
    "event,gid,status",
    [
        ("20/ecbplus", "deaths", "conflicting"),  # 10 everywhere, an early "three" at one outlet
        ("20/ecbplus", "injured", "conflicting"),  # 50 vs 80
        ("20/ecbplus", "magnitude", "conflicting"),  # Tehran 5.9 vs USGS 6.1
        ("20/ecb", "magnitude", "corroborated"),  # 5.6
        ("24/ecbplus", "value-eur", "corroborated"),  # EUR 2m
        ("24/ecbplus", "value-gbp", "corroborated"),  # GBP 1.7m
        ("24/ecb", "value-usd", "conflicting"),  # $102m / $108m / $137m / $160m
        ("20/ecbplus", "aftershocks", "conflicting"),  # "three aftershocks" vs "four": exact counts, no rounding
    ],
)
def test_key_groups_exist_with_the_right_status(result, event, gid, status):
    g = _group(result, event, gid)
    assert g["found"], f"{event} {gid}: no check holds its figures"
    assert g["status"] == status


def test_death_toll_gathers_most_outlets(result):
    found, total = map(int, _group(result, "20/ecbplus", "deaths")["outlets"].split("/"))
    assert found >= total - 2


def test_no_false_consistent(result):
    assert result["false_consistent"] == [], f"'consistent' across more than x{FALSE_CONSISTENT_FACTOR:g}"
    for checks in result["_checks"].values():
        for c in checks:
            vals = [abs(v.value) for v in c.values if v.value]
            if c.status == "consistent" and vals:
                assert max(vals) <= FALSE_CONSISTENT_FACTOR * min(vals), (c.about, vals)


def test_historical_figures_stay_out_of_the_events_own_groups(result):
    # "a 2003 quake in Bam killed 31,000", "the Zarand quake in February killed 612", "in July ... EUR 103m"
    for checks in result["_checks"].values():
        for c in checks:
            if c.about.startswith(("deaths", "injured")) and not c.about.endswith(")"):
                assert all(v.value < 1000 for v in c.values if v.value), (
                    c.about,
                    [v.value for v in c.values],
                )
    for gid in ("bam-deaths", "zarand-deaths", "cannes-eur"):
        g = next(x for x in result["groups"] if x["id"] == gid)
        assert g["found"], f"background group {gid} should be compared among its own outlets"
    quake_mixes = [m for m in result["background_mixes"] if m.startswith("20/ecbplus")]
    assert quake_mixes == []


def test_precision_and_recall(result):
    assert result["key_found"] >= 10, result["groups"]
    assert result["precision"] >= 0.9, [r for r in result["rows"] if not r["correct"]]
    assert result["status_right"] >= 0.7 * result["status_scored"]


def test_ranges_and_implied_counts_join_their_groups(result):
    found, total = map(int, _group(result, "24/ecb", "robbers")["outlets"].split("/"))
    assert found >= total - 1  # "three or four robbers" is scored as the range it is
    assert _group(result, "24/ecbplus", "robbers")["found"]  # "four men rammed their car"


def test_conjunct_figures_take_their_own_clauses_period(result):
    # "... in Bam in 2003, and 600 were killed in ... Zarand in February": the 600 is Zarand's, not Bam's
    zarand = _group(result, "20/ecbplus", "zarand-deaths")
    assert zarand["found"] and zarand["outlets"] == "3/3"
    for c in result["_checks"]["20/ecbplus"]:
        if c.about.startswith("deaths") and "2003" in c.about:
            assert all(v.value > 20000 for v in c.values), [v.value for v in c.values]


def test_aftershock_magnitudes_stay_out_of_the_quakes_magnitude(result):
    # "aftershocks of around 4.0" vs "a quake measuring 3.8 on Monday": other shocks, no cross-check between them
    checks = result["_checks"]["20/ecbplus"]
    assert any(c.about == "aftershock magnitude" and [v.value for v in c.values] == [4.0] for c in checks)
    for c in checks:
        if c.about.startswith("magnitude") and len(c.values) > 1:
            assert min(v.value for v in c.values) >= 5.0, [v.value for v in c.values]


def test_a_range_belongs_to_a_gold_group_when_both_ends_do():
    group = {"unit": "count", "values": {"x": [3, 4], "y": [4]}}
    assert _in_group(("x", "count", 3.5, (3.0, 4.0)), group)
    assert _in_group(("y", "count", 4.0, None), group)
    assert not _in_group(("y", "count", 3.5, (3.0, 4.0)), group)  # y only ever wrote four
    assert not _in_group(("x", "count", 3.5, None), group)  # a midpoint alone is no gold value
    assert not _in_group(("x", "EUR", 3.5, (3.0, 4.0)), group)
    # the scorer reads ranges from claim ids
    from crosswire.eval.ecb_corpus import score_figure_checks

    check = Check(id="k", event="e", about="robbers", status="consistent", claims=["c1", "c2"],
                  values=[CheckValue(claim="c1", value=3.5, unit="count"), CheckValue(claim="c2", value=4.0, unit="count")])
    gold = {"events": {"e": {"groups": [dict(group, id="robbers", kind="extra", status="consistent")]}}}
    scored = score_figure_checks({"e": [check]}, gold, {"c1": "x", "c2": "y"}, {"c1": (3.0, 4.0)})
    assert scored["correct"] == 1 and scored["groups"][0]["found"]
    assert score_figure_checks({"e": [check]}, gold, {"c1": "x", "c2": "y"})["correct"] == 0
