"""Claims: content verb, verb class, theme, quantity, slot, modality and attribution on hand-made sentences.

Quantities are built by a tiny regex here (not the project's extractor) so these tests pin the claim rules
alone; the end-to-end test in tests/reconcile runs the real extractors.
"""

from __future__ import annotations

import re

import pytest

from crosswire.extract.claims import extract_claims
from crosswire.extract.modality import verb_class
from crosswire.models import Article, Claim, DateExpr, Quantity, Quote

_SCALE = {"mn": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9, "thousand": 1e3}
_WORDS = {"two": 2, "three": 3, "five": 5}
_QRX = re.compile(
    r"(?:(?:nearly|about|at least|more than) )?(?P<cur>\$|€)?(?P<num>\d[\d,]*(?:\.\d+)?|two|three|five)\s?"
    r"(?P<scale>mn|bn|million|billion|thousand)?\b\s?(?P<unit>(?:metric )?(?:tons|tonnes)|%|percent|people)?",
    re.I,
)


def quantities_of(text: str, aid: str = "a") -> list[Quantity]:
    out = []
    for m in _QRX.finditer(text):
        if not (m.group("cur") or m.group("scale") or m.group("unit")):
            continue
        n = m.group("num").lower()
        v = float(_WORDS.get(n) or n.replace(",", ""))
        if m.group("scale"):
            v *= _SCALE[m.group("scale").lower()]
        u = (m.group("unit") or "").lower()
        unit = {"$": "USD", "€": "EUR"}.get(m.group("cur") or "") or (
            "t" if "ton" in u else "%" if u in ("%", "percent") else "count"
        )
        s, e = m.span()
        e = s + len(text[s:e].rstrip())
        out.append(Quantity(id=f"{aid}:q{len(out)}", article=aid, text=text[s:e], span=(s, e), value=v, unit=unit))
    return out


def claims_of(nlp, text: str, quotes: list[Quote] | None = None, dates: list[DateExpr] | None = None) -> tuple[list[Claim], dict[str, Quantity]]:
    art = Article(id="a", source="t.txt", external_id="t.txt", text=text, outlet="Test")
    qs = quantities_of(text)
    claims = extract_claims(nlp(text), art, [], quotes or [], qs, dates or [])
    return claims, {q.id: q for q in qs}


def with_value(claims: list[Claim], qmap: dict[str, Quantity], value: float) -> Claim:
    found = [c for c in claims if c.quantity and qmap[c.quantity].value == value]
    assert found, f"no claim with value {value}: {claims}"
    return found[0]


def test_verb_classes_are_near_synonyms():
    assert {verb_class(v) for v in ("hike", "raise", "increase", "boost", "lift", "step up")} == {"increase"}
    assert {verb_class(v) for v in ("cut", "slash", "reduce", "lower")} == {"decrease"}
    assert verb_class("purchase") == verb_class("buy")
    assert verb_class("frobnicate") == "frobnicate"


def test_agreed_and_considered_give_the_same_claim(nlp):
    a, qa = claims_of(nlp, "Xi agreed to hike soybean purchases from the US to 20mn tonnes in the current season.")
    b, qb = claims_of(nlp, "China would consider raising its soybean purchases to 20 million tons for the current season.")
    ca, cb = with_value(a, qa, 20e6), with_value(b, qb, 20e6)
    assert (ca.action, ca.theme, ca.slot) == (cb.action, cb.theme, cb.slot) == ("increase", "soybean purchases", "current season")
    assert (ca.verb, cb.verb) == ("hike", "raise")
    assert (ca.modality, cb.modality) == ("agreed", "considered")
    assert (ca.actor_text, cb.actor_text) == ("Xi", "China")


