"""Entity mentions from spaCy NER, with the title or description each one carries in the article.

``extract_mentions(doc, article)`` returns :class:`~crosswire.models.Mention` records:

* spans are cleaned with general rules that fix common small-model errors: a leading "the", a trailing
  possessive "'s"/"’s", titles inside a PERSON span ("President Xi" -> "Xi", title kept as the label),
  trailing whitespace/newlines; a name the model typed as ORG/GPE/... that is the name or surname of a
  PERSON elsewhere in the article is retyped PERSON ("one name, one type per article");
* capitalised names right after a title word that NER missed ("Vice-President J D Vance") become PERSON mentions;
* ``label``/``label_span``: pre-nominal titles ("Chinese President", "Chinese Communist Party leader",
  "spokesperson") found from the dependency parse (pre-modifiers attached to the name), and appositions
  ("Bonnie Glaser, head of ... Fund of the United States, a think-tank" -> "head of ... United States");
  organisations and places (ORG/GPE/LOC/FAC) get descriptions headed by a common noun the same way ("state
  news agency Xinhua", "Xinhua, China's official news agency,", "the self-ruled island of Taiwan");
* nominal references without a name ("the U.S. president", "the 47th president", "the Chinese leader")
  become PERSON mentions of the person they denote when exactly one person in the article fits;
* ``metonym``: a capital, country or seat of government that acts as an agent ("Beijing warned Washington")
  is marked as standing for that country's government;
* ``head``: the linking key, with within-article coreference for people ("Xi", "President Xi",
  "Xi Jinping" -> "xi jinping") and canonical country names for GPEs ("US", "U.S." -> "united states").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..models import Article, Mention

#: NER labels that name entities (numbers, dates, money etc. belong to the quantity/date extractors)
ENTITY_TYPES = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)

#: Titles and role nouns that precede or describe a person. Collected from common English news usage
#: (AP stylebook title list: government, military, religious, corporate titles) plus role nouns that newswire
#: puts before names ("spokesperson", "leader"). Lowercase; hyphenated titles are also split on "-".
TITLE_WORDS = frozenset(
    """
    president vice prime minister premier chancellor secretary spokesperson spokesman spokeswoman
    leader senator sen. rep. representative governor gov. mayor chairman chairwoman chair
    ceo cfo coo director chief head king queen prince princess emperor pope ambassador envoy
    general gen. admiral adm. colonel col. commissioner judge justice speaker deputy adviser advisor
    official candidate nominee founder executive officer attorney lt. sgt. captain capt. commander sheikh
    president-elect lawmaker congressman congresswoman treasurer governor-general chairperson
    economist analyst professor prof. dr. strategist negotiator diplomat publisher editor
    """.split()
)

#: Titles that only precede a person's name (so "Chancellor X" makes X a person even when NER says ORG)
PERSONAL_TITLES = frozenset(
    """president chancellor premier senator sen. governor gov. mayor minister secretary king queen prince
    princess pope ambassador general gen. admiral colonel judge justice speaker spokesperson spokesman
    spokeswoman dr. mr. mrs. ms. prof. professor sheikh president-elect""".split()
)

#: Entity types whose mentions get descriptive labels like people's titles ("state news agency Xinhua",
#: "the self-ruled island of Taiwan"); NORP is an adjective ("Chinese") and has none
DESCRIBED_TYPES = frozenset({"ORG", "GPE", "LOC", "FAC"})

#: Nouns for kinds of places that name their place in "the X of Y" ("the island of Taiwan", "the city of
#: Busan", "the northern region of Tigray"). General geography/administration vocabulary; nouns that relate
#: two different things ("capital", "coast", "president", "people") are deliberately absent.
PLACE_KIND_NOUNS = frozenset(
    """
    island islands archipelago peninsula nation country state kingdom republic emirate principality
    territory region province county district prefecture municipality city town village port enclave
    exclave statelet canton commune borough
    """.split()
)

#: Honorifics: stripped from names but not informative as labels
HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "mx", "mx.", "sir", "dame"})

#: Role nouns that denote a head of state or government, so that "the Chinese leader" can refer to someone
#: labelled "Chinese President" (one group; anything else must match the role noun itself)
HEAD_OF_STATE = frozenset(
    {"president", "leader", "premier", "chancellor", "king", "queen", "emperor", "prime"}
)

#: Role nouns that make a nominal reference ("the U.S. president") worth resolving to a person
NOMINAL_ROLES = frozenset(
    {
        "president",
        "leader",
        "premier",
        "chancellor",
        "secretary",
        "minister",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "senator",
        "governor",
        "mayor",
        "king",
        "queen",
        "pope",
        "ambassador",
        "envoy",
        "chairman",
    }
)

#: Country name variants -> canonical key. Small and general: official names, abbreviations, and common short
#: forms used by English-language outlets (Reuters/AP style). Keys are lowercase with dots removed.
COUNTRY_ALIASES: dict[str, str] = {
    "us": "united states",
    "usa": "united states",
    "u s": "united states",
    "united states": "united states",
    "united states of america": "united states",
    "america": "united states",
    "china": "china",
    "prc": "china",
    "people's republic of china": "china",
    "mainland china": "china",
    "uk": "united kingdom",
    "britain": "united kingdom",
    "great britain": "united kingdom",
    "united kingdom": "united kingdom",
    "russia": "russia",
    "russian federation": "russia",
    "south korea": "south korea",
    "republic of korea": "south korea",
    "rok": "south korea",
    "north korea": "north korea",
    "dprk": "north korea",
    "taiwan": "taiwan",
    "republic of china": "taiwan",
    "japan": "japan",
    "india": "india",
    "france": "france",
    "germany": "germany",
    "ukraine": "ukraine",
    "iran": "iran",
    "israel": "israel",
    "canada": "canada",
    "mexico": "mexico",
    "brazil": "brazil",
    "uae": "united arab emirates",
    "united arab emirates": "united arab emirates",
    "eu": "european union",
    "european union": "european union",
}

#: Demonyms / nationality adjectives -> canonical country key (for matching "Chinese President" to "China")
DEMONYMS: dict[str, str] = {
    "american": "united states",
    "us": "united states",
    "u s": "united states",
    "chinese": "china",
    "british": "united kingdom",
    "russian": "russia",
    "japanese": "japan",
    "korean": "south korea",
    "south korean": "south korea",
    "north korean": "north korea",
    "taiwanese": "taiwan",
    "indian": "india",
    "french": "france",
    "german": "germany",
    "ukrainian": "ukraine",
    "iranian": "iran",
    "israeli": "israel",
    "canadian": "canada",
    "mexican": "mexico",
    "brazilian": "brazil",
    "european": "european union",
}

#: Capitals and seats of government that stand for a country's government in news prose ("Beijing warned
#: Washington", "the Kremlin said"). General list of major capitals, not tied to any one story.
CAPITALS: dict[str, str] = {
    "beijing": "china",
    "washington": "united states",
    "moscow": "russia",
    "london": "united kingdom",
    "paris": "france",
    "berlin": "germany",
    "tokyo": "japan",
    "seoul": "south korea",
    "pyongyang": "north korea",
    "taipei": "taiwan",
    "kyiv": "ukraine",
    "kiev": "ukraine",
    "tehran": "iran",
    "new delhi": "india",
    "delhi": "india",
    "ottawa": "canada",
    "mexico city": "mexico",
    "brasilia": "brazil",
    "brussels": "european union",
    "jerusalem": "israel",
    "ankara": "turkey",
    "riyadh": "saudi arabia",
    "canberra": "australia",
    "rome": "italy",
    "madrid": "spain",
    "islamabad": "pakistan",
    "cairo": "egypt",
    "hanoi": "vietnam",
    "manila": "philippines",
    "white house": "united states",
    "kremlin": "russia",
    "downing street": "united kingdom",
    "elysee": "france",
    "zhongnanhai": "china",
    "blue house": "south korea",
}

#: Verbs whose subject, when a place, is read as a government acting, unless the verb is one of these
#: stative/locative ones ("Beijing lies on a plain", "Washington is hot")
NON_AGENTIVE_VERBS = frozenset(
    {
        "be",
        "lie",
        "sit",
        "remain",
        "become",
        "border",
        "experience",
        "suffer",
        "host",
        "flood",
        "swelter",
        "shiver",
        "sprawl",
        "stretch",
        "get",
        "seem",
        "look",
        "feel",
    }
)

#: Verbs whose object, when a place, is the government addressed ("warned Washington", "urged Beijing")
ADDRESS_VERBS = frozenset(
    {
        "warn",
        "urge",
        "tell",
        "ask",
        "accuse",
        "criticize",
        "criticise",
        "pressure",
        "press",
        "sanction",
        "threaten",
        "invite",
        "assure",
        "reassure",
        "notify",
        "inform",
        "blame",
        "lobby",
        "persuade",
        "punish",
        "condemn",
        "call",
        "thank",
        "praise",
        "rebuke",
        "caution",
        "implore",
        "demand",
        "challenge",
        "defy",
    }
)

_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_QUOTES = "\"“”‘’«»'"


@dataclass
class _Draft:
    start: int  # token indices in the doc
    end: int
    type: str
    label: tuple[int, int] | None = None  # token range
    metonym: str | None = None
    head: str | None = None
    nominal: bool = False


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=1 << 16)  # pure; reconcile asks for the same names many times per event
def norm_text(text: str) -> str:
    """Lowercase, accents and dots removed, curly apostrophes straightened, spaces collapsed."""
    t = strip_accents(text).replace("’", "'").lower()
    t = t.replace(".", " ")
    t = re.sub(r"[^\w' &-]+", " ", t)
    return re.sub(r"\s+", " ", t).strip()


def country_key(text: str) -> str | None:
    """Canonical country key for a country name or demonym ("U.S." -> "united states"), else None."""
    t = norm_text(re.sub(r"^(?:the)\s+", "", text.strip(), flags=re.I))
    t = re.sub(r"^the ", "", t)
    return COUNTRY_ALIASES.get(t) or DEMONYMS.get(t) or COUNTRY_ALIASES.get(t.replace(" ", ""))


@lru_cache(maxsize=1 << 16)  # pure; reconcile asks for the same names many times per event
def person_key(text: str) -> str:
    """Linking key of a person's name: lowercase, no accents, no titles/honorifics, adjacent initials joined
    ("J. D. Vance" / "JD Vance" -> "jd vance"), single-letter middle initials dropped ("Donald J. Trump")."""
    toks = norm_text(_POSSESSIVE.sub("", text.strip())).split()
    while len(toks) > 1 and (
        toks[0] in TITLE_WORDS
        or toks[0] + "." in TITLE_WORDS  # norm_text drops the dot of "Gov." / "Dr."
        or toks[0] in HONORIFICS
        or toks[0].rstrip("'") in HONORIFICS
    ):
        toks = toks[1:]
    merged: list[str] = []
    for t in toks:
        if (
            len(t) == 1
            and merged
            and len(merged[-1]) <= 3
            and merged[-1].isalpha()
            and _all_initials(merged[-1])
        ):
            merged[-1] += t
        else:
            merged.append(t)
    if len(merged) >= 3:
        merged = [merged[0]] + [t for t in merged[1:-1] if len(t) > 1] + [merged[-1]]
    return " ".join(merged)


def _all_initials(tok: str) -> bool:
    return len(tok) <= 3


#: abbreviated words of place and organisation names -> the full word, wherever they stand in the name
NAME_ABBREVIATIONS: dict[str, str] = {
    "mt": "mount",
    "mtn": "mountain",
    "mts": "mountains",
    "ft": "fort",
    "dept": "department",
    "univ": "university",
    "corp": "corporation",
    "natl": "national",
    "intl": "international",
    "assn": "association",
    "assoc": "association",
    "bros": "brothers",
    "govt": "government",
    "inst": "institute",
    "hosp": "hospital",
    "ctr": "center",
    "cty": "county",
}
#: abbreviations read by their place in the name: first ("St Louis", "Co Durham") / last ("Main St", "Ford Co")
NAME_ABBREVIATIONS_FIRST: dict[str, str] = {"st": "saint", "ste": "sainte", "co": "county", "gov": "governor"}
NAME_ABBREVIATIONS_LAST: dict[str, str] = {
    "st": "street",
    "co": "company",
    "ave": "avenue",
    "rd": "road",
    "blvd": "boulevard",
    "sq": "square",
}
#: legal-form suffixes dropped from organisation names ("Apple Inc." / "Apple")
LEGAL_SUFFIXES = frozenset({"inc", "incorporated", "ltd", "limited", "llc", "plc"})


def name_key(key: str) -> str:
    """Canonical form of a normalised place/organisation key (idempotent): abbreviations expanded ("mt cook" ->
    "mount cook", "st louis" -> "saint louis", "main st" -> "main street"), a lone "&" read as "and", hyphens as spaces
    ("mid - south" / "mid-south" -> "mid south"), a trailing legal form dropped ("apple inc" -> "apple")."""
    toks = ["and" if t == "&" else t for t in key.replace("-", " ").split()]
    while len(toks) > 1 and toks[-1] in LEGAL_SUFFIXES:
        toks.pop()
    if len(toks) < 2:
        return " ".join(toks)
    out = []
    last = len(toks) - 1
    for i, t in enumerate(toks):
        if i == last and t in NAME_ABBREVIATIONS_LAST:
            t = NAME_ABBREVIATIONS_LAST[t]
        elif t in NAME_ABBREVIATIONS_FIRST and i < last:
            t = NAME_ABBREVIATIONS_FIRST[t]  # "Mount St Helens": saint inside the name too
        else:
            t = NAME_ABBREVIATIONS.get(t, t)
        out.append(t)
    return " ".join(out)


def org_key(text: str) -> str:
    """Linking key of an organisation or place name: normalised, no leading "the", no possessive, canonical words
    (:func:`name_key`)."""
    t = norm_text(_POSSESSIVE.sub("", text.strip()))
    return name_key(re.sub(r"^the ", "", t))


def mention_key(text: str, type_: str) -> str:
    """The context-free linking key of a mention's text (people get their full-name key from the article)."""
    if type_ == "PERSON":
        return person_key(text)
    if type_ in ("GPE", "LOC"):
        return country_key(text) or org_key(text)
    if type_ == "NORP":
        return org_key(text)
    return org_key(text)


