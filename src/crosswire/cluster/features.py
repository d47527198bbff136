"""What the event index knows about one article: content words, entities, the event date, distinctive figures.

Everything here is a pure function of an :class:`~crosswire.models.Article` and its (optional)
:class:`~crosswire.models.ArticleFacts`. When facts are missing (or carry no canonical entity ids yet) the
features fall back to normalized mention heads, then to capitalized word runs in the text, so the index works at
every stage of the project.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..models import Article, ArticleFacts, Mention

#: characters of the article (after the title) that count as its lead: the first paragraph or two, where news
#: states who did what and when (the inverted pyramid)
LEAD_CHARS = 600
#: sentences that count as the lead when sentence spans are known
LEAD_SENTENCES = 3
#: lead sentences (at least LEAD_CHARS / 2) in the embedded text. Two instead of three cut the embedded word pieces
#: by a fifth (mean 95 -> 75 on ECB+) at the same train B-cubed F1 (five seeds: 0.907 -> 0.909; dev 0.910 -> 0.904)
EMBED_SENTENCES = 2
#: content words kept per article for the lexical vector (most frequent first); bounds memory at 100k articles
MAX_TERMS = 120
#: mention types that identify who/where an event is about
ENTITY_TYPES = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
#: types that count as places (a distinctive fact: the same quake in a different town is another quake)
PLACE_TYPES = {"GPE", "LOC", "FAC"}
#: weight of a mention in the title or lead relative to one further down (salience of the lead in news)
LEAD_MENTION_WEIGHT = 2.0

_WORD = re.compile(r"[A-Za-z][A-Za-z\-']+|\d+(?:[.,]\d+)?")
_NUM = re.compile(r"(?<![\w.])(\d+(?:[.,]\d+)?)(?![\w])")
_CAPRUN = re.compile(r"(?:[A-Z][a-z]+(?:\s+(?:[A-Z][a-z]+|[A-Z]\.))*)")

# A compact English stop list (function words and reporting filler that says nothing about which event).
STOP = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he her
    here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of
    off on once only or other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up very was we were what
    when where which while who whom why will with would you your yours yourself yourselves said says say told tell
    according reported report reports news story article people year years day days time week weeks month months
    monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow last next one two three
    mr mrs ms dr new s t ll re ve d m don didn doesn isn wasn weren won wouldn couldn shouldn get got also may might
    must shall us via com www http https html""".split()
)

_DIGIT_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "dozen": 12, "twenty": 20, "hundred": 100,
}  # fmt: skip


@dataclass
class ArticleFeatures:
    """The per-article inputs of the event score."""

    article_id: str
    lead: str  # title + lead, the text that is embedded
    terms: dict[str, float]  # content word -> 1 + log(tf)
    entities: dict[str, float]  # entity key -> salience weight
    names: dict[str, str]  # entity key -> shortest display name seen
    types: dict[str, str]  # entity key -> mention type
    places: set[str] = field(default_factory=set)  # entity keys of places
    figures: set[str] = field(default_factory=set)  # normalized numbers ("6.1", "85", "20000000 t")
    date: str | None = None  # YYYY-MM-DD | YYYY-MM | YYYY: the day the reported event happened
    date_precision: str | None = None  # day | month | year
    date_source: str | None = None  # text | published | dateline
    head: str | None = None  # head event noun ("call", "earthquake"), for labels
    years: set[int] = field(default_factory=set)  # year(s) of the main event: of ``date``, else of lead dates
    lead_figures: dict[str, set[float]] = field(default_factory=dict)  # unit -> values stated in the lead
    lead_entities: set[str] = field(default_factory=set)  # entity keys named in the title or lead
    published: str | None = None  # publication day (header date or dateline), YYYY-MM-DD
    refs: set[str] = field(default_factory=set)  # earlier days/months the text refers back to: "value|precision"


def stem(word: str) -> str:
    """A light, conservative normalization: lower case, no possessive, no plural -s."""
    w = word.lower().strip("'-")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    return w


def content_terms(text: str) -> Counter[str]:
    """Content-word counts of a text (stop words and single letters dropped)."""
    c: Counter[str] = Counter()
    for m in _WORD.finditer(text):
        w = m.group(0)
        lw = w.lower()
        if lw in STOP or len(lw) < 2:
            continue
        c[stem(w)] += 1
    return c


