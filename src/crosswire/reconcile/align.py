"""Aligning claims that speak of the same thing, across articles and outlets.

Two claims *align* when all of these hold:

* **actor**: compatible (:class:`ActorResolver`): the same entity, or a person and the country he or she
  leads/represents ("Xi" ~ "China" when some article calls him "Chinese President"), a capital or seat of
  government and its country ("Beijing" ~ "China", via ``Mention.metonym`` or the capitals table), a
  nationality adjective and its country ("Chinese orders" ~ "China"). A claim without an actor is compatible
  with any actor;
* **what is measured / done** (:func:`measure_key`): for claims carrying a quantity, the theme's core words
  (stemmed; generic measure and container words such as "count", "deal", "package" dropped) plus the
  event noun implied by the verb class (``buy`` -> "purchase", so "buy 25mn tonnes of soybeans" and "raise
  soybean purchases to 25mn tonnes" measure the same thing); verbs that only report a figure ("announce",
  "approve", "include") add nothing. Claims without a quantity compare action class and theme. Core words
  match fuzzily (rapidfuzz ratio of the sorted words >= :data:`THEME_MATCH`); event nouns must intersect
  when both claims have one. Claims without a figure also match when action class and the theme's head word
  agree ("China buy soybeans" ~ "China buy more US-farmed soybeans"), so that omissions cover them;
* **measure** (figures): when :func:`measure_concept` recognises the newsroom measure a figure counts
  (:data:`MEASURE_SYNONYMS`: deaths, injured, quake, value stolen, robbers, population, ...; the unit for
  magnitudes; else the figure's own counted noun), two figures align only on the same measure, and for these
  event-wide measures (:data:`EVENT_MEASURES`) the actor is not compared ("the quake killed 10" and "10
  people died" are one toll). What the quantity grammar says a count measures (``Quantity.measures``:
  "dead", "injured", "population") comes before the theme; aftershocks' magnitudes are their own measure
  (:data:`UNIT_SUBCONCEPTS`); counting measures never name a length or a sum (:data:`COUNT_MEASURES`); a
  population counted for a kind of place ("a city of 500,000") never meets another kind's ("island").
  Figures without a recognised measure compare theme words as above;
* **unit**: identical unit code. Money is compared within one currency only, never converted; a
  parenthetical rendering ("85 million euros ($108 million)") is the same claim in another currency
  (``checks.conversions``) and joins its currency's group with the original's meaning. For units in
  :data:`MAX_SPREAD` (magnitude: 1.0), figures further apart are different things (an aftershock, another
  quake), not a conflict;
* **anchor**: a figure tied to another period or place (``slot`` set by the claims' ELSEWHERE rules: "2003-12",
  "XXXX-02", "in Bam") aligns only with figures tied to a compatible one (:func:`anchors_compatible`), never
  with the story's own figures;
* **slot**: the same relative slot ("current season" vs "next season" vs "previously" differ); a claim with
  no slot joins a slotted group only if its value agrees with the group's. Likewise two claims whose resolved
  ``time`` differs (when neither has a slot) align only when their figures agree: different dates with
  different figures are two facts, not a conflict.

Values agree (:func:`values_agree`) when their intervals overlap: each figure covers the precision it is
written with ("$11bn" = 10.5..11.5 bn, "$11.1bn" = 11.05..11.15 bn), widened by qualifiers ("nearly",
"about", "more than", "up to") and by ``settings.reconcile.rel_tolerance``; "nearly"/"almost" cap the
interval at the figure (:data:`CAPPING_QUALIFIERS`). Open-ended qualifiers ("at
least", "more than", "up to", "as many as") reach only :data:`OPEN_BOUND_FACTOR` (1.5x) beyond the figure:
"at least 10" agrees with 13, not with 612.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from ..extract.modality import CLASS_NOMINALS, NOUN_ACTIONS
from ..models import Article, ArticleFacts, Claim, Entity, Mention, Quantity

#: minimum rapidfuzz ratio between two themes' sorted core words
THEME_MATCH = 90.0

#: words that name a unit, a count or a container rather than the thing itself
GENERIC_THEME_WORDS: frozenset[str] = frozenset(
    {"ton", "tonne", "barrel", "bushel", "dollar", "euro", "yuan", "pound", "percent", "cent", "unit", "count",
     "number", "level", "amount", "volume", "total", "figure", "quantity", "value", "sum", "lot", "cargo",
     "metric", "deal", "package", "agreement", "contract", "plan", "program", "programme", "toll", "people",
     "person", "more", "additional", "further", "extra", "new", "worth", "tranche", "batch", "round"}
)

#: how far an open-ended qualifier reaches. "at least 10", "more than 26,000", "over $2.6m" are read as
#: [N, N x OPEN_BOUND_FACTOR]; "up to 80", "as many as 80", "less than 50" as [N / OPEN_BOUND_FACTOR, N].
#: A writer whose figure were twice as large would have written the larger round number, so "at least 10" is
#: consistent with 13 but conflicts with 612; "more than 26,000" and "more than 31,000" stay consistent.
OPEN_BOUND_FACTOR = 1.5

#: marks an open side of a qualifier in :data:`QUALIFIERS` (then capped by :data:`OPEN_BOUND_FACTOR`)
OPEN = math.inf

#: qualifier words -> (relative widening below, relative widening above); OPEN = open-ended side
QUALIFIERS: dict[str, tuple[float, float]] = {
    "nearly": (0.10, 0.0), "almost": (0.10, 0.0), "just under": (0.05, 0.0), "close to": (0.10, 0.0),
    "about": (0.10, 0.10), "around": (0.10, 0.10), "roughly": (0.10, 0.10), "approximately": (0.10, 0.10),
    "some": (0.10, 0.10), "an estimated": (0.10, 0.10), "estimated": (0.10, 0.10),
    "more than": (0.0, OPEN), "over": (0.0, OPEN), "at least": (0.0, OPEN), "no fewer than": (0.0, OPEN),
    "above": (0.0, OPEN), "upwards of": (0.0, OPEN), "in excess of": (0.0, OPEN), "just over": (0.0, 0.05),
    "up to": (OPEN, 0.0), "as many as": (OPEN, 0.0), "less than": (OPEN, 0.0), "under": (OPEN, 0.0),
    "at most": (OPEN, 0.0), "fewer than": (OPEN, 0.0), "below": (OPEN, 0.0), "no more than": (OPEN, 0.0),
}

#: qualifiers that say the true value is below the written figure: the interval stops at the figure instead
#: of reaching half a written digit above it ("almost $2 million" does not agree with $2.6 million)
CAPPING_QUALIFIERS: frozenset[str] = frozenset({"nearly", "almost", "just under"})

_QUALIFIER_RX = re.compile(r"\s*(" + "|".join(sorted(map(re.escape, QUALIFIERS), key=len, reverse=True)) + r")\b")

_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
    "a": 1, "an": 1, "half": 0.5, "dozen": 12,
}
_NUM = re.compile(r"(\d[\d,]*)(?:\.(\d+))?")


# --------------------------------------------------------------------------------------------- outlets


def outlet_name(article: Article) -> str:
    """The outlet an article counts for. Fallback when ``outlet`` is None: the source file name (or the last
    part of the URL/path), else the external id, so that unknown outlets stay distinct and readable."""
    if article.outlet:
        return article.outlet
    src = article.source or article.url or ""
    name = Path(src.rstrip("/")).name if src else ""
    return name or article.external_id or article.id


# --------------------------------------------------------------------------------------------- words


def stem(word: str) -> str:
    """A light plural stemmer for comparing theme words ("purchases" -> "purchase", "arms" -> "arm")."""
    w = word.lower().strip(".,'’\"")
    w = re.sub(r"['’]s$", "", w)
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if len(w) > 5 and w.endswith("oes"):  # cargoes, tomatoes, vetoes
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def _plural(word: str) -> str:
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


@dataclass(frozen=True)
class MeasureKey:
    """What a claim is about: core words, event nouns, and (for claims without a quantity) the action class.
    ``concept`` is the newsroom measure a figure counts (:data:`MEASURE_SYNONYMS`), when one is recognised."""

    core: tuple[str, ...]
    events: frozenset[str]
    action: str | None  # None for quantity claims (the figure says what happens)
    concept: str | None = None
    scope: str | None = None  # the kind of place a population counts ("city", "island"), see measure_scope
    head: str | None = None  # claims without a figure: the theme's head word, stemmed ("soybean purchases" -> "purchase")


#: common newsroom measures: word (stemmed, see :func:`stem`; nouns, participles and verb lemmas) -> the
#: measure it names. Synonyms and hypernyms collapse so that "10 killed", "a death toll of 10" and "ten dead"
#: are one figure; "quake/earthquake/tremor/temblor" one event; "jewels/jewellery/gems/diamonds/loot/haul/
#: booty" (and the verbs of theft) the value stolen. Extend here; one word, one measure.
MEASURE_SYNONYMS: dict[str, str] = {
    **dict.fromkeys(["death", "dead", "die", "died", "kill", "killed", "fatality", "toll", "perish", "perished"],
                    "deaths"),
    **dict.fromkeys(["injure", "injured", "injury", "hurt", "wound", "wounded"], "injured"),
    **dict.fromkeys(["quake", "earthquake", "tremor", "temblor"], "quake"),
    **dict.fromkeys(["aftershock"], "aftershocks"),
    **dict.fromkeys(["jewel", "jewellery", "jewelry", "gem", "diamond", "loot", "haul", "booty", "gemstone",
                     "steal", "stolen", "rob", "snatch", "grab", "make off", "heist", "theft", "robbery"],
                    "value stolen"),
    **dict.fromkeys(["robber", "thief", "thieve", "raider", "burglar", "bandit", "gunman", "crook"], "robbers"),
    **dict.fromkeys(["population", "resident", "inhabitant"], "population"),
    **dict.fromkeys(["homeless", "displaced"], "homeless"),
    **dict.fromkeys(["village"], "villages"),
    **dict.fromkeys(["damage", "loss", "losses"], "damage"),
}

#: measures of the event as a whole: who "did" it does not matter ("the quake killed 10", "10 people died",
#: "the tremor, which killed 10"), so the actor is not compared for them (see :func:`aligned`)
EVENT_MEASURES: frozenset[str] = frozenset(MEASURE_SYNONYMS.values()) | {"magnitude", "aftershock magnitude"}

#: the measures a sum of money can have; the sentence-window fallback (step 5 of :func:`measure_concept`)
#: only looks for these
MONEY_MEASURES: frozenset[str] = frozenset({"value stolen", "damage"})

#: nouns for people: "two villagers injured" counts the injured, not villagers; "200,000 residents" with no
#: other measure counts a population (through the table)
PERSON_NOUNS: frozenset[str] = frozenset(
    {"villager", "civilian", "child", "children", "student", "worker", "tourist", "soldier", "victim", "man",
     "men", "woman", "women", "resident", "inhabitant", "passenger", "people", "person", "persons"}
)

#: "a city of 500,000 people", "Qeshm island, home to 120,000 people": people counted for a place are its
#: population
PLACE_NOUNS: frozenset[str] = frozenset({"city", "town", "island", "village", "country", "province", "region",
                                         "capital", "port", "state"})

#: nouns that count nothing in particular: "10 people" measures what the verb says (killed), not people
GENERIC_COUNT_NOUNS: frozenset[str] = frozenset(
    {"people", "person", "persons", "individual", "other", "others", "more", "million", "billion", "thousand",
     "hundred", "dozen", "mn", "bn", "m", "k", "percent", "per", "cent"}
)

#: units measured on one scale of one thing: the unit itself says what is measured
UNIT_CONCEPTS: dict[str, str] = {"magnitude": "magnitude"}

#: (unit measure, what the figure is said to measure) -> a narrower measure: the magnitude of the aftershocks
#: ("aftershocks of around 4.0", :attr:`Quantity.measures` = "aftershocks") is not the main quake's magnitude
UNIT_SUBCONCEPTS: dict[tuple[str, str], str] = {("magnitude", "aftershocks"): "aftershock magnitude"}

#: measures that count people or things: they never name what a length, a sum or a share measures ("1,500
#: kilometers south of Tehran" in a sentence about Qeshm's population is a distance, not a population)
COUNT_MEASURES: frozenset[str] = frozenset(
    {"deaths", "injured", "robbers", "population", "homeless", "villages", "aftershocks"}
)

#: units read on a fine scale where ``rel_tolerance`` does not apply: magnitudes are given to a tenth and
#: 5.9 vs 6.1 is a real disagreement (Tehran vs USGS), not rounding
UNIT_TOLERANCE: dict[str, float] = {"magnitude": 0.0}


def tolerance_for(unit: str | None, rel_tolerance: float) -> float:
    """The relative tolerance used for figures in ``unit`` (:data:`UNIT_TOLERANCE`, else the setting)."""
    return UNIT_TOLERANCE.get(unit or "", rel_tolerance)


#: units where two figures further apart than this are different things, never a conflict: outlets disagree
#: on a quake's magnitude by tenths (5.9 vs 6.1); a 3.8 aftershock or a 6.7 quake elsewhere is another shock
MAX_SPREAD: dict[str, float] = {"magnitude": 1.0}

_QUALIFIER_WORDS = frozenset(
    {"nearly", "almost", "about", "around", "roughly", "approximately", "some", "an", "a", "estimated", "more",
     "than", "over", "at", "least", "above", "upwards", "of", "up", "to", "as", "many", "less", "under", "most",
     "fewer", "below", "just", "close", "no", "in", "excess", "the", "and", "or", "other"}
)


def _concept_of(word: str) -> str | None:
    w = word.lower()
    return MEASURE_SYNONYMS.get(w) or MEASURE_SYNONYMS.get(stem(w))


def measure_concept(claim: Claim, quantity: Quantity | None, sentence_offset: int | None = None) -> str | None:
    """The newsroom measure a figure counts, read in this order (the first that names one wins):

    1. the unit, when it is the measure (``UNIT_CONCEPTS``: a "magnitude" is a quake's magnitude), narrowed
       by what the quantity measures (``UNIT_SUBCONCEPTS``: "aftershocks of around 4.0" -> the aftershocks'
       magnitude);
    2. what the quantity grammar says the figure measures (:attr:`Quantity.measures`: "600 were killed" ->
       "dead", "injuring 80" -> "injured", "a population of 100,000" -> "population", "seven of its
       villages" -> "villages"), when the table names a measure for it; then the figure's own noun ("50
       hurt", "80 wounded", "seven villages", "four robbers"): a table word gives its measure, any other noun
       is itself the measure ("2,000 tents" counts tents); generic and person nouns ("10 people", "two
       villagers", :data:`PERSON_NOUNS`) fall through;
    3. people counted for a place ("a city of 500,000 people") are its population;
    4. the theme's words, head first, through :data:`MEASURE_SYNONYMS`; then the verb as written, then its
       class ("killed 10 people" measures deaths);
    5. a person noun in the table gives its measure ("200,000 residents");
    6. for money only: the nearest money measure (:data:`MONEY_MEASURES`) named in the sentence ("jewellery
       and watches worth an estimated EUR 2m" measures the value stolen): a sum is the value of something
       named beside it.

    Steps 4-6 never give a counting measure (:data:`COUNT_MEASURES`) to a figure that is not a count.
    None when nothing names a measure (the claim's theme words are compared instead)."""
    if quantity is None:
        return None
    own_measure = _measures_concept(quantity)
    if quantity.unit in UNIT_CONCEPTS:
        base = UNIT_CONCEPTS[quantity.unit]
        return UNIT_SUBCONCEPTS.get((base, own_measure or ""), base)
    if quantity.unit == "count" and own_measure:
        return own_measure
    own = [w for w in re.findall(r"[a-z][a-z'-]*", (quantity.text or "").lower())
           if w not in _QUALIFIER_WORDS and w not in _WORD_NUMBERS and w not in GENERIC_COUNT_NOUNS
           and stem(w) not in GENERIC_THEME_WORDS and w not in _CURRENCY_WORDS]
    persons = [w for w in own if w in PERSON_NOUNS or stem(w) in PERSON_NOUNS]
    if quantity.unit == "count":
        for w in reversed(own):
            if w in persons:
                continue
            return _concept_of(w) or stem(w)
    theme_words = re.findall(r"[a-z][a-z'-]*", (claim.theme or "").lower())
    if quantity.unit == "count" and theme_words and stem(theme_words[-1]) in PLACE_NOUNS and (persons or not own):
        return "population"
    counts = quantity.unit == "count"
    for w in reversed(theme_words):
        c = _concept_of(w)
        if c and (counts or c not in COUNT_MEASURES):
            return c
    for w in (claim.verb, claim.action):
        c = _concept_of(w) if w else None
        if c and (counts or c not in COUNT_MEASURES):
            return c
    if quantity.unit == "count":
        for w in persons:
            c = _concept_of(w)
            if c:
                return c
    if _is_money(quantity.unit) and claim.sentence and sentence_offset is not None:
        best: tuple[int, str] | None = None
        for m in re.finditer(r"[A-Za-z][A-Za-z'-]*", claim.sentence):
            c = _concept_of(m.group(0))
            if c in MONEY_MEASURES:
                dist = min(abs(m.start() - sentence_offset), abs(m.end() - sentence_offset))
                if best is None or dist < best[0]:
                    best = (dist, c)
        if best:
            return best[1]
    return None


def _measures_concept(quantity: Quantity) -> str | None:
    """The table measure of what the quantity grammar says the figure measures (``Quantity.measures``: "dead",
    "injured", "population", "villages", "aftershocks"), None when it names none (generic or person nouns such
    as "people" and "men", a currency word, or a noun the table does not know)."""
    words = re.findall(r"[a-z][a-z'-]*", (quantity.measures or "").lower())
    if not words:
        return None
    head = words[-1]
    if head in GENERIC_COUNT_NOUNS or head in PERSON_NOUNS or stem(head) in PERSON_NOUNS or head in _CURRENCY_WORDS:
        return None
    return _concept_of(head)


def measure_scope(claim: Claim, concept: str | None) -> str | None:
    """For a population, the kind of place it counts when the claim's theme names one ("Bandar Abbas, a city of
    500,000 people" -> "city"; "Qeshm island, home to 120,000 people" -> "island"): a city's population and an
    island's are two figures, never a conflict. None for other measures and for a bare "population"."""
    if concept != "population":
        return None
    words = re.findall(r"[a-z][a-z'-]*", (claim.theme or "").lower())
    if words and stem(words[-1]) in PLACE_NOUNS:
        return stem(words[-1])
    return None


_CURRENCY_WORDS = frozenset({"euro", "euros", "dollar", "dollars", "pound", "pounds", "yuan", "yen", "rand",
                             "sterling", "usd", "eur", "gbp", "us"})


def _is_money(unit: str | None) -> bool:
    return bool(unit) and len(unit) == 3 and unit.isupper()  # ISO 4217 codes


def _event_nominal(stemmed: str) -> str | None:
    cls = NOUN_ACTIONS.get(stemmed)
    if cls is None:
        return None
    return CLASS_NOMINALS.get(cls, stemmed)


def measure_key(claim: Claim, has_quantity: bool | None = None) -> MeasureKey:
    """The comparison key of a claim's theme (see the module docstring)."""
    has_q = claim.quantity is not None if has_quantity is None else has_quantity
    core: list[str] = []
    events: set[str] = set()
    for w in re.findall(r"[a-z][a-z0-9-]*", (claim.theme or "").lower()):
        s = stem(w)
        if s in GENERIC_THEME_WORDS:
            continue
        nom = _event_nominal(s)
        if nom is not None and nom in CLASS_NOMINALS.values():
            events.add(nom)
        else:
            core.append(s)
    if has_q:
        nom = CLASS_NOMINALS.get(claim.action)
        if nom:
            events.add(nom)
        return MeasureKey(tuple(sorted(set(core))), frozenset(events), None)
    words = re.findall(r"[a-z][a-z0-9-]*", (claim.theme or "").lower())
    return MeasureKey(tuple(sorted(set(core))), frozenset(events), claim.action, head=stem(words[-1]) if words else None)


def keys_match(a: MeasureKey, b: MeasureKey) -> bool:
    """Fuzzy equality of two measure keys. Two figures whose measures are recognised (``concept``) match when
    the measures are the same; a recognised measure never matches an unrecognised one."""
    if a.action != b.action:
        return False
    if a.concept or b.concept:
        return a.concept == b.concept and not (a.scope and b.scope and a.scope != b.scope)
    if a.action is not None and a.head and a.head == b.head:
        return True  # claims without a figure: same action class on the same head ("buy soybeans" ~ "buy US-farmed soybeans")
    if a.events and b.events and not (a.events & b.events):
        return False
    ca, cb = " ".join(a.core), " ".join(b.core)
    if not ca and not cb:
        # nothing but event nouns: both must name one ("26,000 killed" is not "200,000 residents")
        return bool(a.events & b.events) if (a.events or b.events) else bool(a.action)
    return fuzz.ratio(ca, cb) >= THEME_MATCH


def measure_label(claims: Sequence[Claim]) -> str:
    """A readable name for what a group of claims measures ("soybean purchases")."""
    labels: dict[str, int] = {}
    for c in claims:
        theme = c.theme or ""
        nom = CLASS_NOMINALS.get(c.action) if c.quantity is not None else None
        words = theme.split()
        stems = {stem(w) for w in words}
        if nom and nom not in stems:
            core = [w for w in words if stem(w) not in GENERIC_THEME_WORDS]
            theme = " ".join([*(stem(w) for w in core), _plural(nom)])
        if theme:
            labels[theme] = labels.get(theme, 0) + 1
    if not labels:
        return claims[0].action if claims else ""
    return max(labels.items(), key=lambda kv: (kv[1], len(kv[0].split()), kv[0]))[0]


# --------------------------------------------------------------------------------------------- values


@dataclass(frozen=True)
class Interval:
    lo: float
    hi: float
    value: float
    exact: bool = False  # an exact count (:func:`is_exact_count`): no rounding slack, no tolerance


#: counts below this, written without a qualifier, are exact whatever their digits ("ten killed", "4 people")
EXACT_COUNT_BELOW = 20

#: words and suffixes that make a written count a round one ("two million", "dozens", "5k", "hundreds")
_ROUND_COUNT_WORDS = re.compile(
    r"\b(?:million|millions|billion|billions|thousand|thousands|hundred|hundreds|dozen|dozens|scores|mn|bn)\b"
    r"|\d(?:k|m|bn|mn)\b",
    re.I,
)


def is_exact_count(q: Quantity) -> bool:
    """Whether a count is written exactly, leaving no room for rounding: a whole count with no qualifier, no
    range and no scale word, that is small (below :data:`EXACT_COUNT_BELOW`: "three aftershocks", "4 people",
    "ten killed") or whose last written digit is not a zero ("612 killed", "37 injured"). Round figures ("about
    2,000", "600", "nearly two million", "dozens") keep the slack of their precision and the tolerance."""
    if q.unit != "count" or q.value is None or q.low is not None or q.high is not None:
        return False
    if q.approx or (q.qualifier or "").strip():
        return False
    v = float(q.value)
    if v <= 0 or v != int(v):
        return False
    text = (q.text or "").lower()
    if _QUALIFIER_RX.match(text) or _ROUND_COUNT_WORDS.search(text):
        return False
    return v < EXACT_COUNT_BELOW or int(v) % 10 != 0


def quantity_interval(q: Quantity) -> Interval | None:
    """The range of true values a written figure is compatible with (precision + qualifiers + ranges)."""
    if q.value is None and (q.low is None or q.high is None):
        return None
    if q.low is not None and q.high is not None:
        return Interval(min(q.low, q.high), max(q.low, q.high), q.value if q.value is not None else (q.low + q.high) / 2)
    v = float(q.value)  # type: ignore[arg-type]
    if is_exact_count(q):
        return Interval(v, v, v, exact=True)
    half = _half_precision(q.text or "", v)
    lo, hi = v - half, v + half
    qual = (q.qualifier or "").lower().strip()
    if not qual:
        m = _QUALIFIER_RX.match((q.text or "").lower())
        qual = m.group(1) if m else ""
    if not qual and q.approx:
        qual = "about"
    if qual in QUALIFIERS:
        below, above = QUALIFIERS[qual]
        lo = min(lo, v / OPEN_BOUND_FACTOR if v >= 0 else v * OPEN_BOUND_FACTOR) if below == OPEN else min(lo, v - abs(v) * below)
        hi = max(hi, v * OPEN_BOUND_FACTOR if v >= 0 else v / OPEN_BOUND_FACTOR) if above == OPEN else max(hi, v + abs(v) * above)
        if qual in CAPPING_QUALIFIERS and v >= 0:
            hi = v  # "almost $2 million" is below two million, whatever the rounding of "2"
    elif q.low is not None and q.high is None:  # an open lower bound the quantity reader found ("at least")
        hi = max(hi, v * OPEN_BOUND_FACTOR)
    elif q.high is not None and q.low is None:  # an open upper bound ("as many as")
        lo = min(lo, v / OPEN_BOUND_FACTOR)
    return Interval(lo, hi, v)


def _half_precision(text: str, value: float) -> float:
    """Half of the last written digit's place, in the quantity's units ("$11.1bn" -> 0.05e9)."""
    m = _NUM.search(text)
    if m:
        number = float(m.group(1).replace(",", ""))
        decimals = len(m.group(2) or "")
        if number == 0:
            return 0.0
        if decimals:
            number = float(f"{m.group(1).replace(',', '')}.{m.group(2)}")
        scale = value / number if number else 1.0
        return 0.5 * (10.0 ** -decimals) * abs(scale)
    for w in re.findall(r"[a-z]+", text.lower()):
        if w in _WORD_NUMBERS and _WORD_NUMBERS[w] and value:
            scale = value / _WORD_NUMBERS[w]
            return 0.5 * abs(scale)
    if value == 0:
        return 0.0
    return 0.5 * 10 ** math.floor(math.log10(abs(value)))


def values_agree(a: Interval, b: Interval, rel_tolerance: float = 0.02) -> bool:
    """True when the two figures can both be right within their written precision and the tolerance. Two
    exact counts (:attr:`Interval.exact`) agree only when equal: "three aftershocks" and "four aftershocks"
    cannot both hold; an exact count against a round one ("612" vs "600") keeps the round one's slack."""
    if same_value(a, b):
        return True
    if a.exact and b.exact:
        return False
    margin = rel_tolerance * max(abs(a.value), abs(b.value))
    # intervals are half-open: "300" (299.5..300.5) and "301" (300.5..301.5) only touch, they do not agree
    return a.lo - margin < b.hi and b.lo - margin < a.hi


def same_value(a: Interval, b: Interval) -> bool:
    return math.isclose(a.value, b.value, rel_tol=1e-9, abs_tol=1e-12)


# --------------------------------------------------------------------------------------------- actors


@dataclass
class ActorResolver:
    """Decides whether two claim actors can be the same agent (see the module docstring).

    Built from the event's mentions, the linked entities and the article texts; ``keys(actor)`` returns the
    set of identities an actor string (entity id or text) stands for: its own name key and its country.
    """

    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    _cache: dict[str, frozenset[str]] = field(default_factory=dict)
    _display: dict[str, str | None] = field(default_factory=dict)
    _person_names: list[tuple[str, str, int]] | None = None  # (mention text, its person key, key length)

    @classmethod
    def build(cls, facts: Iterable[ArticleFacts], entities: dict[str, Entity] | None, articles: Iterable[Article]) -> ActorResolver:
        mentions = [m for f in facts for m in f.mentions]
        return cls(dict(entities or {}), mentions, [a.text for a in articles])

    def keys(self, actor: str | None) -> frozenset[str]:
        if actor is None:
            return frozenset()
        if actor not in self._cache:
            self._cache[actor] = frozenset(self._keys(actor))
        return self._cache[actor]

    def compatible(self, a: str | None, b: str | None) -> bool:
        if a is None or b is None:
            return True
        ka, kb = self.keys(a), self.keys(b)
        return bool(ka & kb)

    def country(self, actor: str | None) -> str | None:
        for k in sorted(self.keys(actor)):
            if k.startswith("country:"):
                return k.split(":", 1)[1]
        return None

    def display(self, actor: str | None) -> str | None:
        """How a label names an actor: the canonical entity name ("Trump" -> "Donald Trump"); a country word,
        capital or seat of government stands for its country ("Beijing" -> "China"). Country compatibility
        (Xi ~ China) is for matching only and never renames a person or an organisation."""
        if actor is None:
            return None
        if actor not in self._display:
            self._display[actor] = self._display_uncached(actor)
        return self._display[actor]

    def _display_uncached(self, actor: str) -> str | None:
        from ..extract.entities import CAPITALS, _display_country, country_key, person_key

        ent = self.entities.get(actor)
        name = ent.name if ent else actor
        c = country_key(name) or CAPITALS.get(_norm(name))
        if c and (ent is None or ent.type in ("GPE", "NORP", "LOC", None)):
            return _display_country(c).removeprefix("the ")
        if ent is not None:
            return ent.name
        # unlinked text: the fullest name the event's mentions give the same person ("Trump" -> "Donald Trump")
        key = person_key(name)
        best, best_n = name, len(key.split())
        if key:
            for text, mk, n in self._person_keys():
                if n > best_n and mk.endswith(" " + key):
                    best, best_n = " ".join(text.split()[-n:]), n  # titles ("President") left out
        return best

    def _person_keys(self) -> list[tuple[str, str, int]]:
        """(text, person key, words in the key) of each distinct PERSON mention text, computed once."""
        if self._person_names is None:
            from ..extract.entities import person_key

            seen: dict[str, tuple[str, str, int]] = {}
            for m in self.mentions:
                if m.type == "PERSON" and m.text not in seen:
                    mk = person_key(m.text)
                    seen[m.text] = (m.text, mk, len(mk.split()))
            self._person_names = list(seen.values())
        return self._person_names

    def group_display(self, actors: Sequence[str | None]) -> str | None:
        """One name for the actors of a group of claims: theirs when they all name the same agent, else the
        country they share ("Xi" and "China" -> "China"), else the most frequent name."""
        names = [n for n in (self.display(a) for a in actors if a) if n]
        if not names:
            return None
        if len(set(names)) == 1:
            return names[0]
        countries = {self.country(a) for a in actors if a}
        if len(countries) == 1 and None not in countries:
            from ..extract.entities import _display_country

            return _display_country(next(iter(countries))).removeprefix("the ")  # type: ignore[arg-type]
        counts: dict[str, int] = {}
        for n in names:
            counts[n] = counts.get(n, 0) + 1
        return max(counts.items(), key=lambda kv: (kv[1], -names.index(kv[0])))[0]

    # ---------------------------------------------------------------------------------------- internals

    def _keys(self, actor: str) -> set[str]:
        from ..extract.entities import CAPITALS, country_key, person_key

        ent = self.entities.get(actor)
        names = [ent.name, *ent.aliases] if ent else [actor]
        etype = ent.type if ent else None
        labels = [lab.label for lab in ent.labels] if ent else []
        metonyms: list[str] = []
        low_names = {n.lower() for n in names}
        heads = {person_key(n) for n in names}
        heads |= {m.head for m in self.mentions if m.head and (m.entity == actor or m.text.lower() in low_names)}
        for m in self.mentions:
            if m.entity == actor or m.text.lower() in low_names or (m.head and m.head in heads):
                etype = etype or m.type
                if m.label:
                    labels.append(m.label)
                if m.metonym:
                    metonyms.append(m.metonym)
                if m.head:
                    names.append(m.head)
        out: set[str] = set()
        for n in names:
            key = person_key(n)
            if key:
                out.add("name:" + key)
            c = country_key(n) or CAPITALS.get(_norm(n))
            if c:
                out.add("country:" + c)
            first = n.split()[0] if n.split() else ""
            c2 = country_key(first) if len(n.split()) > 1 else None
            if c2 and etype not in ("PERSON",):
                out.add("country:" + c2)  # "Chinese orders", "U.S. officials"
        for text in [*labels, *metonyms]:
            for c in _countries_in(text):
                out.add("country:" + c)
        if not any(k.startswith("country:") for k in out) and (etype in (None, "PERSON")):
            for c in self._countries_from_text(names):
                out.add("country:" + c)
        return out

    def _countries_from_text(self, names: list[str]) -> set[str]:
        """"Chinese President Xi Jinping" / "U.S. President Donald Trump" in any article of the event."""
        from ..extract.entities import COUNTRY_ALIASES, DEMONYMS

        surnames = {n.split()[-1] for n in names if n and n[0].isupper() and n.split()}
        if not surnames or not self.texts:
            return set()
        found: dict[str, int] = {}
        rx = re.compile(
            r"\b(" + "|".join(_COUNTRY_WORDS_RX) + r")\s+(?:[A-Z][\w.-]*\s+){1,4}?(?:"
            + "|".join(re.escape(s) for s in surnames) + r")\b"
        )
        for text in self.texts:
            for m in rx.finditer(text):
                w = _norm(m.group(1))
                c = DEMONYMS.get(w) or COUNTRY_ALIASES.get(w)
                if c:
                    found[c] = found.get(c, 0) + 1
        if not found:
            return set()
        best = max(found.values())
        return {c for c, n in found.items() if n == best}


def _norm(text: str) -> str:
    from ..extract.entities import norm_text

    return norm_text(text)


def _countries_in(text: str) -> set[str]:
    from ..extract.entities import CAPITALS, COUNTRY_ALIASES, DEMONYMS

    t = " " + _norm(text) + " "
    out = set()
    for table in (DEMONYMS, COUNTRY_ALIASES, CAPITALS):
        for k, v in table.items():
            if len(k) > 2 and f" {k} " in t:
                out.add(v)
    for k in ("us", "u s"):
        if f" {k} " in t and re.search(r"\bU\.?S\b", text):
            out.add("united states")
    return out


def _country_words() -> list[str]:
    from ..extract.entities import DEMONYMS

    words = {w.title() for w in DEMONYMS if len(w) > 2 and " " not in w}
    words |= {"U.S.", "US", "U.K.", "UK"}
    return sorted((re.escape(w) for w in words), key=len, reverse=True)


_COUNTRY_WORDS_RX = _country_words()


# --------------------------------------------------------------------------------------------- grouping


@dataclass
class Item:
    """One claim prepared for alignment."""

    claim: Claim
    outlet: str
    key: MeasureKey
    unit: str | None
    interval: Interval | None
    quantity: Quantity | None


def prepare(claim: Claim, outlet: str, quantities: dict[str, Quantity]) -> Item:
    q = quantities.get(claim.quantity) if claim.quantity else None
    has_q = q is not None and (q.value is not None or q.low is not None)
    key = measure_key(claim, has_q)
    if has_q and q is not None:
        offset = q.span[0] - claim.span[0] if claim.span else None
        concept = measure_concept(claim, q, offset)
        if concept:
            key = MeasureKey(key.core, key.events, key.action, concept, measure_scope(claim, concept))
    return Item(
        claim,
        outlet,
        key,
        q.unit if has_q and q is not None else None,
        quantity_interval(q) if has_q and q is not None else None,
        q if has_q else None,
    )


def is_anchor(slot: str | None) -> bool:
    """A slot naming another period or place (claims' ELSEWHERE rules: "2003-12", "XXXX-02", "last month",
    "in Bam"), as opposed to a relative slot of the story's own time line ("current season", "previously")."""
    from ..extract.claims import SLOT_ORDER

    return bool(slot) and slot not in SLOT_ORDER


def anchors_compatible(a: str | None, b: str | None) -> bool:
    """Whether two anchors can name the same period/place: equal, one period inside the other ("2003" and
    "2003-12"), or the same month with an unknown year ("XXXX-02" and "2005-02"). No anchor never matches one."""
    if not a or not b:
        return False
    if a == b:
        return True
    pa, pb = re.fullmatch(r"(\d{4}|XXXX)(?:-(\d{2}))?", a), re.fullmatch(r"(\d{4}|XXXX)(?:-(\d{2}))?", b)
    if not (pa and pb):
        return False
    ya, ma = pa.groups()
    yb, mb = pb.groups()
    if "XXXX" not in (ya, yb) and ya != yb:
        return False
    if ma and mb:
        return ma == mb
    return not (ya == "XXXX" or yb == "XXXX") or bool(ma and mb)


def _time_compatible(a: Claim, b: Claim) -> bool:
    if a.slot or b.slot or not a.time or not b.time:
        return True
    n = min(len(a.time), len(b.time), 10)
    return a.time[:n] == b.time[:n] if n >= 4 else True


def aligned(a: Item, b: Item, resolver: ActorResolver, rel_tolerance: float, use_slot: bool = True) -> bool:
    """Whether two prepared claims speak of the same thing (module docstring)."""
    rel_tolerance = tolerance_for(a.unit, rel_tolerance)
    if (a.interval is None) != (b.interval is None):
        return False
    if a.unit != b.unit:
        return False
    if not keys_match(a.key, b.key):
        return False
    event_measure = a.key.concept in EVENT_MEASURES and a.interval is not None
    if not event_measure and not resolver.compatible(a.claim.actor, b.claim.actor):
        return False
    spread = MAX_SPREAD.get(a.unit or "")
    if spread is not None and a.interval is not None and b.interval is not None and abs(a.interval.value - b.interval.value) > spread:
        return False
    if not use_slot:
        return True
    if is_anchor(a.claim.slot) or is_anchor(b.claim.slot):
        # a figure tied to another period/place is compared only with figures tied to the same one
        return anchors_compatible(a.claim.slot, b.claim.slot)
    if a.claim.slot != b.claim.slot:
        if a.claim.slot and b.claim.slot:
            return False
        if a.interval is not None and b.interval is not None:
            return values_agree(a.interval, b.interval, rel_tolerance)
    if not _time_compatible(a.claim, b.claim):
        # different resolved dates: the same fact only if the figures agree (never a conflict across dates)
        return a.interval is not None and b.interval is not None and values_agree(a.interval, b.interval, rel_tolerance)
    return True


def group_items(items: Sequence[Item], resolver: ActorResolver, rel_tolerance: float, use_slot: bool = True) -> list[list[Item]]:
    """Complete-linkage grouping: an item joins the first group all of whose members it aligns with.

    Items are visited slotted-first and in claim-id order so that the result does not depend on input order.

    The same greedy runs per *block* (:func:`block_key`): items of two blocks can never align, so a group only
    ever holds items of one block, and an item's first fitting group is the first fitting group of its block.
    The groups are returned in the order the plain greedy would create them; the result is identical to
    comparing every item with every group. Inside the large blocks of figures whose measure is not recognised
    (compared by the fuzzy core-word ratio), only the groups whose first member can reach the ratio threshold
    are tried (:class:`_FuzzyIndex`, exact: it drops no group the item could join).
    """
    order = sorted(items, key=lambda it: (it.claim.slot is None, it.claim.id))
    blocks: dict[tuple[object, ...], list[tuple[int, Item]]] = {}
    for pos, it in enumerate(order):
        blocks.setdefault(block_key(it), []).append((pos, it))
    made: list[tuple[int, list[Item]]] = []  # (position of the first member in `order`, group)
    for key, members in blocks.items():
        made.extend(_group_block(key, members, resolver, rel_tolerance, use_slot))
    made.sort(key=lambda pg: pg[0])
    return [g for _, g in made]


def block_key(it: Item) -> tuple[object, ...]:
    """A partition of items such that items with different keys never align (:func:`aligned`): each part is a
    necessary condition of ``aligned`` (and of :func:`keys_match`):

    * figure or not: ``aligned`` requires both or neither to have an interval;
    * the unit: identical unit code;
    * the action class: ``keys_match`` compares it first (None for every figure);
    * the recognised measure (``concept``): a recognised measure matches only the same one, never an
      unrecognised one (the population ``scope`` is not transitive and stays inside the block);
    * for unrecognised measures, whether the core words are empty: two empty cores compare event nouns, an
      empty core never reaches the ratio threshold against a non-empty one (``fuzz.ratio("", x) == 0``).
      Claims without a figure (``action`` set) may still match on the head word with any core, so their
      emptiness is not part of the key.
    """
    k = it.key
    concept = k.concept or None
    empty_core = None
    if concept is None and k.action is None:
        empty_core = not k.core
    return (it.interval is None, it.unit, k.action, concept, empty_core)


def _group_block(
    key: tuple[object, ...],
    members: list[tuple[int, Item]],
    resolver: ActorResolver,
    rel_tolerance: float,
    use_slot: bool,
) -> list[tuple[int, list[Item]]]:
    """The plain greedy over one block, trying only candidate groups when an exact index applies."""
    _, _, action, concept, empty_core = key
    groups: list[tuple[int, list[Item]]] = []
    index: _FuzzyIndex | _EventNounIndex | None = None
    if concept is None and action is None and len(members) > _INDEX_MIN:
        index = _EventNounIndex() if empty_core else _FuzzyIndex([it for _, it in members])
    for pos, it in members:
        candidates: Iterable[int] = index.candidates(it) if index is not None else range(len(groups))
        for gi in candidates:
            g = groups[gi][1]
            if all(aligned(it, other, resolver, rel_tolerance, use_slot) for other in g):
                g.append(it)
                break
        else:
            if index is not None:
                index.add(len(groups), it)
            groups.append((pos, [it]))
    return groups


#: blocks up to this size are grouped by plain comparison (an index costs more than it saves)
_INDEX_MIN = 32

#: character q-gram length of the fuzzy index (trigrams: far more selective than bigrams, still a positive
#: bound from 9 characters on)
_Q = 3


def _core_text(key: MeasureKey) -> str:
    return " ".join(key.core)


def min_shared_qgrams(la: int, lb: int, q: int = _Q) -> int:
    """A lower bound on the character q-grams (as multisets) two strings of lengths ``la`` and ``lb`` share
    when ``fuzz.ratio >= THEME_MATCH``.

    ``fuzz.ratio`` is ``100 * 2 * LCS / (la + lb)`` (normalised InDel similarity), so the ratio threshold r
    allows ``D = la + lb - 2 * LCS <= (1 - r/100) * (la + lb)`` unmatched characters. In an LCS alignment each
    of the ``la - LCS`` unmatched characters of ``a`` breaks at most ``q`` of its ``la - q + 1`` q-grams, and
    each gap of ``b`` characters inserted between two matched ones breaks at most ``q - 1``; the q-grams left
    whole occur in ``b`` at distinct positions. So ``a`` and ``b`` share at least
    ``la - q + 1 - q(la - LCS) - (q - 1)(lb - LCS)`` q-grams, and symmetrically; the larger of the two is at
    least their mean, ``(la + lb)/2 - (q - 1) - (q - 1/2) D >= (la + lb)(1/2 - (q - 1/2)(1 - r/100)) - (q - 1)``.
    Rounded down with a margin for floating point; 0 or less means no bound (such short strings are compared
    with every group).
    """
    slack = 1.0 - THEME_MATCH / 100.0
    bound = (la + lb) * (0.5 - (q - 0.5) * slack) - (q - 1)
    return math.floor(bound - 1e-9)


def _partner_lens(la: int) -> tuple[int, int]:
    """The lengths a string can have and still reach the ratio threshold against one of length ``la``:
    ``LCS <= min(la, lb)``, so ``2 min / (la + lb) >= r/100``."""
    r = THEME_MATCH / 100.0
    lo = max(0, math.ceil(la * r / (2.0 - r) - 1e-9))
    hi = math.floor(la * (2.0 - r) / r + 1e-9)
    return lo, hi


def _min_partner_len(la: int) -> int:
    return _partner_lens(la)[0]


def _qgrams(text: str, q: int = _Q) -> list[tuple[str, int]]:
    """The character q-grams of ``text`` as a set: the k-th occurrence of a q-gram is ``(q-gram, k)``, so that
    set overlaps are multiset overlaps."""
    seen: dict[str, int] = {}
    out = []
    for i in range(len(text) - q + 1):
        g = text[i : i + q]
        seen[g] = seen.get(g, 0) + 1
        out.append((g, seen[g]))
    return out


class _FuzzyIndex:
    """Candidate groups for figures compared by core-word ratio, without missing any (prefix filtering).

    An item aligns with every member of a group it joins, so with the group's first member, so their core
    texts reach the ratio threshold, so their lengths are within :func:`_partner_lens` of each other and they
    share at least ``t = min_shared_qgrams(la, lb)`` q-grams. With one global order of the q-grams (rarest
    first, over the block), two q-gram sets sharing ``t`` elements
    share an element among the first ``|A| - t + 1`` of each. The bound ``t`` is taken at its smallest over
    every partner length the ratio allows (:func:`_min_partner_len`), which only lengthens the prefixes.
    Groups are indexed by their first member's prefix; an item tries the groups posted under its own prefix
    whose first member has a possible length, in creation order. Items with no positive bound (core texts of a few letters) try every group, and groups
    they start are tried by every item.
    """

    def __init__(self, block: list[Item]) -> None:
        freq: dict[tuple[str, int], int] = {}
        self._grams: dict[int, list[tuple[str, int]]] = {}
        for it in block:
            grams = _qgrams(_core_text(it.key))
            self._grams[id(it)] = grams
            for g in grams:
                freq[g] = freq.get(g, 0) + 1
        self._rank = {g: (n, g) for g, n in freq.items()}
        self._postings: dict[tuple[str, int], list[int]] = {}
        self._open: list[int] = []  # groups whose first member has no bound
        self._len: list[int] = []  # length of each group's first member's core text
        self._n = 0

    def _prefix(self, it: Item) -> list[tuple[str, int]] | None:
        la = len(_core_text(it.key))
        t = min_shared_qgrams(la, _min_partner_len(la))
        grams = self._grams.get(id(it))
        if grams is None:
            grams = _qgrams(_core_text(it.key))
        if t <= 0 or not grams:
            return None
        ranked = sorted(grams, key=lambda g: self._rank.get(g, (0, g)))
        return ranked[: max(0, len(ranked) - t + 1)]

    def candidates(self, it: Item) -> list[int]:
        prefix = self._prefix(it)
        lo, hi = _partner_lens(len(_core_text(it.key)))
        if prefix is None:
            found: Iterable[int] = range(self._n)
        else:
            found = set(self._open)
            for g in prefix:
                found.update(self._postings.get(g, ()))
        return sorted(gi for gi in found if lo <= self._len[gi] <= hi)

    def add(self, group: int, first: Item) -> None:
        self._n = group + 1
        self._len.append(len(_core_text(first.key)))
        prefix = self._prefix(first)
        if prefix is None:
            self._open.append(group)
            return
        for g in prefix:
            self._postings.setdefault(g, []).append(group)


class _EventNounIndex:
    """Candidate groups for figures with neither a recognised measure nor core words: :func:`keys_match` then
    requires the two event-noun sets to intersect, so only groups whose first member shares an event noun are
    tried (exact)."""

    def __init__(self) -> None:
        self._postings: dict[str, list[int]] = {}

    def candidates(self, it: Item) -> list[int]:
        found: set[int] = set()
        for e in it.key.events:
            found.update(self._postings.get(e, ()))
        return sorted(found)

    def add(self, group: int, first: Item) -> None:
        for e in first.key.events:
            self._postings.setdefault(e, []).append(group)
