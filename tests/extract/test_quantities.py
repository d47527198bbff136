"""Quantities: newsroom forms, normalization, ranges, qualifiers, negatives, measures (own sentences)."""

from __future__ import annotations

import math

import pytest

from crosswire.extract.quantities import extract_quantities, find_quantities
from crosswire.models import Article


def one(text: str):
    qs = find_quantities(text)
    assert len(qs) == 1, [(q.text, q.value, q.unit) for q in qs]
    return qs[0]


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("China will buy 20mn tonnes this season.", "20mn tonnes", 20e6, "t"),
        ("It pledged 12 million metric tonnes last year.", "12 million metric tonnes", 12e6, "t"),
        ("a deal worth 25 million tons of grain", "25 million tons", 25e6, "t"),
        ("exports of 792,000 tons", "792,000 tons", 792_000, "t"),
        ("The plane carried 500kg of cargo.", "500kg", 0.5, "t"),
        ("He hauled 2,000 lbs of scrap.", "2,000 lbs", 0.90718474, "t"),
        ("an arms package of $11.1bn", "$11.1bn", 11.1e9, "USD"),
        ("an arms package of $11 billion", "$11 billion", 11e9, "USD"),
        ("raised US$3.5 billion in bonds", "US$3.5 billion", 3.5e9, "USD"),
        ("a €2bn rescue", "€2bn", 2e9, "EUR"),
        ("a fine of 5,000 yuan", "5,000 yuan", 5000, "CNY"),
        ("stimulus of CNY 1.2tn this year", "CNY 1.2tn", 1.2e12, "CNY"),
        ("a £400m stadium", "£400m", 400e6, "GBP"),
        ("Rmb1.2tn of local debt", "Rmb1.2tn", 1.2e12, "CNY"),
        ("HK$50,000 in cash", "HK$50,000", 50_000, "HKD"),
        ("it cost 300 million dollars", "300 million dollars", 300e6, "USD"),
        ("a fee of 20 euros", "20 euros", 20, "EUR"),
        ("tickets at 50 pounds each", "50 pounds", 50, "GBP"),
        ("a 2 trillion yen package", "2 trillion yen", 2e12, "JPY"),
        ("shares fell 69 cents", "69 cents", 0.69, "USD"),
        ("they raised $33million", "$33million", 33e6, "USD"),
        ("orders hit 1.9 million", "1.9 million", 1.9e6, "count"),
        ("tariffs rose to 10 percent", "10 percent", 10, "%"),
        ("tariffs rose to 10 per cent", "10 per cent", 10, "%"),
        ("tariffs rose to 10%", "10%", 10, "%"),
        ("inflation slowed to 3.2pc", "3.2pc", 3.2, "%"),
        ("rates rose 2.5 percentage points", "2.5 percentage points", 2.5, "pp"),
        ("a cut of 50 basis points", "50 basis points", 0.5, "pp"),
        ("leads by 5 points", "5 points", 5, "points"),
        ("delegates from 55 countries attended", "55 countries", 55, "count"),
        ("Cofco booked 20 cargoes from the Pacific Northwest", "20 cargoes", 20, "count"),
        ("The attack killed at least 34 people.", "34 people", 34, "count"),
        ("1,200 workers were laid off", "1,200 workers", 1200, "count"),
        ("12mn people voted", "12mn people", 12e6, "count"),
        ("two dozen eggs", "two dozen eggs", 24, "count"),
        ("half a million refugees fled", "half a million refugees", 500_000, "count"),
        ("578 likely Republican primary voters", "578 likely Republican primary voters", 578, "count"),
        ("Ten dead in southern quake", "Ten dead", 10, "count"),
        ("a 7.6-magnitude quake struck", "7.6-magnitude", 7.6, "magnitude"),
        ("a magnitude 6.1 earthquake", "magnitude 6.1", 6.1, "magnitude"),
        ("a 5.6 magnitude earthquake", "5.6 magnitude", 5.6, "magnitude"),
        ("struck 58km south-west of the port", "58km", 58, "km"),
        ("struck 36 miles away", "36 miles", 57.936384, "km"),
        ("seven km east of the town", "seven km", 7, "km"),
        ("temperatures hit 41C on Monday", "41C", 41, "C"),
        ("output of 1.2 million barrels per day", "1.2 million barrels per day", 1.2e6, "bbl/d"),
    ],
)
def test_forms(text: str, surface: str, value: float, unit: str) -> None:
    q = one(text)
    assert q.text == surface
    assert text[q.span[0] : q.span[1]] == surface
    assert q.unit == unit
    assert math.isclose(q.value, value, rel_tol=1e-9)