@pytest.mark.parametrize(
    ("sentence", "modality", "polarity"),
    [
        ("The company will cut 5,000 jobs next year.", "committed", True),
        ("The ministry pledged to spend $2bn on flood defences.", "pledged", True),
        ("Ministers vowed to slash the deficit to 3%.", "pledged", True),
        ("The central bank is expected to raise rates to 5%.", "expected", True),
        ("The government plans to build 300,000 homes.", "expected", True),
        ("Tokyo said it would consider imposing tariffs of 25% on steel.", "considered", True),
        ("Lawmakers are mulling a plan to lift the debt ceiling to $40 trillion.", "considered", True),
        ("The rebels reportedly seized three towns.", "reported", True),
        ("The city council approved a budget of $4.2bn.", "asserted", True),
        ("The government denied reports that it had agreed to sell the port.", "denied", False),
        ("The regulator did not raise the cap to 10%.", "negated", False),
        ("Officials have never confirmed the deaths of 40 soldiers.", "negated", False),
    ],
)
def test_modality_grades(nlp, sentence, modality, polarity):
    claims, _ = claims_of(nlp, sentence)
    assert claims, sentence
    main = claims[0]
    assert main.modality == modality, (sentence, main)
    assert main.polarity is polarity


def test_attribution_said_according_to_and_quotes(nlp):
    claims, _ = claims_of(nlp, "The earthquake killed at least 300 people, officials said.")
    assert claims[0].attributed_to == "officials" and claims[0].action == "kill"
    claims, _ = claims_of(nlp, "The quake destroyed 1,200 homes, according to the Red Cross.")
    assert claims[0].attributed_to == "the Red Cross" or claims[0].attributed_to == "Red Cross"
    assert claims[0].modality == "reported"
    text = '"We will raise tariffs to 25 percent," the minister told reporters.'
    q = Quote(id="a:q0", article="a", text="We will raise tariffs to 25 percent,", span=(1, 37), speaker="the minister")
    claims, _ = claims_of(nlp, text, quotes=[q])
    assert claims[0].attributed_to == "the minister"
    claims, _ = claims_of(nlp, "Inflation fell to 2.1% in March.")
    assert claims[0].attributed_to is None  # the outlet itself


def test_theme_normalization(nlp):
    c, q = claims_of(nlp, "China has pledged to purchase 25 million tons of U.S. soybeans next season.")
    m = with_value(c, q, 25e6)
    assert (m.action, m.theme, m.slot, m.modality) == ("buy", "soybeans", "next season", "pledged")
    c, q = claims_of(nlp, "The country agreed to raise purchases of wheat to 5 million tonnes.")
    assert with_value(c, q, 5e6).theme == "wheat purchases"


def test_baseline_up_from_gets_previous_slot_and_is_asserted(nlp):
    text = "Xi agreed to hike soybean purchases to 20mn tonnes in the current season, up from 12mn tonnes previously."
    c, q = claims_of(nlp, text)
    main, base = with_value(c, q, 20e6), with_value(c, q, 12e6)
    assert main.slot == "current season" and base.slot == "previously"
    assert base.theme == main.theme and base.actor_text == main.actor_text
    assert base.modality == "asserted" and main.modality == "agreed"
    c, q = claims_of(nlp, "Oslo pledged to buy 25 million tons of fish next season, up from the current 20 million tons.")
    assert with_value(c, q, 20e6).slot == "current season"


def test_nominal_and_weak_verb_quantity_claims(nlp):
    c, q = claims_of(nlp, "The arms sale, worth $11.1bn, was approved in December.")
    assert with_value(c, q, 11.1e9).theme == "arms sale"
    c, q = claims_of(nlp, "In December, Trump approved a record-breaking $11 billion arms package for Taipei.")
    assert with_value(c, q, 11e9).theme == "arms package"
    c, q = claims_of(nlp, "The US announced its largest-ever arms sales deal with Taiwan in December, including $11.1bn in weapons.")
    assert with_value(c, q, 11.1e9).theme == "arms sales deal"


def test_questions_and_boilerplate_are_skipped(nlp):
    assert claims_of(nlp, "Will China buy 20 million tonnes of soybeans?")[0] == []
    assert claims_of(nlp, "Subscribe here to receive 3 free articles every week at https://example.com/alerts")[0] == []


def test_claim_ids_and_spans(nlp):
    text = "The storm killed 12 people. Officials said damage reached $3bn."
    c, _ = claims_of(nlp, text)
    assert [x.id for x in c] == [f"a:c{i}" for i in range(len(c))]
    for x in c:
        assert text[x.span[0] : x.span[1]] == x.sentence


