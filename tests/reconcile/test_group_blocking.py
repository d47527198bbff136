"""The blocked ``group_items`` against the plain greedy it replaced (kept here as the reference).

Items are built from the shapes real claims have (themes with near-duplicate spellings, recognised and
unrecognised measures, money/tonnes/counts/magnitudes, actors that resolve to one country, relative slots and
anchors, claims without a figure) and the two algorithms must return the very same groups, in the same order.
"""

from __future__ import annotations

import random
import string

import pytest
from rapidfuzz import fuzz

from crosswire.models import Claim, Mention, Quantity
from crosswire.reconcile.align import (
    THEME_MATCH,
    ActorResolver,
    Item,
    _min_partner_len,
    _partner_lens,
    _qgrams,
    aligned,
    block_key,
    group_items,
    min_shared_qgrams,
    prepare,
)


def reference_group_items(items, resolver, rel_tolerance, use_slot=True):
    """The greedy complete-linkage grouping before blocking (verbatim copy of the old ``group_items``)."""
    order = sorted(items, key=lambda it: (it.claim.slot is None, it.claim.id))
    groups: list[list[Item]] = []
    for it in order:
        for g in groups:
            if all(aligned(it, other, resolver, rel_tolerance, use_slot) for other in g):
                g.append(it)
                break
        else:
            groups.append([it])
    return groups


THEMES = [
    "soybean purchases",
    "soybeans",
    "US soybeans",
    "soybean orders",
    "soybean imports",
    "soy bean purchases",
    "soybean purchase",
    "soybeen purchases",
    "arms sales deal",
    "arms package",
    "arms sale",
    "arm sales",
    "fentanyl tariffs",
    "fentanyl tariff",
    "tariffs",
    "tariff rate",
    "tarrifs",
    "rare earth export controls",
    "rare earths exports",
    "rare-earth export control",
    "jewels",
    "jewellery",
    "diamonds",
    "people",
    "residents",
    "a city",
    "Qeshm island",
    "the quake",
    "aftershocks",
    "villages",
    "trade deficit",
    "trade deficits",
    "trade defecit",
    "farm goods",
    "farm good",
    "farmgoods",
    "chips",
    "chip exports",
    "",
    None,
    "purchases",
    "orders",
    "sales",
    "deal",
    "tonnes",
    "x",
    "ab",
    "gdp",
    "gdp growth",
    "gdp grwoth",
    "inflation",
    "inflation rate",
    "interest rates",
    "interest rate",
    "rates",
    "bond yields",
    "bond yield",
]
ACTIONS = ["buy", "sell", "increase", "say", "kill", "injure", "cut", "announce", "approve", "spend", "steal"]
UNITS = ["t", "USD", "USD", "count", "count", "%", "magnitude", "EUR"]
MEASURES = [None, None, None, "dead", "injured", "population", "aftershocks", "people", "tonnes"]
SLOTS = [
    None,
    None,
    None,
    None,
    "current season",
    "next season",
    "previously",
    "2003-12",
    "XXXX-02",
    "2003",
    "in Bam",
]
TIMES = [None, None, "2025-10-30", "2025-11", "2025-10-01", "2024"]
ACTORS = [
    None,
    None,
    "China",
    "Beijing",
    "Xi",
    "Chinese",
    "US",
    "United States",
    "Trump",
    "the earthquake",
    "ent:china",
    "ent:us",
]
QUALIFIERS = [None, None, None, "nearly", "about", "more than", "up to", "at least"]
BASES = [12e6, 20e6, 25e6, 11e9, 14e9, 300, 412, 612, 26000, 5.9, 6.1, 6.7, 3.8, 10, 15, 0.25]


def _typo(rng: random.Random, text: str) -> str:
    if not text:
        return text
    i = rng.randrange(len(text))
    op = rng.choice("dis")
    if op == "d":
        return text[:i] + text[i + 1 :]
    c = rng.choice(string.ascii_lowercase)
    return text[:i] + c + text[i:] if op == "i" else text[:i] + c + text[i + 1 :]