@pytest.mark.parametrize(
    ("text", "qualifier", "low", "high"),
    [
        ("nearly two million tonnes were shipped", "nearly", None, None),
        ("at least 34 people died", "at least", 34, None),
        ("more than 55 countries attended", "more than", 55, None),
        ("up to 25 million tons next year", "up to", None, 25e6),
        ("about $74 million more", "about", None, None),
        ("some 300 soldiers", "some", None, None),
    ],
)
def test_qualifiers(text: str, qualifier: str, low: float | None, high: float | None) -> None:
    q = one(text)
    assert q.approx is True
    assert q.qualifier == qualifier
    assert q.low == low and q.high == high
    assert qualifier not in q.text  # the span is the figure, the qualifier is recorded apart


def test_exact_figures_are_not_approximate() -> None:
    q = one("China bought 20 million tonnes")
    assert q.approx is False and q.qualifier is None and q.low is None and q.high is None


@pytest.mark.parametrize(
    ("text", "surface", "low", "high", "unit"),
    [
        ("tariffs of 10-15%", "10-15%", 10, 15, "%"),
        ("tariffs of 10%-15%", "10%-15%", 10, 15, "%"),
        ("between 20 and 25 million tons", "between 20 and 25 million tons", 20e6, 25e6, "t"),
        ("a $10-12bn deal", "$10-12bn", 10e9, 12e9, "USD"),
        ("20 to 25 million tonnes", "20 to 25 million tonnes", 20e6, 25e6, "t"),
        ("between $5bn and $7bn", "between $5bn and $7bn", 5e9, 7e9, "USD"),
    ],
)
def test_ranges(text: str, surface: str, low: float, high: float, unit: str) -> None:
    q = one(text)
    assert (q.text, q.unit) == (surface, unit)
    assert math.isclose(q.low, low) and math.isclose(q.high, high)
    assert math.isclose(q.value, (low + high) / 2)  # value of a range is its midpoint


def test_from_to_is_two_figures() -> None:
    qs = find_quantities("purchases rose from 12 to 20 million tonnes")
    assert [(q.value, q.unit) for q in qs] == [(12e6, "t"), (20e6, "t")]
    assert all(q.low is None for q in qs)


def test_poll_pairs_are_two_figures() -> None:
    qs = find_quantities("Clinton leads Sanders 50 percent to 44 percent.")
    assert [q.text for q in qs] == ["50 percent", "44 percent"]


@pytest.mark.parametrize(
    "text",
    [
        "In 2025 the talks resumed.",
        "The call took place on March 3.",
        "They met on 3 March 2026.",
        "The meeting began at 3:30 p.m. local time.",
        "It starts at 10am.",
        "He is the No. 1 seed.",
        "COVID-19 cases fell.",
        "The G20 summit opened.",
        "Taiwan wants more F-16 jets.",
        "Boeing 737 jets were grounded.",
        "Article 5 guarantees apply.",
        "the 2016 elections were close",
        "music of the 1990s",
        "the 21st century",
        "Call 555-1234 now.",
        "It was the third call this year.",
        "The team won 3-2.",
        "a 52-48 vote",
        "the 400m final",
        "He served 5 years in prison.",
        "a 10-day trip",
        "one of the biggest deals",
        "four in 10 voters back him",
        "dozens of people gathered",
        "It happened two decades ago",
        "the two-thirds majority",
    ],
)
def test_negatives(text: str) -> None:
    assert find_quantities(text) == []


def test_ids_and_offsets() -> None:
    text = "Xi agreed to hike soybean purchases to 20mn tonnes, up from 12mn tonnes."
    qs = find_quantities(text, "art1")
    assert [q.id for q in qs] == ["art1:n0", "art1:n1"]
    assert all(q.article == "art1" for q in qs)
    assert all(text[q.span[0] : q.span[1]] == q.text for q in qs)
    assert find_quantities(text)[0].id == ":n0"