def _is_title_token(tok: Token) -> bool:
    low = tok.lower_
    if low in TITLE_WORDS:
        return True
    return "-" in low and any(p in TITLE_WORDS for p in low.split("-"))


# --------------------------------------------------------------------------------------------- spans


def _clean_span(doc: Doc, start: int, end: int) -> tuple[int, int, int]:
    """Trim whitespace/quote/punct tokens, a leading determiner and a trailing possessive.

    Returns (start, end, title_end): tokens [start, title_end) are titles found inside the span."""
    while start < end and (
        doc[start].is_space
        or doc[start].text in _QUOTES
        or doc[start].is_punct
        or doc[start].lower_ in ("'s", "’s")
    ):
        start += 1
    while end > start and (
        doc[end - 1].is_space
        or doc[end - 1].text in _QUOTES
        or doc[end - 1].is_punct
        and doc[end - 1].text not in (".",)
    ):
        end -= 1
    if end > start and doc[end - 1].text.lower() in ("'s", "’s", "'", "’"):
        end -= 1
    if start < end and doc[start].lower_ in _DETERMINERS:
        start += 1
    title_end = start
    while title_end < end - 1 and (
        _is_title_token(doc[title_end]) or doc[title_end].lower_ in HONORIFICS or doc[title_end].text == "-"
    ):
        title_end += 1
    return start, end, title_end


