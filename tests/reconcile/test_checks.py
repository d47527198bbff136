"""cross_check on hand-made claims: statuses, rounding, slots, modality, omissions, duplicates, outlets."""

from __future__ import annotations

import pytest

from crosswire.config import load_settings
from crosswire.models import Event, Quantity
from crosswire.reconcile.align import outlet_name, quantity_interval, values_agree
from crosswire.reconcile.checks import cross_check


def _event(desk, ids=None):
    return Event(id="ev1", label="e", date="2025-01-01", articles=ids or list(desk.articles))


def _only(checks, about_part):
    found = [c for c in checks if about_part in c.about]
    assert len(found) == 1, [(c.about, c.status) for c in checks]
    return found[0]


def test_rounding_consistent_and_real_conflict(desk):
    for aid, outlet in (("a", "Wire A"), ("b", "Paper B")):
        desk.article(aid, outlet)
    desk.claim("a", "announce", "arms sales deal", 11.1e9, "USD", text="$11.1bn", actor="US")
    desk.claim("b", "approve", "arms package", 11e9, "USD", text="$11 billion", actor="United States")
    checks = cross_check(_event(desk), desk.all_articles, desk.all_facts, {})
    arms = _only(checks, "arms")
    assert arms.status == "consistent"
    assert sorted(arms.outlets) == ["Paper B", "Wire A"]
    assert {v.value for v in arms.values} == {11.1e9, 11e9}

    desk.facts["b"].quantities[0].value = 14e9
    desk.facts["b"].quantities[0].text = "$14bn"
    arms = _only(cross_check(_event(desk), desk.all_articles, desk.all_facts, {}), "arms")
    assert arms.status == "conflicting"


def test_same_figure_corroborated_and_casualty_conflict(desk):
    for aid, outlet in (("a", "A"), ("b", "B"), ("c", "C")):
        desk.article(aid, outlet)
    desk.claim("a", "kill", "people", 300, text="300", actor="the earthquake")
    desk.claim("b", "kill", "people", 300, text="300 people")
    desk.claim("c", "kill", "people", 412, text="412")
    check = _only(cross_check(_event(desk), desk.all_articles, desk.all_facts, {}), "death")
    assert check.status == "conflicting"
    desk.facts["c"].quantities[0].value = 300
    check = _only(cross_check(_event(desk), desk.all_articles, desk.all_facts, {}), "death")
    assert check.status == "corroborated" and len(check.outlets) == 3 and check.missing_from == []


def test_qualifiers_and_word_numbers_agree():
    nearly_two = Quantity(id="q1", article="a", text="nearly two million tonnes", span=(0, 1), value=2e6, unit="t",
                          approx=True, qualifier="nearly")
    one_nine = Quantity(id="q2", article="b", text="1.9 million tonnes", span=(0, 1), value=1.9e6, unit="t")
    assert values_agree(quantity_interval(nearly_two), quantity_interval(one_nine))
    more_than = Quantity(id="q3", article="c", text="more than 50", span=(0, 1), value=50, unit="count", qualifier="more than")
    seventy = Quantity(id="q4", article="d", text="70", span=(0, 1), value=70, unit="count")
    forty = Quantity(id="q5", article="d", text="40", span=(0, 1), value=40, unit="count")
    assert values_agree(quantity_interval(more_than), quantity_interval(seventy))
    assert not values_agree(quantity_interval(more_than), quantity_interval(forty))
    # exact counts are exact: 300 vs 301 differ, 7.1 vs 7.2 magnitudes differ
    q300 = Quantity(id="a", article="a", text="300", span=(0, 1), value=300, unit="count")
    q301 = Quantity(id="b", article="a", text="301", span=(0, 1), value=301, unit="count")
    assert not values_agree(quantity_interval(q300), quantity_interval(q301), rel_tolerance=0.0)


def test_rel_tolerance_setting_is_used(desk):
    desk.article("a", "A")
    desk.article("b", "B")
    desk.claim("a", "spend", "defence budget", 100e9, "USD", text="$100bn", actor="Germany")
    desk.claim("b", "spend", "defence budget", 105e9, "USD", text="$105bn", actor="Germany")
    strict = cross_check(_event(desk), desk.all_articles, desk.all_facts, {})
    loose = cross_check(_event(desk), desk.all_articles, desk.all_facts, {}, load_settings(environ={}, reconcile={"rel_tolerance": 0.05}))
    assert _only(strict, "defence").status == "conflicting"
    assert _only(loose, "defence").status == "consistent"