def _items(rng: random.Random, n: int) -> list[Item]:
    quantities: dict[str, Quantity] = {}
    items = []
    for k in range(n):
        aid = f"a{rng.randrange(n // 3 + 1):03d}"
        theme = rng.choice(THEMES)
        if theme and rng.random() < 0.25:
            theme = _typo(rng, theme)
        qid = None
        if rng.random() < 0.8:
            unit = rng.choice(UNITS)
            base = rng.choice(BASES)
            value = base * rng.choice([1, 1, 1, 1.02, 0.9, 1.3, 2])
            qual = rng.choice(QUALIFIERS)
            text = (qual + " " if qual else "") + (f"{value:.0f}" if value >= 10 else f"{value:.1f}")
            qid = f"{aid}:q{k}"
            low = value if qual in ("more than", "at least") else None
            quantities[qid] = Quantity(
                id=qid,
                article=aid,
                text=text,
                span=(5, 5 + len(text)),
                value=None if rng.random() < 0.03 else value,
                unit=unit,
                measures=rng.choice(MEASURES),
                qualifier=qual,
                low=low,
            )
        claim = Claim(
            id=f"{aid}:c{k:03d}",
            article=aid,
            sentence="They said 20 were killed in the quake.",
            span=(0, 40),
            action=rng.choice(ACTIONS),
            actor=rng.choice(ACTORS),
            theme=theme,
            quantity=qid,
            time=rng.choice(TIMES),
            slot=rng.choice(SLOTS),
            verb=rng.choice(ACTIONS),
            polarity=rng.random() < 0.95,
        )
        items.append(prepare(claim, rng.choice(["A", "B", "C"]), quantities))
    return items


def _resolver() -> ActorResolver:
    mentions = [
        Mention(id="m1", article="a000", text="Xi", span=(0, 2), type="PERSON", label="Chinese President"),
        Mention(id="m2", article="a000", text="Trump", span=(0, 5), type="PERSON", label="US President"),
        Mention(id="m3", article="a000", text="Beijing", span=(0, 7), type="GPE", metonym="China"),
    ]
    return ActorResolver({}, mentions, ["Chinese President Xi Jinping met U.S. President Donald Trump."])


def _ids(groups):
    return [[it.claim.id for it in g] for g in groups]


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("use_slot", [True, False])
def test_blocked_grouping_equals_the_plain_greedy(seed, use_slot):
    rng = random.Random(seed)
    items = _items(rng, rng.choice([20, 60, 150]))
    resolver = _resolver()
    want = _ids(reference_group_items(items, resolver, 0.02, use_slot))
    got = _ids(group_items(items, resolver, 0.02, use_slot))
    assert got == want


def test_large_fuzzy_block_uses_the_index_and_stays_exact():
    """One unit, no recognised measure, many near-duplicate themes: the q-gram index decides the candidates."""
    rng = random.Random(7)
    words = [
        "soybean",
        "purchase",
        "tariff",
        "export",
        "control",
        "chip",
        "deficit",
        "farm",
        "good",
        "arm",
        "bond",
        "yield",
        "rate",
        "gdp",
        "growth",
        "steel",
        "aluminium",
        "oil",
        "gas",
        "wheat",
    ]
    quantities: dict[str, Quantity] = {}
    items = []
    for k in range(600):
        theme = " ".join(rng.sample(words, rng.choice([1, 1, 2, 3])))
        for _ in range(rng.choice([0, 0, 1, 2])):
            theme = _typo(rng, theme)
        qid = f"a{k}:q"
        v = rng.choice([12e6, 20e6, 25e6, 3e6])
        quantities[qid] = Quantity(
            id=qid, article=f"a{k}", text=f"{v / 1e6:.0f} million", span=(0, 5), value=v, unit="t"
        )
        claim = Claim(
            id=f"a{k:04d}:c0",
            article=f"a{k}",
            sentence="s",
            span=(0, 1),
            action="say",
            actor=rng.choice([None, "China", "US"]),
            theme=theme,
            quantity=qid,
        )
        items.append(prepare(claim, "A", quantities))
    keys = {block_key(it) for it in items}
    assert len(keys) <= 3  # a few big blocks: the index (not the partition) does the pruning here
    resolver = ActorResolver()
    for use_slot in (True, False):
        assert _ids(group_items(items, resolver, 0.02, use_slot)) == _ids(
            reference_group_items(items, resolver, 0.02, use_slot)
        )


def _shared_qgrams(a: str, b: str, q: int) -> int:
    return len(set(_qgrams(a, q)) & set(_qgrams(b, q)))


@pytest.mark.parametrize("q", [2, 3])
def test_qgram_bound_holds_for_every_pair_over_the_threshold(q):
    """The bounds the fuzzy index rests on: strings reaching the ratio threshold share that many q-grams, and
    their lengths are within ``_partner_lens`` of each other."""
    rng = random.Random(3)
    checked = 0
    for _ in range(20000):
        a = "".join(rng.choice("abcde ") for _ in range(rng.randrange(1, 40)))
        b = a
        for _ in range(rng.randrange(0, 4)):
            b = _typo(rng, b)
        if rng.random() < 0.2:
            b = "".join(rng.sample(b, len(b)))
        if fuzz.ratio(a, b) >= THEME_MATCH:
            checked += 1
            assert _shared_qgrams(a, b, q) >= min_shared_qgrams(len(a), len(b), q), (a, b)
            lo, hi = _partner_lens(len(a))
            assert lo <= len(b) <= hi, (a, b)
            assert min_shared_qgrams(len(a), _min_partner_len(len(a)), q) <= min_shared_qgrams(
                len(a), len(b), q
            )
    assert checked > 1000