def test_outlets_agree_after_normalization() -> None:
    """The cross-check's premise: differently written figures normalize to comparable values."""
    a, b = one("$11.1bn in weapons"), one("an $11 billion arms package")
    assert a.unit == b.unit == "USD" and abs(a.value - b.value) / b.value < 0.01
    c, d = one("20mn tonnes"), one("20 million tons")
    assert (c.value, c.unit) == (d.value, d.unit)


def test_sample_corpus_figures(sample_dir, nlp) -> None:
    found = []
    counted = {}
    for p in sorted(sample_dir.glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        found += [(q.value, q.unit) for q in find_quantities(text)]
        art = Article(id=p.name[:3], source=p.name, external_id=p.name, text=text)
        counted.update({(art.id, q.text): q for q in extract_quantities(nlp(text), art) if q.unit == "count"})
    # counts carry what they count ("booked nearly 20 cargoes", "more than 55 countries attended")
    cargoes, countries = counted[("002", "20 cargoes")], counted[("003", "55 countries")]
    assert (cargoes.value, cargoes.measures, cargoes.qualifier) == (20.0, "cargoes", "nearly")
    assert (countries.value, countries.measures, countries.qualifier) == (55.0, "countries", "more than")
    for want in [(20e6, "t"), (12e6, "t"), (25e6, "t"), (11.1e9, "USD"), (11e9, "USD"), (2e6, "t"), (55, "count")]:
        assert want in found
    assert (10.0, "%") in found and (20.0, "count") in found
    # no year, date or time of the sample is a quantity
    assert not [v for v, u in found if u == "count" and v in (2023, 2025, 2026)]


# ---------------------------------------------------------------------------- measures (dependency parse)


@pytest.mark.parametrize(
    ("text", "surface", "measures"),
    [
        ("Xi agreed to hike soybean purchases from the US to 20mn tonnes.", "20mn tonnes", "soybean purchases"),
        ("The US announced a $11.1bn arms sale to Taiwan.", "$11.1bn", "arms sale"),
        ("The US approved an arms sale worth $11bn.", "$11bn", "arms sale"),
        ("Trump imposed tariffs of 10% on imports.", "10%", "tariffs"),
        ("China bought 20 cargoes of soybeans last week.", "20 cargoes", "soybeans"),
        ("China will buy 25 million tonnes of soybeans next season.", "25 million tonnes", "soybeans"),
        ("Exports rose 5% in March.", "5%", "exports"),
        ("A 7.6-magnitude quake killed at least 34 people.", "7.6-magnitude", "quake"),
        ("A 7.6-magnitude quake killed at least 34 people.", "34 people", "people"),
    ],
)
def test_measures(nlp, text: str, surface: str, measures: str) -> None:
    doc = nlp(text)
    qs = extract_quantities(doc, Article(id="a1", source="t", external_id="t", text=text))
    by_text = {q.text: q for q in qs}
    assert by_text[surface].measures == measures
    assert by_text[surface].id.startswith("a1:n")


@pytest.mark.parametrize(
    ("text", "surface", "value", "measures"),
    [
        ("The trader booked nearly 20 cargoes from Gulf terminals.", "20 cargoes", 20, "cargoes"),
        ("Representatives from more than 55 countries attended the summit.", "55 countries", 55, "countries"),
        ("The navy sent 12 ships to the strait.", "12 ships", 12, "ships"),
        ("Storms forced airlines to cancel 300 flights on Monday.", "300 flights", 300, "flights"),
        ("The fire left 4 people homeless.", "4 people", 4, "people"),
        # a dotted abbreviation between the figure and the noun ("U.S.", "U.N.") does not end the count
        ("Some 300 U.S. soldiers arrived on Friday.", "300 U.S. soldiers", 300, "soldiers"),
        ("Two U.N. agencies objected to the plan.", "Two U.N. agencies", 2, "agencies"),
    ],
)
def test_count_nouns_give_counts_of_what_is_counted(nlp, text: str, surface: str, value: float, measures: str) -> None:
    """A counted noun gives unit ``count`` (export spec) and ``measures`` names what is counted."""
    qs = extract_quantities(nlp(text), Article(id="a1", source="t", external_id="t", text=text))
    assert [(q.text, q.value, q.unit, q.measures) for q in qs] == [(surface, value, "count", measures)]


def test_measures_none_when_unclear(nlp) -> None:
    text = "It was 20 million."
    qs = extract_quantities(nlp(text), Article(id="a", source="t", external_id="t", text=text))
    assert [q.measures for q in qs] == [None]


# ---------------------------------------------------------------------------- wire-copy forms (own sentences)


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        # magnitudes written around the figure
        ("A magnitude-6.2 tremor rattled the coast.", "magnitude-6.2", 6.2, "magnitude"),
        ("Residents felt a 4.8 quake before dawn.", "4.8", 4.8, "magnitude"),
        ("A 6.3 earthquake shook the valley.", "6.3", 6.3, "magnitude"),
        ("Seismologists put the magnitude at 6.3.", "6.3", 6.3, "magnitude"),
        ("The agency said the quake's magnitude was 5.1.", "5.1", 5.1, "magnitude"),
        ("Aftershocks of about 3.9 followed.", "3.9", 3.9, "magnitude"),
        ("a tremor measuring 4.4 on the Richter scale", "4.4 on the Richter scale", 4.4, "magnitude"),
        ("shocks of 3.1 degrees on the Richter scale", "3.1 degrees on the Richter scale", 3.1, "magnitude"),
        # counts whose noun a casualty verb or a counting noun implies
        ("The blast hit the market, injuring 35, officials said.", "35", 35, "count"),
        ("The attack went on, wounding another 14.", "14", 14, "count"),
        ("Police said 230 were arrested overnight.", "230", 230, "count"),
        ("In the flood 41 have been reported missing.", "41", 41, "count"),
        ("By Monday the death toll had climbed to 23.", "23", 23, "count"),
        ("The town has a population of 48,500.", "48,500", 48_500, "count"),
        ("Eight people were hurt when the roof fell.", "Eight people", 8, "count"),
        ("Updated 10: 05 GMT\nNine people died in the fire.", "Nine people", 9, "count"),
        ("1 Injured in Warehouse Fire", "1 Injured", 1, "count"),
        # partitives
        ("Police detained six of the protesters.", "six", 6, "count"),
        ("Four of them were later released.", "Four", 4, "count"),
        # money in wire copy and OCR
        ("Thieves grabbed a five-million-euro haul.", "five-million-euro", 5e6, "EUR"),
        ("a three million-dollar settlement", "three million-dollar", 3e6, "USD"),
        ("Raiders took e12 million in watches.", "e12 million", 12e6, "EUR"),
        ("The club paid p30million for him.", "p30million", 30e6, "GBP"),
        ("a euro45 billion loan", "euro45 billion", 45e9, "EUR"),
        ("a $250-million refit", "$250-million", 250e6, "USD"),
    ],
)
def test_wire_forms(text: str, surface: str, value: float, unit: str) -> None:
    q = one(text)
    assert q.text == surface
    assert text[q.span[0] : q.span[1]] == surface
    assert q.unit == unit
    assert math.isclose(q.value, value, rel_tol=1e-9)