def test_time_slots_separate_groups_and_omissions(desk):
    for aid, outlet in (("a", "A"), ("b", "B"), ("c", "C")):
        desk.article(aid, outlet)
    desk.claim("a", "increase", "soybean purchases", 20e6, "t", actor="Xi", slot="current season", modality="agreed")
    desk.claim("b", "increase", "soybean purchases", 20e6, "t", actor="China", slot="current season", modality="considered")
    desk.claim("c", "increase", "soybean purchases", 20e6, "t", actor="China", slot="current season", modality="considered")
    desk.claim("b", "buy", "soybeans", 25e6, "t", actor="China", slot="next season", modality="pledged")
    desk.claim("c", "buy", "soybeans", 25e6, "t", actor="China", slot="next season", modality="committed")
    desk.mention("a", "Xi", "PERSON", label="Chinese President", head="xi jinping")
    checks = cross_check(_event(desk), desk.all_articles, desk.all_facts, {})
    assert not any(c.status == "conflicting" for c in checks)  # 20 and 25 are different seasons
    cur = _only(checks, "current season")
    assert cur.about == "soybean purchases (current season)"
    assert cur.status == "corroborated" and len(cur.outlets) == 3
    assert cur.modality_disagreement
    assert {m["modality"] for m in cur.modalities} == {"agreed", "considered"}
    nxt = _only(checks, "next season")
    assert nxt.outlets == ["B", "C"] and nxt.missing_from == ["A"]
    assert not nxt.modality_disagreement  # pledged and committed are both firm


def test_leader_and_country_are_compatible_but_not_two_leaders(desk):
    desk.article("a", "A")
    desk.article("b", "B")
    desk.claim("a", "increase", "tariffs", 25, "%", actor="Trump")
    desk.claim("b", "increase", "tariffs", 10, "%", actor="Xi")
    desk.mention("a", "Trump", "PERSON", label="U.S. President", head="donald trump")
    desk.mention("b", "Xi", "PERSON", label="Chinese President", head="xi jinping")
    checks = cross_check(_event(desk), desk.all_articles, desk.all_facts, {})
    assert all(c.status == "single_source" for c in checks) and len(checks) == 2
    desk.claim("b", "increase", "tariffs", 25, "%", actor="Washington")
    checks = cross_check(_event(desk), desk.all_articles, desk.all_facts, {})
    assert _only([c for c in checks if c.status != "single_source"], "tariff").status == "corroborated"


def test_asserted_vs_denied_conflicts(desk):
    desk.article("a", "A")
    desk.article("b", "B")
    desk.claim("a", "sell", "port", actor="the government")
    desk.claim("b", "sell", "port", actor="the government", modality="denied", polarity=False)
    check = _only(cross_check(_event(desk), desk.all_articles, desk.all_facts, {}), "port")
    assert check.status == "conflicting" and check.modality_disagreement


def test_duplicates_never_count_twice_and_outlet_fallback(desk):
    desk.article("a", "A")
    desk.article("b", None)
    desk.article("c", "A reprint", duplicate_of="a")
    for aid in "abc":
        desk.claim(aid, "cut", "interest rate", 4.5, "%", actor="the central bank")
    checks = cross_check(_event(desk), desk.all_articles, desk.all_facts, {})
    check = _only(checks, "rate")
    assert check.outlets == ["A", "b.txt"]  # file name stands in for the unknown outlet
    assert all(not cid.startswith("c:") for cid in check.claims)
    assert outlet_name(desk.articles["b"]) == "b.txt"


def test_check_ids_are_stable_and_order_independent(desk):
    for aid in "ab":
        desk.article(aid, aid.upper())
        desk.claim(aid, "measure", "earthquake magnitude", 7.1, "magnitude", text="7.1")
    ids1 = [c.id for c in cross_check(_event(desk), desk.all_articles, desk.all_facts, {})]
    ids2 = [c.id for c in cross_check(_event(desk), desk.all_articles[::-1], desk.all_facts[::-1], {})]
    assert ids1 == ids2 and len(set(ids1)) == len(ids1)