def term_vector(text: str) -> dict[str, float]:
    """Sublinear term weights 1 + log(tf) of the :data:`MAX_TERMS` most frequent content words, unit length."""
    c = content_terms(text)
    v = {t: 1.0 + math.log(n) for t, n in c.most_common(MAX_TERMS)}
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {t: x / norm for t, x in v.items()}


def normalize_name(text: str) -> str:
    """A mention's normalized key: lower case, no leading article, no possessive, single spaces."""
    t = re.sub(r"[’']s$", "", text.strip())
    t = re.sub(r"^(the|a|an)\s+", "", t, flags=re.I)
    t = re.sub(r"[^\w\s.-]", " ", t)
    return re.sub(r"\s+", " ", t).strip(" .").lower()


def lead_end(article: Article, facts: ArticleFacts | None, sentences: int = LEAD_SENTENCES) -> int:
    """Character offset where the lead (its first ``sentences`` sentences, at least LEAD_CHARS / 2) ends."""
    if facts is not None and facts.sentences:
        sents = sorted(facts.sentences)
        # skip very short header lines (datelines, bylines) when counting lead sentences
        real = [s for s in sents if s[1] - s[0] > 40]
        if real:
            return max(real[:sentences][-1][1], min(len(article.text), LEAD_CHARS // 2))
    return min(len(article.text), LEAD_CHARS)


def lead_text(article: Article, facts: ArticleFacts | None) -> str:
    """Title plus the first :data:`EMBED_SENTENCES` lead sentences: what the article says first about its main
    event, and the text that is embedded."""
    body = article.text[: lead_end(article, facts, EMBED_SENTENCES)]
    return f"{article.title}. {body}" if article.title else body


def _mention_key(m: Mention) -> str:
    if m.entity:
        return m.entity
    return "h:" + (m.head or normalize_name(m.text))


def entity_features(
    article: Article, facts: ArticleFacts | None
) -> tuple[dict[str, float], dict[str, str], dict[str, str], set[str]]:
    """Entity key -> salience, key -> display name, key -> type, place keys.

    Keys are canonical entity ids when linking has run, else ``h:<normalized head>``. A one-word person mention
    ("Xi") is folded into a longer person mention of the same article that contains it ("Xi Jinping").
    """
    weights: dict[str, float] = {}
    names: dict[str, str] = {}
    types: dict[str, str] = {}
    places: set[str] = set()
    lead = lead_end(article, facts)
    if facts is not None and facts.mentions:
        mentions = [m for m in facts.mentions if m.type in ENTITY_TYPES]
        full: dict[str, str] = {}  # token -> key of a longer PERSON/ORG mention containing it
        for m in mentions:
            if m.entity is None and m.type in ("PERSON", "ORG"):
                key = _mention_key(m)
                toks = key[2:].split()
                if len(toks) > 1:
                    for t in toks:
                        full.setdefault(t, key)
        for m in mentions:
            key = _mention_key(m)
            if m.entity is None and m.type in ("PERSON", "ORG") and len(key[2:].split()) == 1:
                key = full.get(key[2:], key)
            w = LEAD_MENTION_WEIGHT if m.span[0] < lead else 1.0
            weights[key] = weights.get(key, 0.0) + w
            name = re.sub(r"^(the|a|an)\s+", "", m.text.strip(), flags=re.I)
            name = re.sub(r"\s*[’']s$", "", name) or name
            if key not in names or len(name) < len(names[key]):
                names[key] = name
            types.setdefault(key, m.type)
            if m.type in PLACE_TYPES:
                places.add(key)
    else:
        text = (article.title + ". " if article.title else "") + article.text
        for m in _CAPRUN.finditer(text):
            s = m.start()
            before = text[max(0, s - 2) : s]
            sentence_start = (
                s == 0 or before.strip() in (".", "!", "?", "") and "\n" in before or before.endswith(". ")
            )
            run = m.group(0)
            if sentence_start and " " not in run:
                continue
            if run.lower() in STOP:
                continue
            key = "h:" + normalize_name(run)
            w = LEAD_MENTION_WEIGHT if s < lead else 1.0
            weights[key] = weights.get(key, 0.0) + w
            if key not in names or len(run) < len(names[key]):
                names[key] = run
            types.setdefault(key, "")
    # sublinear salience
    return {k: 1.0 + math.log(v) for k, v in weights.items()}, names, types, places


def lead_entities(article: Article, facts: ArticleFacts | None, entities: dict[str, float]) -> set[str]:
    """Keys of the entities named in the lead (who and where the main event is about)."""
    if facts is None or not facts.mentions:
        return {k for k, w in entities.items() if w > 1.0}  # capitalized runs: named twice or in the lead
    end = lead_end(article, facts)
    keys = set()
    for m in facts.mentions:
        if m.type in ENTITY_TYPES and m.span[0] < end:
            key = _mention_key(m)
            keys.add(
                key if key in entities else next((k for k in entities if k.endswith(" " + key[2:])), key)
            )
    return keys & set(entities)


#: units whose values in the lead tell look-alike events apart: a quake's magnitude, the sum of a heist, a deal or
#: a fine (currency codes are three capital letters). Counts (death tolls) rise from report to report: not used.
SEPARATING_UNITS = frozenset({"magnitude"})


def lead_figures(article: Article, facts: ArticleFacts | None) -> dict[str, set[float]]:
    """unit -> values of the distinctive figures stated in the lead (see :data:`SEPARATING_UNITS`)."""
    out: dict[str, set[float]] = {}
    if facts is None:
        return out
    end = lead_end(article, facts)
    for q in facts.quantities:
        if q.value is None or q.span[0] >= end or q.value <= 0:
            continue
        if q.unit in SEPARATING_UNITS or re.fullmatch(r"[A-Z]{3}", q.unit or ""):
            out.setdefault(q.unit, set()).add(float(f"{q.value:.3g}"))
    return out


def figures_conflict(
    a: dict[str, set[float]], b: dict[str, set[float]] | dict[str, dict[str, int]]
) -> list[str]:
    """Units both sides state in their leads with no value in common (within :data:`FIGURE_TOLERANCE`)."""
    out = []
    for unit, vals in a.items():
        other = b.get(unit)
        if not other:
            continue
        ov = [float(x) for x in other]
        if not any(_same_figure(unit, x, y) for x in vals for y in ov):
            out.append(unit)
    return out


#: magnitudes closer than this are the same quake as reported by different agencies (5.8 / 6.0 / 6.1)
MAGNITUDE_TOLERANCE = 0.35
#: sums of money within this ratio are the same sum reported differently (80 vs 85 million euros; estimates)
MONEY_RATIO = 1.5


def _same_figure(unit: str, x: float, y: float) -> bool:
    if unit == "magnitude":
        return abs(x - y) <= MAGNITUDE_TOLERANCE
    return max(x, y) <= MONEY_RATIO * min(x, y)


def event_years(article: Article, facts: ArticleFacts | None, event_day: str | None) -> set[int]:
    """Year(s) of the main event: the year of the event date when known; else every year that a date expression in
    the lead names (not introduced by "since/before/after..."); else none."""
    if event_day:
        return {int(event_day[:4])}
    out: set[int] = set()
    if facts is None:
        return out
    end = lead_end(article, facts)
    for dx in facts.dates:
        if dx.span[0] >= end or not dx.value or not re.match(r"(19|20)\d\d", dx.value):
            continue
        if _NOT_MAIN.search(article.text[max(0, dx.span[0] - 20) : dx.span[0]]):
            continue
        out.add(int(dx.value[:4]))
    return out


def figures(article: Article, facts: ArticleFacts | None) -> set[str]:
    """Distinctive figures: quantities with units when extracted, else numbers written in the text.

    Years (1900-2099) are left to the date features, and numbers below 10 are too common to tell events apart.
    """
    out: set[str] = set()
    if facts is not None and facts.quantities:
        for q in facts.quantities:
            if q.value is None:
                continue
            v = float(q.value)
            if q.unit == "count" and v < 10:
                continue
            out.add(f"{v:g} {q.unit}")
        return out
    for m in _NUM.finditer(article.text):
        s = m.group(1).replace(",", "")
        try:
            v = float(s)
        except ValueError:
            continue
        if v < 10 and "." not in s:
            continue
        if "." not in s and 1900 <= v <= 2099:
            continue
        out.add(f"{v:g}")
    return out


# --- event date -------------------------------------------------------------------------------------------


def parse_iso(value: str | None) -> tuple[date | None, str | None]:
    """A TimeML value's date and precision when it names a calendar day, month or year; else (None, None)."""
    if not value:
        return None, None
    w = re.match(r"^(\d{4})-W(\d{2})$", value)
    if w:
        try:
            return date.fromisocalendar(int(w.group(1)), int(w.group(2)), 1), "week"
        except ValueError:
            return None, None
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$", value)
    if not m:
        return None, None
    y, mo, d = m.group(1), m.group(2), m.group(3)
    try:
        if d:
            return date(int(y), int(mo), int(d)), "day"
        if mo:
            return date(int(y), int(mo), 1), "month"
        return date(int(y), 1, 1), "year"
    except ValueError:
        return None, None


def fmt_date(d: date, precision: str) -> str:
    if precision == "day":
        return d.isoformat()
    if precision == "week":
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}"
    if precision == "month":
        return d.isoformat()[:7]
    return d.isoformat()[:4]


def published_date(article: Article) -> date | None:
    d, p = parse_iso((article.published or "")[:10])
    return d if p == "day" else None


#: an event reported on day P happened at most this many days after P (copy filed before the event: 1 day)
FUTURE_SLACK_DAYS = 1
#: dates in the lead further back than this before publication describe background, not the reported event
#: (a news report covers what happened in the last days or weeks)
BACKGROUND_DAYS = 45
#: date expressions preceded by these words point at another event ("since last month", "before Monday")
_NOT_MAIN = re.compile(
    r"\b(since|until|before|after|ago|from|born|earlier|previous|last met|ahead of)\s*$", re.I
)


def event_date(article: Article, facts: ArticleFacts | None) -> tuple[str | None, str | None, str | None]:
    """(value, precision, source) of the day the article's main event happened.

    The first calendar date resolved in the title/lead (day precision preferred over month, month over year) that
    is not in the future of the publication date, not far in its past, and not introduced by "since/before/after"
    (those point at other events); else the publication date (source "published"); else unknown.
    """
    pub = published_date(article)
    pub_source = "published"
    if pub is None and facts is not None:
        pub = dateline_date(article, facts)
        pub_source = "dateline"
    end = lead_end(article, facts)
    best: tuple[int, int, date, str] | None = None  # (precision rank, position, date, precision)
    rank = {"day": 0, "week": 1, "month": 2, "year": 3}
    for dx in facts.dates if facts is not None else []:
        if dx.span[0] >= end or dx.type not in ("DATE", "TIME"):
            continue
        d, p = parse_iso(dx.value)
        if d is None and pub is not None and pub_source == "dateline":
            from .lite import resolve_date  # relative dates ("Thursday") against the dateline

            r = resolve_date(dx.text, pub)
            d, p = parse_iso(r[0]) if r else (None, None)
        if d is None or p is None:
            continue
        if pub is None and p != "day":
            continue  # an undated article: a bare year or month in its lead is as likely background
        before = article.text[max(0, dx.span[0] - 20) : dx.span[0]]
        if _NOT_MAIN.search(before):
            continue
        if pub is not None:
            if d > pub + timedelta(days=FUTURE_SLACK_DAYS):
                continue
            if p in ("day", "week") and (pub - d).days > BACKGROUND_DAYS:
                continue
            if (
                p == "month"
                and (pub.year, pub.month) != (d.year, d.month)
                and (pub - d).days > BACKGROUND_DAYS + 31
            ):
                continue
            if p == "year" and d.year != pub.year:
                continue
        cand = (rank[p], dx.span[0], d, p)
        if best is None or cand[:2] < best[:2]:
            best = cand
    if best is not None:
        return fmt_date(best[2], best[3]), best[3], "text"
    if pub is not None:
        return pub.isoformat(), "day", "published"
    return None, None, None


#: a dateline is a date standing (nearly) alone on one of the first lines of the text
DATELINE_LINES = 3
#: longest line that still counts as a dateline ("Updated Saturday, December 05, 2009 8:28 PM")
DATELINE_MAX_CHARS = 60


def dateline_date(article: Article, facts: ArticleFacts) -> date | None:
    """The publication date a dateline at the top of the text states, when it names a full calendar day."""
    lines_end = 0
    starts = []
    for _ in range(DATELINE_LINES):
        nl = article.text.find("\n", lines_end)
        stop = len(article.text) if nl < 0 else nl
        starts.append((lines_end, stop))
        if nl < 0:
            break
        lines_end = nl + 1
    for dx in facts.dates:
        d, p = parse_iso(dx.value)
        if d is None or p != "day" or not re.search(r"\d{4}", dx.text):
            continue
        for s, e in starts:
            if s <= dx.span[0] < e and e - s <= DATELINE_MAX_CHARS:
                return d
    return None


#: words just before a date that mark it as an earlier occurrence of the same kind, not the event a follow-up report
#: is about ("their first call since late November", "the previous quake on March 10", "last met in October")
_REPEAT = re.compile(
    r"\b(since|last|previous|previously|prior|earlier|first|another|second|third)\b[\w\s,'-]{0,25}$", re.I
)
#: characters of text searched for back-references (follow-ups name the original event in the first paragraphs)
REF_CHARS = 2500


def back_refs(article: Article, facts: ArticleFacts | None, own: str | None) -> set[str]:
    """Earlier days and months the article refers back to: a trial report's "the shooting in September 2010", a
    charging decision's "was arrested Feb. 1". A follow-up of an event names the event's date; a report of a new
    occurrence of the same kind mostly names the earlier one as such ("first since November"), which is left out.

    Only dates before the article's own event date (beyond a week) count, at day or month precision.
    """
    out: set[str] = set()
    if facts is None:
        return out
    ref_day, _ = parse_iso(own) if own else (published_date(article), "day")
    if ref_day is None:
        return out
    for dx in facts.dates:
        if dx.span[0] >= REF_CHARS or dx.type not in ("DATE", "TIME"):
            continue
        d, p = parse_iso(dx.value)
        if d is None or p not in ("day", "month"):
            continue
        if (ref_day - d).days <= 7 if p == "day" else (ref_day.year, ref_day.month) <= (d.year, d.month):
            continue
        if _REPEAT.search(article.text[max(0, dx.span[0] - 40) : dx.span[0]]):
            continue
        out.add(f"{fmt_date(d, p)}|{p}")
    return out


# --- head event noun (for labels) ---------------------------------------------------------------------------

#: nouns that name a news event, most specific wins by frequency in the lead; a general list, not per-corpus
EVENT_NOUNS = frozenset(
    """call talks meeting summit visit conference election vote referendum earthquake quake tsunami flood fire
    wildfire storm hurricane typhoon cyclone tornado eruption explosion blast bombing attack strike raid shooting
    killing murder stabbing crash collision derailment accident sinking hijacking kidnapping arrest trial sentencing
    verdict conviction execution resignation appointment nomination death funeral wedding launch release recall deal
    agreement treaty merger acquisition takeover buyout sale purchase ban sanction tariff truce ceasefire protest
    riot strike walkout coup invasion war offensive battle siege outbreak epidemic pandemic lawsuit settlement
    ruling bankruptcy layoff closure award ceremony match final championship rescue evacuation escape shutdown
    hack breach leak scandal investigation probe speech address announcement""".split()
)
#: words that, in front of an event noun, make a more telling compound ("phone call", "arms sale")
EVENT_MODIFIERS = frozenset(
    """phone telephone video state trade peace arms press nuclear missile terror suicide car bus train plane
    boat mass school police border drone air bomb presidential general""".split()
)


def head_event_noun(text: str) -> str | None:
    """The most frequent event noun of a text, written with its most frequent telling modifier if it has one
    ("call" three times, once as "phone call" -> "phone call")."""
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", text)]
    counts: Counter[str] = Counter()
    mods: dict[str, Counter[str]] = {}
    first: dict[str, int] = {}
    for i, w in enumerate(words):
        if w in EVENT_NOUNS:
            counts[w] += 1
            first.setdefault(w, i)
            if i > 0 and words[i - 1] in EVENT_MODIFIERS:
                mods.setdefault(w, Counter())[words[i - 1]] += 1
    if not counts:
        return None
    noun = max(counts, key=lambda k: (counts[k], -first[k]))
    if noun in mods:
        return f"{mods[noun].most_common(1)[0][0]} {noun}"
    return noun


def article_features(article: Article, facts: ArticleFacts | None) -> ArticleFeatures:
    """All the features of one article."""
    lead = lead_text(article, facts)
    full = (article.title + ". " if article.title else "") + article.text
    ents, names, types, places = entity_features(article, facts)
    d, p, src = event_date(article, facts)
    pub = published_date(article) or (dateline_date(article, facts) if facts is not None else None)
    return ArticleFeatures(
        published=pub.isoformat() if pub else None,
        years=event_years(article, facts, d),
        lead_figures=lead_figures(article, facts),
        lead_entities=lead_entities(article, facts, ents),
        article_id=article.id,
        lead=lead,
        terms=term_vector(full),
        entities=ents,
        names=names,
        types=types,
        places=places,
        figures=figures(article, facts),
        date=d,
        date_precision=p,
        date_source=src,
        head=head_event_noun(  # from the full lead: the embedded part may not name the event yet
            (article.title + ". " if article.title else "") + article.text[: lead_end(article, facts)]
        ),
        refs=back_refs(article, facts, d),
    )