@pytest.mark.parametrize(
    ("text", "surface", "measures"),
    [
        ("The blast killed nine and injuring 35, officials said.", "35", "injured"),
        ("The attack left two dead, wounding another 14.", "14", "injured"),
        ("In the city alone, 600 were killed.", "600", "dead"),
        ("By Monday the death toll had climbed to 23.", "23", "dead"),
        ("Police said 230 were arrested overnight.", "230", "arrested"),
        ("The town has a population of 48,500.", "48,500", "population"),
        ("Nine dead, 20 hurt in bus crash", "20 hurt", "injured"),
        ("Nine dead, 20 hurt in bus crash", "Nine dead", "dead"),
        ("The blast killed nine and injured 35.", "nine", "dead"),
        ("The blast killed nine and injured 35.", "35", "injured"),
    ],
)
def test_implied_counts_measure_the_casualty_class(text: str, surface: str, measures: str) -> None:
    """The cross-check compares "injuring 80" with "80 were wounded": the grammar names the class."""
    by_text = {q.text: q for q in find_quantities(text)}
    assert by_text[surface].measures == measures
    assert by_text[surface].unit == "count"


def test_implied_count_keeps_its_qualifier() -> None:
    q = one("The quake injured almost 50 and destroyed homes.")
    assert (q.text, q.value, q.qualifier, q.approx) == ("50", 50, "almost", True)
    q = one("a magnitude of at least 5.9")
    assert (q.text, q.value, q.unit, q.low) == ("5.9", 5.9, "magnitude", 5.9)
    q = one("a town with a population of more than 100,000")
    assert (q.value, q.low, q.measures) == (100_000, 100_000, "population")