def test_time_from_date_expression(nlp):
    text = "The government raised the minimum wage to $15 in January."
    i = text.index("January")
    d = DateExpr(id="a:d0", article="a", text="January", span=(i, i + 7), value="2025-01", precision="month")
    c, q = claims_of(nlp, text, dates=[d])
    assert with_value(c, q, 15).time == "2025-01"
    assert with_value(c, q, 15).theme == "minimum wage"


def test_pronoun_subject_resolves_to_previous_person(nlp):
    text = "Prime Minister Jane Doe spoke on Monday. She promised to cut fuel duty by 5 percent."
    c, q = claims_of(nlp, text)
    m = with_value(c, q, 5)
    assert m.actor_text == "Jane Doe" and m.modality == "pledged" and m.action == "decrease"


# --------------------------------------------------------------------------------------------- precision
#
# A claim-precision table in several domains (floods, budgets, tariffs, elections, courts): each sentence says
# whether it must yield no claim at all ("none"), no claim carrying a figure ("nofigure": a pseudo-count such
# as "the two leaders" is not a figure), or a claim on a given verb with a given modality and polarity.

_COUNT = re.compile(r"\b(two|three|five|\d+)\s+(?:largest\s+|biggest\s+)?[a-z]+", re.I)


def counts_of(text: str, start: int) -> list[Quantity]:
    """Plain counts ("two leaders", "three suspects") as the quantity extractor reports them."""
    out = []
    for i, m in enumerate(_COUNT.finditer(text)):
        n = m.group(1).lower()
        v = float(_WORDS.get(n) or n)
        out.append(Quantity(id=f"a:k{start + i}", article="a", text=m.group(0), span=m.span(), value=v, unit="count"))
    return out


def precision_claims(nlp, text: str) -> tuple[list[Claim], dict[str, Quantity]]:
    art = Article(id="a", source="t.txt", external_id="t.txt", text=text, outlet="Test")
    qs = quantities_of(text)
    taken = [q.span for q in qs]
    qs += [k for k in counts_of(text, len(qs)) if not any(s <= k.span[0] < e for s, e in taken)]
    return extract_claims(nlp(text), art, [], [], qs, []), {q.id: q for q in qs}


