"""Grouping figures by what they measure, anchors to other periods/places, open bounds, currencies."""

from __future__ import annotations

import pytest

from crosswire.models import Claim, Event, Quantity
from crosswire.reconcile.align import (
    OPEN_BOUND_FACTOR,
    anchors_compatible,
    is_anchor,
    measure_concept,
    quantity_interval,
    values_agree,
)
from crosswire.reconcile.checks import conversions, cross_check


def _checks(desk):
    ev = Event(id="e", label="e", articles=list(desk.articles))
    return cross_check(ev, desk.all_articles, desk.all_facts)


def _q(text: str, value: float, unit: str = "count", **kw) -> Quantity:
    return Quantity(id="q", article="a", text=text, span=(0, len(text)), value=value, unit=unit, **kw)


def _c(**kw) -> Claim:
    base = dict(id="c", article="a", sentence="s", span=(0, 1), action="x")
    base.update(kw)
    return Claim(**base)


@pytest.mark.parametrize(
    "claim,quantity,concept",
    [
        (_c(action="kill", verb="kill"), _q("10 people", 10), "deaths"),
        (_c(action="remain", verb="remain"), _q("80 wounded", 80), "injured"),
        (_c(action="injure", verb="injure", theme="villagers"), _q("two villagers", 2), "injured"),
        (_c(action="be", verb="be", theme="death toll"), _q("12", 12), "deaths"),
        (_c(action="evacuate", verb="evacuate"), _q("two helicopters", 2), "helicopter"),
        (_c(action="injure", verb="injure", theme="city"), _q("500,000 people", 5e5), "population"),
        (_c(action="have", verb="have"), _q("200,000 residents", 2e5), "population"),
        (_c(action="strike", verb="strike", theme="tremor"), _q("5.9", 5.9, "magnitude"), "magnitude"),
        (_c(action="make off", verb="make off", theme="booty"), _q("EUR 2m", 2e6, "EUR"), "value stolen"),
        (_c(action="value", verb="value", theme="gems"), _q("$108m", 1.08e8, "USD"), "value stolen"),
        (_c(action="plan", verb="plan", theme="budget"), _q("$5bn", 5e9, "USD"), None),
    ],
)
def test_measure_concepts_collapse_newsroom_synonyms(claim, quantity, concept):
    assert measure_concept(claim, quantity) == concept


def test_money_falls_back_to_the_nearest_measure_in_the_sentence():
    s = "The men grabbed jewellery and luxury watches worth an estimated 2 million euros."
    claim = _c(action="drive", verb="drive", theme="worth", sentence=s, span=(0, len(s)))
    q = _q("2 million euros", 2e6, "EUR")
    assert measure_concept(claim, q, s.index("2 million")) == "value stolen"
    # counts never take a measure from elsewhere in the sentence
    assert measure_concept(claim, _q("four", 4), s.index("2 million")) is None


def test_synonymous_measures_group_across_outlets_and_actors(desk):
    for aid, outlet in (("a", "A"), ("b", "B"), ("c", "C")):
        desk.article(aid, outlet)
    desk.claim("a", "kill", None, 10, text="10 people", actor="the quake", verb="kill")
    desk.claim("b", "die", None, 10, text="10 people", actor=None, verb="die")
    desk.claim("c", "be", "death toll", 10, text="10", actor="officials", verb="be")
    deaths = [c for c in _checks(desk) if c.about == "deaths"]
    assert len(deaths) == 1 and deaths[0].status == "corroborated" and len(deaths[0].outlets) == 3


def test_open_bounds_are_capped():
    at_least_10 = quantity_interval(_q("at least 10", 10, qualifier="at least"))
    assert at_least_10.hi == pytest.approx(10 * OPEN_BOUND_FACTOR + 0.5, rel=0.05)
    assert values_agree(at_least_10, quantity_interval(_q("13", 13)))
    assert not values_agree(at_least_10, quantity_interval(_q("612", 612)))
    up_to_80 = quantity_interval(_q("as many as 80", 80, qualifier="as many as"))
    assert values_agree(up_to_80, quantity_interval(_q("70", 70)))
    assert not values_agree(up_to_80, quantity_interval(_q("4", 4)))
    more_26k = quantity_interval(_q("more than 26,000", 26000, qualifier="more than"))
    assert values_agree(more_26k, quantity_interval(_q("more than 31,000", 31000, qualifier="more than")))
    assert not values_agree(more_26k, quantity_interval(_q("200,000", 200000)))


def test_open_bound_far_from_the_other_figure_is_a_conflict_not_consistent(desk):
    desk.article("a", "A")
    desk.article("b", "B")
    desk.claim("a", "kill", None, 3, text="at least three", qualifier="at least", verb="kill")
    desk.claim("b", "kill", None, 10, text="10 people", verb="kill")
    (check,) = [c for c in _checks(desk) if c.values]
    assert check.status == "conflicting"