def _ok_name(doc: Doc, start: int, end: int) -> bool:
    if start >= end:
        return False
    text = doc[start:end].text
    if "\n" in text:  # headlines glued to a name across a line break
        return False
    if not text[:1].isupper() and not text[:1].isdigit():
        return False
    parts = [p for p in re.split(r"[-–]", text) if p]
    if len(parts) > 1 and all(country_key(p) for p in parts):  # "U.S.-China" is a relation, not a name
        return False
    return any(c.isalpha() for c in text)


# --------------------------------------------------------------------------------------------- labels


def _prefix_label(
    doc: Doc, start: int, end: int, taken: set[int], participles: bool = False
) -> tuple[int, int] | None:
    """Pre-nominal title: the run of pre-modifiers attached (via the parse) to the name, e.g.
    "Chinese Communist Party leader" in "Chinese Communist Party leader Xi Jinping". With ``participles``
    an attributive participle stays in the run ("self-governing island Taiwan", "Kremlin-backed broadcaster")."""
    sent_start = doc[start].sent.start
    i = start - 1
    while i >= sent_start:
        t = doc[i]
        if i in taken or t.is_space or t.text in _QUOTES:
            break
        if t.lower_ == "of" and i - 1 >= sent_start and _is_title_token(doc[i - 1]) and doc[i - 1].is_title:
            i -= 2  # "Secretary of State Marco Rubio": the title before "of" belongs to the label
            continue
        participle = participles and t.pos_ == "VERB" and t.dep_ in ("amod", "compound") and t.head.i > i
        if t.lower_ in _DETERMINERS or (t.pos_ in (
            "VERB",
            "AUX",
            "ADP",
            "DET",
            "PRON",
            "CCONJ",
            "SCONJ",
            "ADV",
        ) and not participle):
            break
        if t.is_punct and t.text not in ("-", "."):
            break
        if t.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"):
            break
        attached = (
            start <= t.head.i < end
            or i < t.head.i < start
            or (i >= 2 and doc[i - 1].lower_ == "of" and _is_title_token(doc[i - 2]) and t.is_title)
        )
        # the parse often splits hyphenated titles ("vice-chairman"): a word glued to a following "-" stays
        attached = attached or (t.whitespace_ == "" and t.i + 1 < start and doc[t.i + 1].text in ("-", "–"))
        if not attached and not (_is_title_token(t) and t.is_title and i == start - 1):
            break
        if t.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM", "PUNCT", "PART") and not _is_title_token(t) and not participle:
            break
        i -= 1
    s = i + 1
    while s < start and (doc[s].is_punct or doc[s].lower_ in ("'s", "’s")):
        s += 1
    if s >= start:
        return None
    toks = doc[s:start]
    if not any(_is_title_token(t) or (t.pos_ == "NOUN" and t.is_lower) for t in toks):
        return None
    if all(t.lower_ in HONORIFICS for t in toks):
        return None
    return s, start


