"""Compiled regular expressions that find candidate temporal expressions in running text.

Each :class:`Pattern` has a ``kind`` naming the resolver in :mod:`.resolve` that turns a match into a value.
All patterns are case-insensitive; resolvers re-check capitalisation where a word is also an ordinary word
("May", "March", "Sun", "fall"). :func:`candidates` runs them all; :func:`select` keeps the longest non-overlapping matches a resolver accepts.

Prefilter: most patterns cannot match without one of a few words ("quarter", a season, a month name, a dir word
such as "ago"); :data:`TRIGGERS` lists them per kind, and :func:`candidates` skips a pattern whose trigger words
all are absent from the (case-folded) text. A trigger is a necessary condition only, never a sufficient one, so
the candidates are the same with and without it (``tests/extract/test_dates.py`` compares both on real news).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .lexicon import UNIT_FORMS

_MONTH = (
    r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?\.?|july?\.?|aug(?:ust|\.)?"
    r"|sept?(?:ember|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
)
_MONTH_FULL = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_WEEKDAY_ABBR = r"(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d|\.\d|,\d)"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)(?![\d,.]\d|%|-\d)"
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_ONES = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_NUMWORD = (
    rf"(?:{_TENS}(?:[- ]{_ONES})?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    rf"|ten|{_ONES}|a hundred|hundred|a dozen|dozen|a couple of|couple of|half an?|an?)"
)
_VAGUE = r"(?:several|a few|few|many|some|a couple|couple)"
#: a year read out in a broadcast transcript: "nineteen ninety-seven", "two thousand and one"
_SPOKEN_YEAR = (
    rf"(?:nineteen[\s-]+(?:{_TENS}(?:[\s-]+{_ONES})?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
    rf"eighteen|nineteen|hundred)|two thousand(?:\s+and)?(?:[\s-]+(?:{_ONES}|ten|eleven|twelve))?)"
)
_NUM = rf"(?:\d+(?:\.\d+)?|{_NUMWORD})"
_UNIT = "(?:" + "|".join(sorted(UNIT_FORMS, key=len, reverse=True)) + ")"
_UNIT_PLURAL = r"(?:seconds|minutes|hours|days|weeks|months|quarters|years|decades|centuries)"
_APPROX = (
    r"(?:about|almost|nearly|some|roughly|around|approximately|more than|less than|fewer than|over|under"
    r"|just over|just under|at least|up to|only|barely)"
)
_EDGE = r"(?:early|late|mid|mid-|the end of|the beginning of|the start of|the middle of|the rest of|the end of the)"
_ORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th|final|last)"
_DAYPART = r"(?:morning|afternoon|evening|night)"
_TZ = r"(?:\s+(?:[ECMP][SD]?T|GMT|UTC|BST|CET|HKT|JST|local time|\([ECMP][SD]?T\)))?"


@dataclass(frozen=True)
class Pattern:
    kind: str
    regex: re.Pattern[str]
    priority: int  # breaks ties between equally long overlapping matches; lower wins


def _p(kind: str, body: str, priority: int) -> Pattern:
    return Pattern(kind, re.compile(rf"(?<![\w$-])(?:{body})(?![\w-])", re.IGNORECASE), priority)


#: every candidate pattern, compiled once at import
PATTERNS: tuple[Pattern, ...] = (
    _p("iso", r"(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<h>\d\d):(?P<mi>\d\d)(?::\d\d)?)?", 0),
    _p("slash", r"(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>\d{4}|\d\d)", 0),
    _p(
        "mdy",
        rf"(?:(?P<wd>{_WEEKDAY}|{_WEEKDAY_ABBR}),?\s+)?(?:(?P<edge>early|late|mid)\s+)?(?P<mon>{_MONTH})\s+"
        rf"(?P<d>{_DAY})(?:,?\s+(?P<y>{_YEAR}))?",
        1,
    ),
    _p(
        "dmy",
        rf"(?:(?P<wd>{_WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>{_DAY})\s+(?:of\s+)?(?P<mon>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?",
        1,
    ),
    _p(
        "month",
        rf"(?:(?P<edge>{_EDGE})\s*|(?P<rel>last|next|this|this past|this coming|the coming|past)\s+)?"
        rf"(?P<mon>{_MONTH_FULL}|{_MONTH})(?:(?:\s+of)?,?\s+(?P<y>{_YEAR}|{_SPOKEN_YEAR})"
        rf"|(?P<rely>\s+(?:this|last|next) year))?",
        2,
    ),
    _p(
        "year",
        rf"(?:(?P<edge>{_EDGE})\s*|(?P<pre>the year|fiscal(?: year)?|calendar(?: year)?|FY|the fiscal year|"
        rf"the calendar year|model year)\s+)?(?P<y>{_YEAR})(?P<fy>/\d\d)?",
        3,
    ),
    _p("year_short", r"(?P<pre>fiscal|FY)\s*'?(?P<y>\d\d)", 3),
    _p(
        "decade",
        r"(?:the\s+)?(?:(?P<edge>early|late|mid|mid-)\s*)?(?:(?P<dec>1[6-9]\d|20\d)0'?s|'(?P<short>\d)0'?s)",
        2,
    ),
    _p(
        "weekday",
        rf"(?:(?P<edge>early|late)\s+)?(?:(?P<rel>last|next|this|this past|this coming|past|coming|the previous|"
        rf"the following|the next|the preceding)\s+)?(?P<wd>{_WEEKDAY})(?:\s+(?P<part>{_DAYPART}))?",
        2,
    ),
    _p(
        "relday",
        rf"(?:(?P<edge>early|late|earlier|later)\s+)?(?P<w>today|yesterday|tomorrow|tonight|the day before yesterday"
        rf"|the day after tomorrow)(?:\s+(?P<part>{_DAYPART}))?",
        1,
    ),
    _p(
        "daypart",
        rf"(?:(?P<later>later|earlier)\s+)?(?P<rel>this|last|yesterday|tomorrow|the)\s+(?P<part>{_DAYPART})"
        rf"|(?P<over>overnight)|(?P<mid>mid|mid-|late|early)\s*(?P<part2>morning|afternoon|evening)"
        rf"(?:\s+(?P<rel2>yesterday|today|tomorrow))?",
        2,
    ),
    _p(
        "relunit",
        rf"(?:(?P<edge>{_EDGE}|earlier|later|by)\s+)?(?P<rel>last|this|next|coming|past|previous|current|"
        rf"the current|the coming|the past|the previous|the next|the last|the following|the same|the prior|"
        rf"the latest|the most recent|the preceding|the present|the upcoming|that)\s+"
        rf"(?P<unit>week|weekend|month|year|quarter|half|decade|century|fiscal year|calendar year|season|"
        rf"financial year|school year|academic year|spring|summer|fall|autumn|winter|term)",
        2,
    ),
    _p(
        "unit_end",
        r"(?:the\s+)?(?P<edge>end|beginning|start|middle|turn)\s+of\s+(?:the\s+)?(?P<unit>week|month|year|quarter|"
        r"decade|century)|(?:by\s+)?(?P<unit2>month|year|week|quarter)(?:'s\s+|-|\s+)end",
        3,
    ),
    _p(
        "shift",
        rf"(?:(?P<approx>{_APPROX})\s+)?(?P<num>{_NUM}|{_VAGUE})?[\s-]*(?P<unit>{_UNIT})\s+"
        rf"(?P<dir>ago|earlier|later|before|after|from now|hence|prior|previously|back)",
        1,
    ),
    _p(
        "yearago",
        r"(?:the\s+)?(?P<base>year|quarter|month)[- ](?P<dir>earlier|ago|before)"
        r"(?:\s+(?P<n>quarter|period|nine months|six months|level|levels|figure|figures|month|year))?",
        1,
    ),
    _p(
        "quarter",
        rf"(?:(?P<pre>the|this year's|last year's|next year's|the year-earlier|the year-ago|the same|the fiscal|fiscal|"
        rf"its|their|this|last|next|the current|the latest|the previous|the prior)\s+)*"
        rf"(?:(?P<yb>{_YEAR})\s+)?(?:fiscal\s+)?(?P<ord>{_ORD})[\s-]+(?:fiscal[\s-]+)?(?P<what>quarter|half|period)"
        rf"(?:\s+of\s+(?:fiscal\s+|the\s+)?(?:(?P<y>{_YEAR})|(?P<rely>this year|last year|next year|the year))"
        rf"|,?\s+(?P<y2>{_YEAR}))?",
        1,
    ),
    _p(r"qcode", rf"(?P<q>[1-4])Q|Q(?P<q2>[1-4])(?:\s*(?P<y>{_YEAR})|\s*'(?P<ys>\d\d))?|H(?P<h>[12])\s+(?P<y3>{_YEAR})", 1),
    _p(
        "quarter_anaphor",
        rf"(?:the|this|that|last|next)\s+(?:(?P<y>{_YEAR})\s+)?(?:(?:latest|current|last|past|previous|same|recent|most recent|just-ended|"
        r"just ended|fiscal)\s+)*(?P<what>quarter|period)",
        4,
    ),
    _p(
        "season",
        r"(?:(?P<edge>early|late|mid|mid-)\s*)?(?:(?P<rel>this|last|next|the|this past|this coming|the coming|"
        r"the current|the last|the next|the previous|the past)\s+)?(?:(?P<edge2>early|late)\s+)?"
        rf"(?P<s>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?P<y>{_YEAR}|{_SPOKEN_YEAR}))?",
        3,
    ),
    _p("weekend", r"(?:(?P<prep>over|during|on|at|for)\s+)?the\s+weekend", 3),
    _p(
        "spoken_year",
        rf"(?:the\s+year\s+)?(?:nineteen[\s-]+(?P<t>{_TENS}(?:[\s-]+{_ONES})?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
        rf"seventeen|eighteen|nineteen|hundred)|two thousand(?:\s+and)?(?:[\s-]+(?P<o>{_ONES}|ten|eleven|twelve))?)",
        2,
    ),
    _p(
        "ref",
        r"(?P<w>now|right now|just now|currently|at present|presently|nowadays|these days|at the moment|"
        r"recently|lately|the past|the future|soon|the near future|the foreseeable future|the distant past|"
        r"the present|the time being|current|recent|future)",
        5,
    ),
    _p(
        "duration",
        rf"(?:(?P<det>the|a|an|another)\s+)?(?:(?P<adj>past|last|next|first|coming|previous|final|latest|recent|"
        rf"following|same|entire|whole|full|other|initial|remaining)\s+)?(?:(?P<approx>{_APPROX})\s+)?"
        rf"(?P<num>{_NUM}|{_VAGUE})(?P<half>\s+1/2|\s+and\s+a\s+half)?[\s-]+(?:(?P<more>more|additional|extra|further)\s+)?"
        rf"(?:(?:trading|business|working|calendar|school)\s+)?(?P<unit>{_UNIT})(?P<adjform>-long)?"
        rf"(?P<half2>\s+and\s+a\s+half)?",
        4,
    ),
    _p(
        "vague_duration",
        rf"(?P<adj>recent|the past|the last|the next|the coming|coming|past|the following|the first|the early|"
        rf"the final|the previous|the ensuing)\s+(?P<unit>{_UNIT_PLURAL})|(?P<unit2>years|decades|months|weeks|"
        rf"centuries)(?P<adjform>-long)?(?=\s+(?:ago|of|to come|later|earlier|before)\b|-long)"
        rf"|(?P<prep>for|over|within|lasting)\s+(?P<unit3>{_UNIT_PLURAL})(?!\s+(?:of|old)\b)",
        4,
    ),
    _p(
        "time",
        rf"(?:(?P<approx>about|around|shortly after|shortly before|just after|just before|at)\s+)?"
        rf"(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.?|p\.m\.?|am|pm)(?P<tz>{_TZ})"
        rf"|(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)(?P<tz24>\s+(?:[ECMP][SD]?T|GMT|UTC|local time))?"
        r"|(?P<noon>noon|midnight|midday)",
        1,
    ),
    _p(
        "holiday",
        r"(?P<h>christmas(?: day| eve)?|new year's(?: day| eve)?|thanksgiving(?: day)?|independence day|"
        r"halloween|valentine's day|labor day|memorial day|veterans day|boxing day|easter(?: sunday)?)"
        rf"(?:\s+(?P<y>{_YEAR}))?",
        1,
    ),
    _p(
        "set_day",
        rf"(?:(?:every|each)\s+(?P<wd>{_WEEKDAY})|(?P<wds>{_WEEKDAY})s)(?:\s+(?P<part>{_DAYPART})s?)?"
        rf"|(?P<wd2>{_WEEKDAY})\s+(?P<parts>{_DAYPART})s|(?:every|each)\s+(?P<mon>{_MONTH_FULL})",
        1,
    ),
    _p(
        "century",
        r"(?:the\s+)?(?:(?P<n>[12]?\d)(?:st|nd|rd|th)|(?P<w>(?:twenty[\s-]+)?(?:first|second|third|fourth|fifth|"
        r"sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|"
        r"eighteenth|nineteenth|twentieth)))[\s-]+century",
        1,
    ),
    _p(
        "decade_word",
        r"the\s+(?:(?P<early>early|late|mid)[\s-]+)?(?:nineteen[\s-]+)?(?P<dw>twenties|thirties|forties|fifties|sixties|"
        r"seventies|eighties|nineties)",
        2,
    ),
    _p(
        "the_unit",
        r"(?:(?P<edge>earlier|later)\s+in\s+)?the\s+(?:(?P<adj>full|fiscal|calendar)\s+)?(?P<unit>year|day)"
        r"(?=(?P<ended>\s+(?:ended|ending)\b)?)(?!\s+of\b)",
        5,
    ),
    _p("set", r"(?P<w>daily|weekly|monthly|annually|yearly|hourly|nightly)|(?:every|each)\s+(?P<u>day|week|"
       r"month|year|quarter|hour|morning|night|evening)|(?P<n>once|twice|three times)\s+(?:a|per)\s+(?P<u2>day|"
       r"week|month|year)|(?P<per>a|per)\s+(?P<u3>year|month|week|day)", 6),
)  # fmt: skip


_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WEEKDAY_STEMS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SEASONS = ("spring", "summer", "fall", "autumn", "winter")

#: per pattern kind, words one of which every match of that pattern contains (lowercase; a plain substring
#: test on the case-folded text), or a compiled regex that every match contains. Kinds not listed always run.
#: Each entry must be implied by the pattern: a word that a match can lack would lose candidates.
TRIGGERS: dict[str, tuple[str, ...] | re.Pattern[str]] = {
    "iso": re.compile(r"\d{4}-[01]\d-"),
    "slash": ("/",),
    "mdy": _MONTH_STEMS,
    "dmy": _MONTH_STEMS,
    "month": _MONTH_STEMS,
    "year": re.compile(r"1[6-9]\d\d|20\d\d"),
    "year_short": ("fiscal", "fy"),
    "decade": re.compile(r"\d0'?s"),
    "weekday": _WEEKDAY_NAMES,
    "relday": ("today", "yesterday", "tomorrow", "tonight"),
    "daypart": ("morning", "afternoon", "evening", "night"),
    "unit_end": ("end", "beginning", "start", "middle", "turn"),
    # a unit right before its direction word ("three years ago", "a week later")
    "shift": re.compile(rf"{_UNIT}\s+(?:ago|earlier|later|before|after|from now|hence|prior|previously|back)"),
    "yearago": ("earlier", "ago", "before"),
    "quarter": ("quarter", "half", "period"),
    "qcode": re.compile(r"[1-4]q|q[1-4]|h[12]"),
    "quarter_anaphor": ("quarter", "period"),
    "season": _SEASONS,
    "weekend": ("weekend",),
    "spoken_year": ("nineteen", "thousand"),
    "vague_duration": ("seconds", "minutes", "hours", "days", "weeks", "months", "quarters", "years", "decades",
                       "centuries"),
    "holiday": ("christmas", "new year", "thanksgiving", "independence", "halloween", "valentine", "labor",
                "memorial", "veterans", "boxing", "easter"),
    "set_day": (*_WEEKDAY_NAMES, "every", "each"),
    "century": ("century",),
    "decade_word": ("twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"),
}  # fmt: skip

#: characters that IGNORECASE matches with an ASCII letter but that ``str.lower`` does not map to it
#: ("İ", dotless "ı", long "ſ", the Kelvin sign): folded first, so a trigger test never misses a match
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold(text: str) -> str:
    """``text`` lowercased the way the IGNORECASE patterns compare ASCII letters (for the trigger tests)."""
    return text.translate(_FOLD).lower()


def triggered(kind: str, folded: str) -> bool:
    """Whether pattern ``kind`` can match in a text whose :func:`fold` is ``folded`` (see :data:`TRIGGERS`)."""
    trig = TRIGGERS.get(kind)
    if trig is None:
        return True
    if isinstance(trig, re.Pattern):
        return trig.search(folded) is not None
    return any(w in folded for w in trig)


@dataclass(frozen=True)
class Candidate:
    kind: str
    start: int
    end: int
    match: re.Match[str]
    priority: int


def candidates(text: str, *, prefilter: bool = True) -> list[Candidate]:
    """All pattern matches (overlapping), trailing spaces, commas and hyphens trimmed. ``prefilter=False`` runs
    every pattern even when its :data:`TRIGGERS` words are absent (same result, slower: for tests)."""
    found: list[Candidate] = []
    folded = fold(text) if prefilter else ""
    for pat in PATTERNS:
        if prefilter and not triggered(pat.kind, folded):
            continue
        for m in pat.regex.finditer(text):
            s, e = m.span()
            while e > s and text[e - 1] in " ,-":
                e -= 1
            if e > s:
                found.append(Candidate(pat.kind, s, e, m, pat.priority))
    return found


def select(found: list[Candidate], accept: Callable[[Candidate], bool]) -> list[Candidate]:
    """The longest non-overlapping accepted matches (ties: lower priority number), in text order."""
    ordered = sorted(found, key=lambda c: (-(c.end - c.start), c.priority, c.start))
    taken: list[Candidate] = []
    for c in ordered:
        if all(c.end <= t.start or c.start >= t.end for t in taken) and accept(c):
            taken.append(c)
    taken.sort(key=lambda c: c.start)
    return taken
