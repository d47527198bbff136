"""The cross-check on the ECB+ multi-outlet corpus (two Qeshm earthquakes, two Paris jewellery heists) against
the figure gold in benchmarks/data/ecb_multi_gold.json. Checks run on the GOLD events, so event clustering does
not matter here. Needs the benchmark data (``benchdata`` fixture: skipped with the reason when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosswire.eval.ecb_corpus import FALSE_CONSISTENT_FACTOR, evaluate


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
    assert result["key_found"] >= 9, result["groups"]
    assert result["precision"] >= 0.8, [r for r in result["rows"] if not r["correct"]]
    assert result["status_right"] >= 0.7 * result["status_scored"]