def _appos_label(doc: Doc, start: int, end: int, common_head: bool = False) -> tuple[int, int] | None:
    """Apposition after the name: "Bonnie Glaser, head of the ... programme, ..." -> "head of ... programme".
    With ``common_head`` the apposition's head must be a common noun outside any name ("Xinhua, China's
    official news agency," yes; "Busan, South Korea," no)."""
    if end >= len(doc) or doc[end].text != ",":
        return None
    name_toks = set(range(start, end))
    sent_end = doc[end].sent.end
    for t in doc[end + 1 : min(sent_end, end + 26)]:
        if t.text in (",", ";", "(") or t.text in _QUOTES:
            return None
        if t.dep_ == "appos" and t.head.i in name_toks:
            s, e = t.left_edge.i, t.right_edge.i + 1
            # a closed apposition only: "Russia, Trump's own statements confirmed ..." is a misparsed clause
            if common_head and (not _common_noun(t) or (e < sent_end and not doc[e].is_punct)):
                return None
            break
    else:
        return None
    s = max(s, end + 1)
    # cut at the first comma inside (a second apposition or a relative clause follows)
    for k in range(s, e):
        if doc[k].text in (",", ";", "(", "—", "–") or doc[k].text in _QUOTES:
            e = k
            break
    while s < e and doc[s].lower_ in _DETERMINERS:
        s += 1
    while e > s and (doc[e - 1].is_punct or doc[e - 1].is_space):
        e -= 1
    if s >= e or e - s > 25:
        return None
    span = doc[s:e]
    first = doc[s]
    if (
        not common_head
        and first.ent_type_ in ("PERSON", "GPE", "DATE", "TIME", "CARDINAL", "MONEY")
        and not _is_title_token(first)
    ):
        return None
    if any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound") for t in span):
        return None
    if not any(t.pos_ == "NOUN" or _is_title_token(t) for t in span):
        return None
    return s, e