def test_anchored_figures_compare_only_with_the_same_period(desk):
    for aid, outlet in (("a", "A"), ("b", "B"), ("c", "C")):
        desk.article(aid, outlet)
    desk.claim("a", "kill", None, 10, text="10 people", verb="kill")
    desk.claim("b", "kill", None, 10, text="10 people", verb="kill")
    desk.claim(
        "a", "kill", None, 26000, text="more than 26,000", qualifier="more than", verb="kill", slot="2003-12"
    )
    desk.claim(
        "c", "kill", None, 31000, text="more than 31,000", qualifier="more than", verb="kill", slot="2003"
    )
    desk.claim("c", "kill", None, 10, text="10 people", verb="kill", slot="in Bam")
    checks = [c for c in _checks(desk) if c.values]
    own = next(c for c in checks if c.about == "deaths")
    assert sorted(v.value for v in own.values) == [10, 10] and own.status == "corroborated"
    bam = next(c for c in checks if "2003" in c.about)
    assert sorted(v.value for v in bam.values) == [26000, 31000] and bam.status == "consistent"
    assert any(c.about.endswith("(in Bam)") and c.status == "single_source" for c in checks)


def test_anchor_compatibility():
    assert (
        is_anchor("2003-12")
        and is_anchor("in Bam")
        and not is_anchor("current season")
        and not is_anchor(None)
    )
    assert anchors_compatible("2003", "2003-12")
    assert anchors_compatible("XXXX-02", "2005-02")
    assert not anchors_compatible("XXXX-02", "2005-03")
    assert not anchors_compatible("2003-12", "2005-12")
    assert not anchors_compatible("XXXX-02", "2005")
    assert not anchors_compatible("2003", None)
    assert not anchors_compatible("in Bam", "in Zarand")


def test_magnitudes_tenths_apart_conflict_and_whole_units_apart_are_other_shocks(desk):
    for aid, outlet in (("a", "A"), ("b", "B"), ("c", "C")):
        desk.article(aid, outlet)
    desk.claim("a", "strike", "quake", 5.9, "magnitude", text="5.9", verb="strike")
    desk.claim("b", "measure", "tremor", 6.1, "magnitude", text="6.1", verb="register")
    desk.claim("c", "measure", "Monday", 3.8, "magnitude", text="3.8", verb="measure")  # an aftershock
    checks = [c for c in _checks(desk) if c.values]
    main = next(c for c in checks if len(c.outlets) == 2)
    assert main.about == "magnitude" and main.status == "conflicting"
    assert sorted(v.value for v in main.values) == [5.9, 6.1]


def test_parenthetical_conversion_is_the_same_claim_in_its_own_currency(desk):
    text = "Robbers stole gems valued at 85 million euros ($108 million)."
    a = desk.article("a", "A", text=text)
    f = desk.facts["a"]
    for i, (t, v, u) in enumerate((("85 million euros", 85e6, "EUR"), ("$108 million", 108e6, "USD"))):
        s = text.index(t)
        f.quantities.append(
            Quantity(id=f"a:q{i}", article="a", text=t, span=(s, s + len(t)), value=v, unit=u)
        )
    f.claims.append(
        Claim(
            id="a:c0",
            article="a",
            sentence=text,
            span=(0, len(text)),
            action="steal",
            verb="steal",
            theme="gems",
            quantity="a:q0",
        )
    )
    f.claims.append(
        Claim(
            id="a:c1",
            article="a",
            sentence=text,
            span=(0, len(text)),
            action="value",
            verb="value",
            theme="euros",
            quantity="a:q1",
        )
    )
    assert conversions(a.text, f.quantities) == {"a:q1": "a:q0"}
    desk.article("b", "B")
    desk.claim("b", "snatch", "diamond rings", 102e6, "USD", text="$102 million", verb="snatch")
    desk.claim("b", "snatch", "jewels", 80e6, "EUR", text="80 million euros", verb="snatch")
    checks = {(c.values[0].unit): c for c in _checks(desk) if c.values}
    assert checks["USD"].status == "conflicting" and sorted(checks["USD"].outlets) == ["A", "B"]
    assert checks["EUR"].status == "conflicting" and checks["EUR"].about == "value stolen"
    # never converted: no check mixes currencies
    assert all(len({v.unit for v in c.values}) == 1 for c in checks.values())