PRECISION_TABLE: list[tuple[str, tuple]] = [
    # consider + NP + NP / as / adjective = regard: asserted; hedging needs would/V-ing/a plain object
    ("Moscow considers the Baltic pipeline a strategic asset.", ("claim", "consider", "asserted", True)),
    ("The ministry considers the dam safe.", ("claim", "consider", "asserted", True)),
    ("Voters regard the election as a referendum on inflation.", ("claim", "regard", "asserted", True)),
    ("Analysts consider the budget a step backwards.", ("claim", "consider", "asserted", True)),
    ("The regulator would consider a ban on flavoured vapes.", ("claim", "consider", "considered", True)),
    ("The council is considering raising parking fees to $5 an hour.", ("claim", "raise", "considered", True)),
    ("Finance ministers are considering a new levy on bank profits.", ("claim", "consider", "considered", True)),
    # negation stays in its own clause
    ("The mayor did not order an evacuation, but the fire service closed the coastal road.",
     ("claim", "close", "asserted", True)),
    ("The mayor did not order an evacuation, but the fire service closed the coastal road.",
     ("claim", "order", "negated", False)),
    ("The central bank has not cut interest rates, yet it has signalled a pause.",
     ("claim", "signal", "asserted", True)),
    ("The union did not accept the offer but its members ratified a shorter deal.",
     ("claim", "ratify", "asserted", True)),
    ("The company never paid the fine, and regulators revoked its licence.", ("claim", "revoke", "asserted", True)),
    ("The senate did not approve the budget.", ("claim", "approve", "negated", False)),
    # headlines and sub-headings
    ("Flood Waters Recede as Rebuilding Begins", ("none",)),
    ("Budget Deal Clears Senate", ("none",)),
    ("Tariffs on Steel to Rise Next Month", ("none",)),
    ("Election Results Delayed in Key States", ("none",)),
    # quote fragments: first/second person, nothing named
    ("“I want the money back.”", ("none",)),
    ("“We will fight this in court,” the mayor said.", ("none",)),
    ("“You have to understand the pressure,” she told reporters.", ("none",)),
    ("“I think we realise how fragile the truce is.”", ("none",)),
    # pseudo-counts: "the two X" names a set, it is not a figure
    ("The two leaders met in Geneva on Tuesday.", ("nofigure",)),
    ("Talks between the two sides collapsed.", ("nofigure",)),
    ("Trade between the world's two largest economies slowed sharply.", ("nofigure",)),
    ("The three suspects were released on bail.", ("nofigure",)),
    ("Two people died in the fire.", ("figure", 2.0)),
    ("Officials evacuated 300 people from the valley.", ("figure", 300.0)),
    # vague or anaphoric subjects
    ("That kind of decision rests with the cabinet.", ("none",)),
    ("Both sides made significant progress.", ("none",)),
    ("This move angered farmers across the region.", ("none",)),
    ("Some called it a betrayal.", ("none",)),
    # a future decision is an open question, not a commitment
    ("The court will decide whether the vote can go ahead.", ("claim", "decide", "considered", True)),
    ("The commission will review whether the merger harms consumers.", ("claim", "review", "considered", True)),
    ("The minister will announce the budget on Friday.", ("claim", "announce", "committed", True)),
    # a control verb heading the claim itself
    ("The president accepted the resignation of his finance minister.", ("claim", "accept", "asserted", True)),
    ("The court rejected the appeal.", ("claim", "reject", "asserted", True)),
    ("Exporters expect higher demand for wheat.", ("claim", "expect", "expected", True)),
    # light predicates, imperatives, stative passives; an agentless passive that reports an act stays
    ("The meeting took place in Nairobi.", ("none",)),
    ("Share your views with our newsroom.", ("none",)),
    ("The bridge is based on a Roman design.", ("none",)),
    ("Storm damage continues to mount.", ("none",)),
    ("The port was sold to a state-owned firm.", ("claim", "sell", "asserted", True)),
    ("Floodwaters destroyed the main bridge, officials said.", ("claim", "destroy", "asserted", True)),
]


@pytest.mark.parametrize(("sentence", "expect"), PRECISION_TABLE)
def test_claim_precision(nlp, sentence, expect):
    claims, qmap = precision_claims(nlp, sentence)
    seen = [(c.verb, c.modality, c.polarity, qmap[c.quantity].text if c.quantity else None) for c in claims]
    kind = expect[0]
    if kind == "none":
        assert claims == [], seen
    elif kind == "nofigure":
        assert not any(c.quantity for c in claims), seen
    elif kind == "figure":
        assert any(c.quantity and qmap[c.quantity].value == expect[1] for c in claims), seen
    else:
        _, verb, modality, polarity = expect
        mine = [c for c in claims if c.verb == verb]
        assert mine, seen
        assert (mine[0].modality, mine[0].polarity) == (modality, polarity), seen


def test_regard_frame_names_what_is_regarded(nlp):
    c, _ = claims_of(nlp, "Beijing considers Taiwan a breakaway province.")
    assert (c[0].action, c[0].theme, c[0].modality) == ("regard", "Taiwan", "asserted")


def test_negation_does_not_cross_a_contrastive_conjunction(nlp):
    text = ("The government has not committed to sending troops, but its navy has urged allies to boost "
            "patrols.")
    c, _ = claims_of(nlp, text)
    by_verb = {x.verb: x for x in c}
    assert by_verb["send"].modality == "negated" and not by_verb["send"].polarity
    assert by_verb["urge"].modality == "asserted" and by_verb["urge"].polarity


# --- ELSEWHERE: figures tied to another period or place ------------------------------------------------


def _date(text: str, phrase: str, value: str | None, precision: str, n: int = 0) -> DateExpr:
    i = text.index(phrase)
    return DateExpr(id=f"a:d{n}", article="a", text=phrase, span=(i, i + len(phrase)), value=value, precision=precision)