def test_magnitude_conflict_between_outlets(desk):
    for aid in "ab":
        desk.article(aid, aid.upper())
    desk.claim("a", "measure", "earthquake magnitude", 7.1, "magnitude", text="7.1")
    desk.claim("b", "measure", "earthquake magnitude", 6.8, "magnitude", text="6.8")
    desk.claim("b", "kill", "people", 12, text="12")
    checks = cross_check(_event(desk), desk.all_articles, desk.all_facts, {})
    mag = _only(checks, "magnitude")
    assert mag.status == "conflicting" and mag.outlets == ["A", "B"]
    assert _only(checks, "death").status == "single_source"
    assert _only(checks, "death").missing_from == []  # omissions only for what two or more outlets carry


def test_about_names_the_person_not_the_country(desk):
    """A person's claims read with the person's canonical name; country compatibility is only for matching."""
    from crosswire.models import Entity

    for aid, outlet in (("a", "Wire"), ("b", "Daily"), ("c", "Post")):
        desk.article(aid, outlet)
    desk.mention("a", "President Emmanuel Macron", "PERSON", label="French President", head="emmanuel macron")
    desk.mention("b", "Macron", "PERSON", label="French President", head="emmanuel macron")
    desk.claim("a", "accept", "resignation", actor="ent-macron", verb="accept")
    desk.claim("b", "accept", "resignation", actor="Macron", verb="accept")
    ents = {"ent-macron": Entity(id="ent-macron", name="Emmanuel Macron", type="PERSON")}
    check = _only(cross_check(_event(desk), desk.all_articles, desk.all_facts, ents), "resignation")
    assert check.about == "Emmanuel Macron accept resignation" and check.status == "corroborated"

    # a person and his country in one group: the label names what they share, the country
    desk.claim("c", "cut", "fuel duty", 5, unit="%", actor="France", verb="cut")
    desk.claim("a", "cut", "fuel duty", 5, unit="%", actor="ent-macron", verb="cut")
    duty = _only(cross_check(_event(desk), desk.all_articles, desk.all_facts, ents), "fuel")
    assert duty.status == "corroborated" and len(duty.outlets) == 2


def test_unlinked_person_gets_the_fullest_name_and_capital_its_country(desk):
    for aid, outlet in (("a", "Wire"), ("b", "Daily")):
        desk.article(aid, outlet)
    desk.mention("a", "Olaf Scholz", "PERSON", label="German Chancellor")
    desk.claim("a", "veto", "budget bill", actor="Scholz", verb="veto")
    desk.claim("b", "veto", "budget bill", actor="Scholz", verb="veto")
    desk.claim("b", "expel", "diplomats", actor="Berlin", verb="expel")
    checks = cross_check(_event(desk), desk.all_articles, desk.all_facts, {})
    assert _only(checks, "budget").about == "Olaf Scholz veto budget bill"
    assert _only(checks, "diplomats").about == "Germany expel diplomats"


# --------------------------------------------------------------------------------------------- exact counts


@pytest.mark.parametrize(
    "text,value,kw,exact",
    [
        ("three aftershocks", 3, {}, True),
        ("4 people", 4, {}, True),
        ("ten killed", 10, {}, True),
        ("612", 612, {}, True),
        ("37 injured", 37, {}, True),
        ("600", 600, {}, False),  # a round figure: may be rounded
        ("2,000 tents", 2000, {}, False),
        ("about 4", 4, {"qualifier": "about"}, False),
        ("at least 10", 10, {"qualifier": "at least"}, False),
        ("some 12 villages", 12, {}, False),
        ("two million", 2e6, {}, False),
        ("dozens", 24, {}, False),
        ("three or four", 3.5, {"low": 3, "high": 4}, False),
        ("$4m", 4e6, {"unit": "USD"}, False),
        ("2.5", 2.5, {}, False),
    ],
)
def test_exact_counts(text, value, kw, exact):
    from crosswire.reconcile.align import is_exact_count

    kw = dict(kw)
    unit = kw.pop("unit", "count")
    q = Quantity(id="q", article="a", text=text, span=(0, len(text)), value=value, unit=unit, **kw)
    assert is_exact_count(q) is exact