@pytest.mark.parametrize(
    ("text", "surface", "low", "high"),
    [
        ("Three or four robbers burst in.", "Three or four robbers", 3, 4),
        ("two or three guards were posted", "two or three guards", 2, 3),
        ("a 20 or 25 percent rise", "20 or 25 percent", 20, 25),
    ],
)
def test_alternatives_are_ranges(text: str, surface: str, low: float, high: float) -> None:
    q = one(text)
    assert (q.text, q.low, q.high) == (surface, low, high)
    assert q.value == (low + high) / 2


def test_alternatives_that_are_not_ranges() -> None:
    # the unit written twice: two amounts; a falling pair: not a range
    assert [q.text for q in find_quantities("a check for $10 or $100")] == ["$10", "$100"]
    assert [q.text for q in find_quantities("worth 60 percent or 70 percent")] == ["60 percent", "70 percent"]
    assert [(q.text, q.low) for q in find_quantities("five or four people")] == [("four people", None)]


@pytest.mark.parametrize(
    "text",
    [
        # clock times of datelines and timestamps
        "Updated 11 / 27 / 2005 3: 41 PM\nStrong earthquake jolts southern Iran",
        "11 : 39am UK, Monday 09 September 2013",
        "Posted 8: 41 PM ET",
        "12: 48PM BST 09 Sep 2013",
        "The quake struck at 10 am local time.",
        "Last updated at 14: 39 GMT\nFrance jewels thefts",
        # casualty verbs next to years, ages, dates, durations and ids
        "He was killed 3 years ago.",
        "The man was injured 12 March.",
        "killing 5-year-old Ahmed",
        "Those injured in 2005 were compensated.",
        "The injured 2014 report was shelved.",
        "He was arrested 2 days later.",
        # magnitude lead-ins with figures that are no magnitude
        "the magnitude of the crisis in 2011",
        "The quake at 10: 30 shook the town.",
        "an earthquake of 2005",
        # glued letters are currencies only before millions
        "Route e40 was closed.",
        "See p74 of the report.",
        "Euro 2016 opened in Paris.",
        "the E3 trade show",
        # hyphenated currencies need a scale; "a billion-dollar" is vague
        "a billion-dollar machine",
        "a two-thirds majority",
        # a population without a figure, a toll in a year
        "the population of Paris grew in 2015",
        # "one or more", "from one to three" are not ranges
        "one or more people",
    ],
)
def test_wire_negatives(text: str) -> None:
    assert find_quantities(text) == []


def test_counted_noun_stays_on_its_line() -> None:
    """A headline or timestamp above is another sentence: "14 AM\\nPolice" is no count of police."""
    assert find_quantities("September 10, 2010 10: 14 AM\nPolice say the plant closed.") == []
    assert find_quantities("Issue 13\nZoe Saldana Asked Men") == []


def test_magnitude_measures_the_quake(nlp) -> None:
    text = "Earlier on Sunday a 5.6 quake jolted the island."
    qs = extract_quantities(nlp(text), Article(id="a", source="t", external_id="t", text=text))
    assert [(q.text, q.unit, q.measures) for q in qs] == [("5.6", "magnitude", "quake")]


def test_extract_quantities_keeps_the_casualty_class(nlp) -> None:
    text = "The quake killed 10 people and injured 80 in the villages."
    qs = extract_quantities(nlp(text), Article(id="a", source="t", external_id="t", text=text))
    assert {q.text: q.measures for q in qs}["80"] == "injured"