def _claims_dated(nlp, text: str, dates: list[DateExpr], published: str | None = None):
    art = Article(id="a", source="t.txt", external_id="t.txt", text=text, outlet="Test", published=published)
    qs = quantities_of(text)
    return extract_claims(nlp(text), art, [], [], qs, dates), {q.id: q for q in qs}


def test_figure_in_a_sentence_with_another_period_is_anchored_to_it(nlp):
    text = "The quake killed 10 people on Sunday. In December 2003, a quake killed 31,000 people in Bam."
    dates = [_date(text, "Sunday", None, "day", 0), _date(text, "December 2003", "2003-12", "month", 1)]
    c, q = _claims_dated(nlp, text, dates)
    assert with_value(c, q, 10).slot is None
    assert with_value(c, q, 31000).slot == "2003-12"


def test_unresolved_month_is_anchored_unless_it_is_the_story_month(nlp):
    text = "In February, a quake killed 612 people. In November, the island counted 120 people homeless."
    dates = [_date(text, "February", None, "month", 0), _date(text, "November", None, "month", 1)]
    c, q = _claims_dated(nlp, text, dates, published="2005-11-28")
    assert with_value(c, q, 612).slot == "XXXX-02"
    assert with_value(c, q, 120).slot is None  # November is the story's own month


def test_pronoun_subject_continues_the_previous_sentences_period(nlp):
    text = "The last major quake was in February, when a temblor rocked Zarand. It killed 612 people."
    c, q = _claims_dated(nlp, text, [_date(text, "February", None, "month")])
    assert with_value(c, q, 612).slot == "XXXX-02"


def test_figure_located_in_a_place_the_lead_never_names_is_anchored_there(nlp):
    text = ("A powerful earthquake hit southern Iran on Sunday, killing 10 people. Rescue teams arrived quickly. "
            "Power was restored by nightfall. On Saturday, 12 people were killed by a quake in China.")
    c, q = _claims_dated(nlp, text, [])
    assert with_value(c, q, 10).slot is None
    assert with_value(c, q, 12).slot == "in China"


def test_generic_statement_yields_no_figure(nlp):
    c, q = claims_of(nlp, "A quake of that size can kill 100 people.")
    assert not [x for x in c if x.quantity]
    c, q = claims_of(nlp, "The quake killed 100 people.")
    assert with_value(c, q, 100).action == "kill"


def test_each_conjunct_takes_the_date_of_its_own_clause(nlp):
    text = ("A powerful quake hit southern Iran on Sunday. A quake killed 31,000 people in Bam in 2003, "
            "and 600 people were killed in Zarand in February.")
    dates = [_date(text, "Sunday", "2005-11-27", "day", 0), _date(text, "2003", "2003", "year", 1),
             _date(text, "February", "2005-02", "month", 2)]
    c, q = _claims_dated(nlp, text, dates, published="2005-11-28")
    bam, zarand = with_value(c, q, 31000), with_value(c, q, 600)
    assert bam.slot == "2003" and bam.time == "2003"
    assert zarand.slot == "2005-02" and zarand.time == "2005-02"  # not 2003, however near it is


def test_a_sentence_date_still_anchors_a_clause_without_its_own(nlp):
    text = "In December 2003, a quake in the city killed 31,000 people."
    c, q = _claims_dated(nlp, text, [_date(text, "December 2003", "2003-12", "month")], published="2005-11-28")
    assert with_value(c, q, 31000).slot == "2003-12"


def test_a_time_adverb_on_a_noun_dates_the_noun_not_the_figure(nlp):
    c, q = claims_of(nlp, "The death toll from a strong quake a day before rose to 10 people on Monday.")
    assert with_value(c, q, 10).slot is None
    c, q = claims_of(nlp, "China bought 12 million tonnes of soybeans a year earlier.")
    assert with_value(c, q, 12e6).slot == "previously"