def _count(text: str, value: float, **kw) -> Quantity:
    return Quantity(id="q", article="a", text=text, span=(0, len(text)), value=value, unit="count", **kw)


def test_exact_small_counts_conflict_round_figures_keep_their_slack():
    iv = quantity_interval
    assert not values_agree(iv(_count("three aftershocks", 3)), iv(_count("four aftershocks", 4)))
    assert not values_agree(iv(_count("10", 10)), iv(_count("11", 11)))
    assert values_agree(iv(_count("4", 4)), iv(_count("four", 4)))
    # a round figure against an exact one: the round one may be rounded ("600" vs "612")
    assert values_agree(iv(_count("600", 600)), iv(_count("612", 612)))
    # a range or a qualifier widens: "three or four" vs 4, "about 3" vs 3.2
    assert values_agree(iv(_count("three or four", 3.5, low=3, high=4)), iv(_count("4", 4)))
    assert values_agree(iv(_count("about 30", 30, qualifier="about")), iv(_count("32", 32)))
    # sums and tonnages keep rounding slack whatever their digits
    bn = Quantity(id="a", article="a", text="$11bn", span=(0, 1), value=11e9, unit="USD")
    bn1 = Quantity(id="b", article="a", text="$11.1bn", span=(0, 1), value=11.1e9, unit="USD")
    assert values_agree(iv(bn), iv(bn1))


def test_small_count_disagreement_is_a_conflict(desk):
    for aid, outlet in (("a", "A"), ("b", "B"), ("c", "C")):
        desk.article(aid, outlet)
    desk.claim("a", "record", "aftershocks", 3, text="three aftershocks", actor="seismologists")
    desk.claim("b", "record", "aftershocks", 4, text="four aftershocks", actor="seismologists")
    desk.claim("c", "record", "aftershocks", 4, text="4 aftershocks")
    check = _only(cross_check(_event(desk), desk.all_articles, desk.all_facts, {}), "aftershock")
    assert check.status == "conflicting" and check.outlets == ["A", "B", "C"]


# --------------------------------------------------------------------------------------------- omissions


def test_omissions_list_covering_outlets_and_never_a_reprint(desk):
    desk.article("a", "A")
    desk.article("b", "B")
    desk.article("c", "C")
    desk.article("d", "D")
    desk.article("r", "Reprint of A", duplicate_of="a")
    desk.article("s", "Reprint of C", duplicate_of="c")
    for aid in "abr":
        desk.claim(aid, "buy", "soybeans", actor="China")  # a claim without a figure
    for aid in "acr":
        desk.claim(aid, "kill", "people", 10, text="10 people")
    desk.claim("d", "meet", "envoy", actor="Trump")
    checks = cross_check(_event(desk), desk.all_articles, desk.all_facts, {})
    soy = _only(checks, "soybean")
    assert soy.status == "corroborated" and soy.outlets == ["A", "B"]
    assert soy.missing_from == ["C", "D"]  # covering outlets only; the reprints neither carry nor omit
    deaths = _only(checks, "death")
    assert deaths.outlets == ["A", "C"] and deaths.missing_from == ["B", "D"]
    assert _only(checks, "envoy").missing_from == []  # one outlet: nothing is omitted
    for c in checks:
        assert not any(o.startswith("Reprint") for o in c.outlets + c.missing_from)


def test_claims_without_figures_align_on_actor_action_and_theme_head(desk):
    desk.article("a", "A")
    desk.article("b", "B")
    desk.article("c", "C")
    desk.claim("a", "buy", "soybeans", actor="China", verb="buy")
    desk.claim("b", "buy", "farmed soybeans", actor="China", verb="purchase")
    desk.claim("c", "buy", "soybeans", actor="Brazil", verb="buy")  # another actor
    desk.claim("c", "sell", "soybeans", actor="China", verb="sell")  # another action
    checks = cross_check(_event(desk), desk.all_articles, desk.all_facts, {})
    both = [c for c in checks if len(c.outlets) == 2]
    assert len(both) == 1 and both[0].outlets == ["A", "B"] and both[0].missing_from == ["C"]
    assert sum(1 for c in checks if c.status == "single_source") == 2