def test_conversion_chain_inside_one_parenthesis():
    text = "They took 2m euros (GBP 1.7m; $2.6m) in gems and watches."
    qs = []
    for i, (t, u) in enumerate((("2m euros", "EUR"), ("GBP 1.7m", "GBP"), ("$2.6m", "USD"))):
        s = text.index(t)
        qs.append(Quantity(id=f"q{i}", article="a", text=t, span=(s, s + len(t)), value=1.0, unit=u))
    assert conversions(text, qs) == {"q1": "q0", "q2": "q0"}
    # figures in a row without a parenthesis are separate claims
    plain = "Thieves took EUR 2m and later $5m."
    qa = [
        Quantity(id="x", article="a", text="EUR 2m", span=(13, 19), value=2e6, unit="EUR"),
        Quantity(id="y", article="a", text="$5m", span=(30, 33), value=5e6, unit="USD"),
    ]
    assert conversions(plain, qa) == {}


# --- the quantity's own measure, aftershock magnitudes, counting measures, population scope, capped qualifiers


@pytest.mark.parametrize(
    "claim,quantity,concept",
    [
        # the grammar's measure beats a misleading theme ("seven of its villages were affected")
        (_c(action="affect", verb="affect", theme="villages"), _q("seven", 7, measures="villages"), "villages"),
        (_c(action="be", verb="be", theme="population"), _q("600", 600, measures="dead"), "deaths"),
        (_c(action="rise", verb="rise"), _q("10", 10, measures="dead"), "deaths"),
        # generic / person measures fall through to the verb
        (_c(action="kill", verb="kill"), _q("10 people", 10, measures="people"), "deaths"),
        (_c(action="ram", verb="ram", theme="car"), _q("Four men", 4, measures="men"), None),
    ],
)
def test_the_quantitys_own_measure_comes_first(claim, quantity, concept):
    assert measure_concept(claim, quantity) == concept


def test_aftershock_magnitude_is_its_own_measure():
    c = _c(action="be", verb="be", theme="4.0")
    assert measure_concept(c, _q("4.0", 4.0, "magnitude", measures="aftershocks")) == "aftershock magnitude"
    assert measure_concept(c, _q("6.1-magnitude", 6.1, "magnitude", measures="quake")) == "magnitude"
    assert measure_concept(c, _q("6.1", 6.1, "magnitude")) == "magnitude"


def test_aftershock_magnitude_is_never_compared_with_another_shock(desk):
    for aid, outlet in (("a", "A"), ("b", "B"), ("c", "C")):
        desk.article(aid, outlet)
    desk.claim("a", "be", "4.0", 4.0, "magnitude", text="4.0", verb="be", measures="aftershocks")
    desk.claim("b", "measure", "Monday", 3.8, "magnitude", text="3.8", verb="measure")
    desk.claim("c", "strike", "quake", 4.1, "magnitude", text="4.1", verb="strike", measures="quake")
    checks = [c for c in _checks(desk) if c.values]
    after = next(c for c in checks if any(v.value == 4.0 for v in c.values))
    assert after.about == "aftershock magnitude" and after.status == "single_source"
    other = next(c for c in checks if any(v.value == 3.8 for v in c.values))
    assert other.about == "magnitude" and sorted(v.value for v in other.values) == [3.8, 4.1]


def test_counting_measures_never_name_a_length_or_a_sum():
    c = _c(action="have", verb="have", theme="population")
    assert measure_concept(c, _q("1,500 kilometers", 1500, "km")) is None
    assert measure_concept(c, _q("100,000", 1e5)) == "population"
    assert measure_concept(_c(action="kill", verb="kill"), _q("$54m", 5.4e7, "USD")) is None


def test_population_of_a_city_is_not_the_islands(desk):
    for aid, outlet in (("a", "A"), ("b", "B"), ("c", "C")):
        desk.article(aid, outlet)
    desk.claim("a", "be", "island", 120000, text="120,000 people", verb="be")  # "the island, home to 120,000"
    desk.claim("b", "have", "population", 100000, text="100,000", verb="have")  # "Qeshm has a population of"
    desk.claim("c", "be", "city", 500000, text="500,000 people", verb="be")  # "Bandar Abbas, a city of 500,000"
    checks = [c for c in _checks(desk) if c.values]
    for ch in checks:
        values = sorted(v.value for v in ch.values)
        assert not (500000 in values and 120000 in values), values
    assert any(sorted(v.value for v in ch.values) == [100000, 120000] and ch.status == "conflicting" for ch in checks)


def test_almost_caps_the_figure():
    almost_2m = quantity_interval(_q("almost $2 million", 2e6, "USD", qualifier="almost"))
    assert almost_2m.hi == pytest.approx(2e6)
    assert not values_agree(almost_2m, quantity_interval(_q("$2.6 million", 2.6e6, "USD")))
    assert values_agree(almost_2m, quantity_interval(_q("$1.9 million", 1.9e6, "USD")))
    # without the qualifier "$2 million" is rounded to the million and agrees with $2.4m
    assert values_agree(quantity_interval(_q("$2 million", 2e6, "USD")), quantity_interval(_q("$2.4m", 2.4e6, "USD")))