# --------------------------------------------------------------------------------------------- pronouns
#
# Made-up paragraphs with several people: the pronoun takes the subject (or quote speaker) of its own or the
# previous sentences that agrees with it in kind, number and gender (honorifics, gendered titles and
# unambiguous earlier pronouns tell the gender).

PRONOUN_CASES = [
    # the previous sentence's subject beats its object
    ("President Ana Silva spoke with Prime Minister Mark Jensen on Tuesday. "
     "Silva thanked Jensen for the support. She described the talks as productive.", "describe", "Ana Silva"),
    # gender from an honorific: "she" cannot be Mr Okafor, though he is the nearer subject
    ("Ms Patel, the central bank governor, met Mr Okafor, the finance minister. "
     "Mr Okafor criticised the budget. She raised interest rates to curb inflation.", "raise", "Patel"),
    # gender learnt from an earlier unambiguous pronoun
    ("Governor Lena Park toured the flooded district on Monday, and her aides briefed reporters. "
     "Mayor Tom Reyes met Park at the town hall. She promised new flood barriers.", "promise", "Lena Park"),
    # "it" is a singular thing (the ministry), not a person and not the plural "farmers"
    ("The agriculture ministry met farmers in Lyon. It banned imports of cheap fertiliser.", "ban", "agriculture ministry"),
    # "they" is a plural group, not the country
    ("Thieves raided a jewellery store in Paris on Sunday. They set fire to the getaway car.", "set", "Thieves"),
]


@pytest.mark.parametrize(("text", "verb", "actor"), PRONOUN_CASES)
def test_pronouns_resolve_by_role_agreement_and_recency(nlp, text, verb, actor):
    c, _ = claims_of(nlp, text)
    mine = [x for x in c if x.verb == verb]
    assert mine, [(x.verb, x.actor_text) for x in c]
    assert mine[0].actor_text and mine[0].actor_text.endswith(actor), [(x.verb, x.actor_text) for x in c]


def test_pronoun_resolver_uses_mentions_and_quote_speakers(nlp):
    from crosswire.extract.claims import PronounResolver
    from crosswire.models import Mention

    text = ('"We will not back down," said Ms Maria Lopez after meeting the envoy. '
            "Carlos Diaz, the envoy, was not available. Later, she told reporters that Mr Diaz had rejected her offer.")
    doc = nlp(text)
    ments = [Mention(id=f"m{i}", article="a", text=n, span=(text.index(n), text.index(n) + len(n)), type="PERSON",
                     head=k) for i, (n, k) in enumerate((("Maria Lopez", "maria lopez"), ("Carlos Diaz", "carlos diaz"),
                                                          ("Diaz", "carlos diaz")))]
    quote = Quote(id="q", article="a", text="We will not back down", span=(1, 22), speaker="Maria Lopez",
                  speaker_span=ments[0].span)
    r = PronounResolver(doc, ments, [quote])
    assert r.gender == {"maria lopez": "f", "carlos diaz": "m"}
    she = next(t for t in doc if t.lower_ == "she")
    her = [t for t in doc if t.lower_ == "her"][-1]
    # Carlos Diaz is the nearer subject, but a man: "she" is the quote's speaker two sentences back
    assert r.resolve(she) == "Maria Lopez" and r.resolve(her) == "Maria Lopez"
    assert r.resolve(she, skip="Maria Lopez") is None  # nobody else agrees


def test_event_nouns_and_dates_make_no_claim_without_a_figure(nlp):
    for text in (
        "Monday's call follows a meeting between the two presidents in Geneva.",
        "Xi's emphasis on Taiwan reflects Beijing's growing concerns.",
        "The summit ended a week of tense diplomacy.",
    ):
        c, _ = claims_of(nlp, text)
        assert c == [], (text, [(x.actor_text, x.verb, x.theme) for x in c])
    c, _ = claims_of(nlp, "President Ana Silva spoke with Jensen on Tuesday.")
    assert [(x.actor_text, x.verb, x.theme) for x in c] == [("Ana Silva", "speak", "Jensen")]  # not "Tuesday"
    c, _ = claims_of(nlp, "Senator Mark Hale wants change.")
    assert all(x.theme for x in c)