def _common_noun(t: Token) -> bool:
    """A common noun outside any name: "agency", "island", "broadcaster" (not "Korea", not "Monday")."""
    return t.pos_ == "NOUN" and not t.ent_type_ and (t.is_lower or (t.is_sent_start and t.text[1:].islower()))


def _of_label(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """ "the X of Y" naming a place by its kind: "the self-ruled island of Taiwan" -> "self-ruled island" for
    Taiwan. Only kind-of-place nouns (:data:`PLACE_KIND_NOUNS`) read this way; "the president of France",
    "the capital of France" or "most of China" describe something else."""
    root = doc[start:end].root
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ != "of" or prep.i != start - 1 or prep.dep_ != "prep":
        return None
    noun = prep.head
    if noun.i >= prep.i or not _common_noun(noun) or noun.lemma_.lower() not in PLACE_KIND_NOUNS:
        return None
    if noun.i != prep.i - 1 or not any(c.lower_ in _DETERMINERS or c.dep_ == "poss" for c in noun.lefts):
        return None  # "the island of", "China's province of"; not "islands of" in a list or "island of" alone
    s = noun.left_edge.i
    if s < doc[start].sent.start or any("\n" in doc[k].text for k in range(s, noun.i)):
        return None
    while s < noun.i and (doc[s].lower_ in _DETERMINERS or doc[s].is_punct):
        s += 1
    if any(doc[k].pos_ in ("VERB", "AUX") and doc[k].dep_ not in ("amod", "compound") for k in range(s, noun.i)):
        return None
    return s, noun.i + 1


def _descriptor_label(doc: Doc, start: int, end: int, taken: set[int]) -> tuple[int, int] | None:
    """Description of an organisation or place: a pre-modifier run ending in a common noun ("state news agency
    Xinhua", "the self-governing island Taiwan"), an apposition headed by a common noun ("Xinhua, China's
    official news agency,"), or "the X of Y" for kinds of places ("the self-ruled island of Taiwan")."""
    pre = _prefix_label(doc, start, end, taken, participles=True)
    if pre is not None and _common_noun(doc[pre[1] - 1]):
        return pre
    return _appos_label(doc, start, end, common_head=True) or _of_label(doc, start, end)


# --------------------------------------------------------------------------------------------- metonyms


def _metonym(doc: Doc, start: int, end: int, key: str) -> str | None:
    """ "government of X" when a capital/country/seat of government acts as an agent or is addressed."""
    country = CAPITALS.get(key) or COUNTRY_ALIASES.get(key)
    if not country:
        return None
    root = doc[start:end].root
    tok = root
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    verb = tok.head
    if (
        tok.dep_ in ("nsubj", "nsubjpass")
        and verb.pos_ in ("VERB", "AUX")
        and verb.lemma_ not in NON_AGENTIVE_VERBS
    ):
        if tok.dep_ == "nsubjpass":
            return None
        return f"government of {_display_country(country)}"
    if tok.dep_ in ("dobj", "obj", "dative") and verb.lemma_ in ADDRESS_VERBS:
        return f"government of {_display_country(country)}"
    return None


def _display_country(key: str) -> str:
    return (
        "the " + key.title()
        if key in ("united states", "united kingdom", "united arab emirates", "european union", "philippines")
        else key.title()
    )


# --------------------------------------------------------------------------------------------- main


def extract_mentions(doc: Doc, article: Article) -> list[Mention]:
    """Entity mentions of one article (``doc`` is the spaCy parse of ``article.text``), in text order."""
    drafts = _ner_drafts(doc)
    drafts += _title_triggered_names(doc, drafts)
    drafts.sort(key=lambda d: d.start)
    drafts = _drop_title_fragments(doc, drafts)
    _retype_person_names(doc, drafts)
    taken = {i for d in drafts if d.type == "PERSON" for i in range(d.start, d.end)}
    for d in drafts:
        if d.type == "PERSON" and d.label is None:
            d.label = _prefix_label(doc, d.start, d.end, taken) or _appos_label(doc, d.start, d.end)
        elif d.type in DESCRIBED_TYPES and d.label is None:
            d.label = _descriptor_label(doc, d.start, d.end, taken)
    _person_coref(doc, drafts)
    for d in drafts:
        if d.head is None:
            d.head = mention_key(doc[d.start : d.end].text, d.type)
        if d.type in ("GPE", "LOC", "FAC", "ORG"):
            d.metonym = _metonym(doc, d.start, d.end, org_key(doc[d.start : d.end].text))
    _acronyms(doc, drafts)
    drafts += _nominal_references(doc, drafts, {i for d in drafts for i in range(d.start, d.end)})
    drafts.sort(key=lambda d: d.start)
    out: list[Mention] = []
    for i, d in enumerate(drafts):
        span = doc[d.start : d.end]
        lab = doc[d.label[0] : d.label[1]] if d.label else None
        out.append(
            Mention(
                id=f"{article.id}:m{i}",
                article=article.id,
                text=span.text,
                span=(span.start_char, span.end_char),
                type=d.type,
                label=lab.text if lab is not None else None,
                label_span=(lab.start_char, lab.end_char) if lab is not None else None,
                metonym=d.metonym,
                head=d.head,
            )
        )
    return out


def _ner_drafts(doc: Doc) -> list[_Draft]:
    drafts: list[_Draft] = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_TYPES:
            continue
        start, end, title_end = _clean_span(doc, ent.start, ent.end)
        if ent.label_ == "PERSON" and title_end > start:
            label = (start, title_end)
            if all(doc[k].lower_ in HONORIFICS for k in range(start, title_end)):
                label = None
            start = title_end
        else:
            label = None
        if not _ok_name(doc, start, end):
            continue
        drafts.append(_Draft(start, end, ent.label_, label=label))
    return drafts


def _drop_title_fragments(doc: Doc, drafts: list[_Draft]) -> list[_Draft]:
    """Drop an ORG that is the tail of a title before a name ("Secretary of State Marco Rubio" -> no ORG "State")."""
    starts = {d.start for d in drafts if d.type == "PERSON"}
    out = []
    for d in drafts:
        if (
            d.type == "ORG"
            and d.start >= 2
            and doc[d.start - 1].lower_ == "of"
            and _is_title_token(doc[d.start - 2])
            and d.end in starts
        ):
            continue
        out.append(d)
    return out


def _title_triggered_names(doc: Doc, drafts: list[_Draft]) -> list[_Draft]:
    """Capitalised PROPN runs right after a capitalised title word that NER missed ("Vice-President J D Vance")."""
    covered = {i for d in drafts for i in range(d.start, d.end)}
    out: list[_Draft] = []
    i = 0
    n = len(doc)
    while i < n:
        t = doc[i]
        if _is_title_token(t) and t.text[:1].isupper() and i + 1 < n:
            j = i + 1
            while (
                j < n
                and j not in covered
                and doc[j].pos_ == "PROPN"
                and doc[j].text[:1].isupper()
                and not _is_title_token(doc[j])
                and doc[j].ent_type_ in ("", "PERSON")
                and j - i <= 4
            ):
                j += 1
            if j > i + 1 and (j - i - 1 >= 2 or doc[i + 1].text.isalpha()):
                out.append(_Draft(i + 1, j, "PERSON"))
                covered.update(range(i + 1, j))
                i = j
                continue
        i += 1
    return out


def _retype_person_names(doc: Doc, drafts: list[_Draft]) -> None:
    """A name typed ORG/GPE/... that is a PERSON's full name or surname elsewhere in the article -> PERSON."""
    full = [
        person_key(doc[d.start : d.end].text) for d in drafts if d.type == "PERSON" and d.end - d.start >= 2
    ]
    parts: set[str] = set()
    for k in full:
        toks = k.split()
        if len(toks) >= 2:
            parts.update({toks[0], toks[-1]})
    fulls = set(full)
    for d in drafts:
        if d.type == "PERSON" or d.type in ("NORP",):
            continue
        k = person_key(doc[d.start : d.end].text)
        prev = doc[d.start - 1] if d.start > 0 else None
        if (
            prev is not None
            and d.type in ("ORG", "GPE", "FAC", "PRODUCT", "WORK_OF_ART")
            and prev.is_title
            and prev.lower_ in PERSONAL_TITLES
            and not country_key(doc[d.start : d.end].text)
            and all(t.is_title for t in doc[d.start : d.end])
        ):
            d.type = "PERSON"  # "Chancellor Olaf Scholz" typed ORG by the model
            continue
        if k in fulls or (k in parts and k not in COUNTRY_ALIASES and k not in CAPITALS):
            d.type = "PERSON"


def _person_coref(doc: Doc, drafts: list[_Draft]) -> None:
    """Within-article coreference of names: a shorter name resolves to the longest full name in the article
    whose first or last token it is (the most recent preceding one when several fit, else the most frequent)."""
    persons = [d for d in drafts if d.type == "PERSON"]
    keys = {id(d): person_key(doc[d.start : d.end].text) for d in persons}
    count = Counter(keys.values())
    for d in persons:
        k = keys[id(d)]
        toks = k.split()
        cands = []
        for o in persons:
            ok = keys[id(o)]
            otoks = ok.split()
            if len(otoks) <= len(toks):
                continue
            if len(toks) == 1 and toks[0] in (otoks[0], otoks[-1]):
                cands.append(o)
            elif len(toks) > 1 and otoks[-len(toks) :] == toks or otoks[: len(toks)] == toks:
                cands.append(o)
        if not cands:
            d.head = k
            continue
        names = {keys[id(o)] for o in cands}
        if len(names) == 1:
            d.head = names.pop()
            continue
        before = [o for o in cands if o.start < d.start]
        if before:
            d.head = keys[id(max(before, key=lambda o: o.start))]
        else:
            d.head = max(names, key=lambda n: (count[n], len(n)))
    # the longest key wins for chains: "xi" -> "xi jinping" when "xi jinping" itself maps to a longer name
    for _ in range(2):
        by_key = {keys[id(d)]: d.head for d in persons}
        for d in persons:
            if d.head in by_key and by_key[d.head] and by_key[d.head] != d.head:
                d.head = by_key[d.head]


def _acronyms(doc: Doc, drafts: list[_Draft]) -> None:
    """ "China Central Television (CCTV)": the acronym in brackets shares the name's key, as do its later uses."""
    by_text: dict[str, str] = {}
    for a, b in zip(drafts, drafts[1:], strict=False):
        if (
            a.type in ("ORG", "GPE", "FAC")
            and b.start == a.end + 1
            and a.end < len(doc)
            and doc[a.end].text == "("
            and doc[b.start : b.end].text.isupper()
        ):
            by_text[doc[b.start : b.end].text] = a.head or ""
    for d in drafts:
        t = doc[d.start : d.end].text
        if t in by_text and by_text[t]:
            d.head = by_text[t]


def _countries_in(tokens: Span | list[Token]) -> set[str]:
    out: set[str] = set()
    for t in tokens:
        k = DEMONYMS.get(norm_text(t.text)) or COUNTRY_ALIASES.get(norm_text(t.text))
        if k:
            out.add(k)
    return out


def _roles_in(tokens: Span | list[Token]) -> set[str]:
    out: set[str] = set()
    for t in tokens:
        for p in t.lower_.split("-"):
            if p in TITLE_WORDS:
                out.add(p)
    return out


def _nominal_references(doc: Doc, drafts: list[_Draft], taken: set[int]) -> list[_Draft]:
    """ "the U.S. president", "the 47th president", "the Chinese leader" -> a PERSON mention of the one person
    in the article whose labels fit (same role noun, or both heads of state; same country when one is given;
    with no country given, the one person holding the bare title unqualified)."""
    people: dict[str, list[tuple[set[str], set[str]]]] = {}  # head -> [(roles, countries) per label]
    for d in drafts:
        if d.type == "PERSON" and d.label and d.head:
            lab = doc[d.label[0] : d.label[1]]
            countries = _countries_in(lab)
            # "President Xi of China": the country follows the name
            if d.end + 1 < len(doc) and doc[d.end].lower_ == "of":
                countries |= _countries_in([doc[d.end + 1]])
            people.setdefault(d.head, []).append((_roles_in(lab), countries))
    if not people:
        return []
    out: list[_Draft] = []
    for t in doc:
        if t.i in taken or t.lower_ not in NOMINAL_ROLES or t.pos_ not in ("NOUN", "PROPN"):
            continue
        if t.i + 1 < len(doc) and (
            doc[t.i + 1].ent_type_ == "PERSON" or doc[t.i + 1].i in taken and doc[t.i + 1].pos_ == "PROPN"
        ):
            continue  # a pre-nominal title, handled with its name
        left = t.left_edge.i
        if left >= t.i or doc[left].lower_ not in ("the",):
            continue
        if any(doc[k].pos_ in ("ADP", "VERB") for k in range(left, t.i)):
            continue
        mods = list(doc[left + 1 : t.i])
        of_country: set[str] = set()
        for c in t.rights:  # "the president of China"
            if c.lower_ == "of":
                of_country |= _countries_in(list(c.subtree))
        countries = _countries_in(mods) | of_country
        role = t.lower_
        cands = []
        bare = []
        for head, labels in people.items():
            fits = [
                (roles, cs)
                for roles, cs in labels
                if role in roles or (role in HEAD_OF_STATE and roles & HEAD_OF_STATE)
            ]
            if not fits:
                continue
            lab_countries = set().union(*(cs for _, cs in labels))
            if countries:
                if countries <= lab_countries:
                    cands.append(head)
            else:
                cands.append(head)
                if not lab_countries and any(role in roles for roles, _ in fits):
                    bare.append(head)
        chosen = None
        if len(cands) == 1:
            chosen = cands[0]
        elif not countries and len(bare) == 1:
            chosen = bare[0]
        if chosen is None:
            continue
        end = t.i + 1
        out.append(_Draft(left + 1, end, "PERSON", label=(left + 1, end), head=chosen, nominal=True))
        taken.update(range(left, end))
    return out
