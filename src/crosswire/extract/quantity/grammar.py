"""A regex grammar for quantities in news text: numbers, scales, currencies, units, ranges and qualifiers.

:func:`scan` walks the number candidates of a text left to right and, for each, reads what is written
around it: a currency before it, a qualifier before that, a scale word, a range, then a unit or a counted noun.
A bare number is never a quantity on its own (that is what keeps years, scores, ids and list numbers out):
it needs a scale word ("1.9 million"), a currency, a unit, a percent sign or a counted plural noun.

Conventions (see ``benchmarks/data/README.md``):

* the span covers the currency, the number, the scale and the unit or counted noun ("$11.1bn",
  "20mn tonnes", "34 people"), not the qualifier ("nearly"), which goes into ``qualifier``;
  a "between X and Y" range includes "between";
* ranges fill ``low``/``high`` and ``value`` is their midpoint; bounds set by a qualifier fill one side
  ("at least 34" -> low 34, "up to 25" -> high 25) and ``value`` is the figure written;
* "from X to Y" is two quantities, not a range; "X or Y" with the unit written once and Y > X is a range
  ("three or four robbers": 3-4), "$10 or $100" two amounts.

Newsroom and wire-copy forms read besides: magnitudes written around the figure ("magnitude-5.9", "a 5.6
quake", "put the magnitude at 5.9", "aftershocks of around 4.0"; figures up to 10 only), counts whose noun a
casualty word or a counting noun implies ("injuring 80", "600 were killed", "the death toll rose to 10", "a
population of 100,000": the span is the figure, ``measures`` the casualty class), partitives ("seven of the
officers": the figure), currency letters of wire copy and OCR before millions ("e80 million", "p74million",
"euro110 billion") and hyphenated currencies after a scale ("two-million-euro"). Clock times ("8: 41 PM",
"at 10 am") and words on another line (a dateline above a headline) never make a quantity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon as lx


@dataclass
class Found:
    """One quantity found in raw text (the grammar's output; :mod:`..quantities` turns it into a record)."""

    start: int
    end: int
    value: float | None
    unit: str
    low: float | None = None
    high: float | None = None
    approx: bool = False
    qualifier: str | None = None
    noun_span: tuple[int, int] | None = None  # the counted noun of a count ("20 cargoes" -> "cargoes")
    #: what the figure measures when the grammar can tell from the words alone: a casualty count whose noun is
    #: implied ("injuring 80" -> "injured", :data:`.lexicon.CASUALTY_MEASURES`), "a population of 100,000"
    measures: str | None = None


def _alt(words: object) -> str:
    """A regex alternation of the given literal words, longest first (so "metric tons" beats "tons")."""
    items = sorted({str(w) for w in words}, key=len, reverse=True)  # type: ignore[attr-defined]
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


_WORDNUM_SIMPLE = [w for w in lx.NUMBER_WORDS if w not in ("hundred", "dozen")]
_TENS = [w for w, v in lx.NUMBER_WORDS.items() if 20 <= v <= 90]
_UNITS_1_9 = [w for w, v in lx.NUMBER_WORDS.items() if 1 <= v <= 9]
_SCALE_WORDS_SPELLED = ("hundred", "thousand", "million", "billion", "trillion")

#: a digit number: "1,200", "11.1", "20", ".5"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
#: a spelled number: "twenty-five", "two", "a dozen", "half a million", "a million"
_WORDS = (
    rf"(?:{_alt(_TENS)})(?:[-\s](?:{_alt(_UNITS_1_9)}))?(?![\w-])"
    rf"|(?:{_alt(_WORDNUM_SIMPLE)})(?![\w]|-(?!(?:{'|'.join(_SCALE_WORDS_SPELLED[1:])})(?![\w])))"
    r"|(?:a\s+)?half\s+a(?=\s+(?:million|billion|trillion|dozen)\b)"
    r"|an?(?=\s+(?:dozen|million|billion|trillion|hundred|thousand)\b)"
)
#: number candidates; digits must not follow a letter-hyphen, another digit or a separator ("F-16", "G20",
#: "3:30", "1.2.3", "3/4"); letters glued before are checked against currency prefixes ("Rmb1.2tn")
_CANDIDATE = re.compile(
    rf"(?:(?<=magnitude-)|(?<![\d.,:/'’\-−±^]))(?P<d>{_DIGITS})|(?<![\w\-])(?P<w>{_WORDS})", re.I
)
#: the second number of a range, right after the separator
_SECOND = re.compile(rf"(?P<d>{_DIGITS})|(?P<w>{_WORDS})", re.I)
#: scales large enough for a bare figure to be a quantity ("1.9 million" yes, "two hundred" no)
_BARE_SCALE_MIN = 1e3

#: a scale word ends the number unless a word is glued on; a hyphenated currency may follow ("two-million-euro")
_SCALE = re.compile(
    rf"(?:\s*|-)(?P<s>{_alt(lx.SCALE_WORDS)})"
    rf"(?![\w]|-(?!(?:{_alt(w for w in lx.CURRENCY_WORDS if ' ' not in w)})(?![\w-])))",
    re.I,
)
_CUR_ONLY_SCALE = re.compile(rf"(?P<s>{_alt(lx.CURRENCY_ONLY_SCALES)})(?![\w-])", re.I)
_PERCENT = re.compile(rf"\s*(?P<u>{_alt(lx.PERCENT_FORMS)})(?![\w])|(?P<pc>pc)(?![\w])", re.I)
_HYPHEN_UNIT = re.compile(
    rf"-(?P<u>{_alt(lx.HYPHEN_UNITS)}|percent|per-cent)(?![\w-])|-(?P<strong>strong)\b", re.I
)
_UNIT = re.compile(rf"(?P<sp>\s*)(?P<u>{_alt(lx.UNITS)})(?![\w²/])", re.I)
_RICHTER = re.compile(r"\s+on\s+the\s+Richter(?:\s+scale)?\b", re.I)
_CUR_WORD = re.compile(rf"\s+(?P<c>{_alt(lx.CURRENCY_WORDS)})(?![\w])", re.I)
_CUR_CODE_AFTER = re.compile(rf"\s*(?P<c>{'|'.join(sorted(lx.CURRENCY_CODES))})\b")
_OF = re.compile(r"\s+of\b", re.I)
_PREFIX = re.compile(
    rf"(?:(?<![A-Za-z])(?P<p>{_alt(lx.CURRENCY_PREFIXES)})|(?<![A-Za-z])(?P<code>{'|'.join(sorted(lx.CURRENCY_CODES))}))"
    r"\s?$"
)
_QUALIFIER = re.compile(rf"(?<![\w])(?P<q>{_alt(lx.QUALIFIERS)})\s+$", re.I)
_SYMBOL_QUALIFIER = re.compile(r"(?P<q>[~≈<>≤≥]|c\.)\s?$")
_MAGNITUDE_BEFORE = re.compile(r"(?<![\w])magnitude(?:\s+of)?[\s-]$", re.I)
#: a qualifier written between a lead-in and its figure ("a magnitude of at least 5.9", "injured almost 50")
_QUAL = rf"(?:{_alt(lx.QUALIFIERS)})"
_SP = r"[^\S\n]+"  # spaces that stay on the line: a dateline or headline above is another sentence
#: a magnitude named before its figure with a verb or a qualifier in between ("put the magnitude at 5.9", "the
#: quake's magnitude was 5.9", "a magnitude of at least 5.9", "aftershocks of around 4.0", "a quake measuring
#: 5.6"): the span is the figure alone; only figures up to 10 are read so
_MAGNITUDE_LOOSE = re.compile(
    rf"(?<![\w])(?:magnitude(?:['’]s)?{_SP}(?:(?:of|at|was|is|to|reached){_SP}(?:{_QUAL}{_SP})?|{_QUAL}{_SP})"
    rf"|(?:{_alt(lx.QUAKE_NOUNS)})(?:['’]s)?{_SP}(?:of|measuring|registering|measured|registered|at)"
    rf"{_SP}(?:{_QUAL}{_SP})?)$",
    re.I,
)
#: "a 5.6 quake", "a 5.9 earthquake": a decimal figure up to 10 right before a quake noun is its magnitude
_QUAKE_AFTER = re.compile(rf"{_SP}(?P<n>{_alt(lx.QUAKE_NOUNS)})(?![\w-])", re.I)
_DECIMAL = re.compile(r"\d\.\d{1,2}")
#: counts whose noun a casualty verb implies: "injuring 80", "wounding other 70", "injured almost 50", "killing
#: a further 3" (the verb before), "600 were killed", "12 have been injured" (a passive after)
_CASUALTY_BEFORE = re.compile(
    rf"(?<![\w])(?P<v>kill(?:s|ed|ing)?|injur(?:e|es|ed|ing)|wound(?:s|ed|ing)?|hurt(?:s|ing)?|"
    rf"arrest(?:s|ed|ing)?|detain(?:ed|ing)|evacuat(?:ed|ing)){_SP}(?:{_QUAL}{_SP})?"
    rf"(?:(?:an)?other{_SP}|a{_SP}further{_SP}|a{_SP}total{_SP}of{_SP})?$",
    re.I,
)
_CASUALTY_AFTER = re.compile(
    rf"{_SP}(?:were|are|was|is|have{_SP}been|has{_SP}been|had{_SP}been)"
    rf"(?:{_SP}(?:reportedly|also|later|confirmed|reported|seriously|critically|slightly|badly|all))*"
    rf"{_SP}(?P<v>killed|dead|injured|wounded|hurt|missing|arrested|detained|evacuated)(?![\w-])",
    re.I,
)
#: nouns that name a count before its figure: "a population of more than 100,000", "the death toll rose to 10",
#: "the death toll from the quake a day before rose to 10" (no sentence end or other number in between)
_COUNT_HEAD_BEFORE = re.compile(
    rf"(?<![\w])(?P<n>population|(?:death{_SP})?toll)(?![\w-])[^.\n\d;:]{{0,60}}?(?<![\w])"
    rf"(?:of|at|to|is|was|reached|hit|hits|reaches|stood{_SP}at|stands{_SP}at){_SP}(?:{_QUAL}{_SP})?$",
    re.I,
)
#: a clock time around the number: "8: 41 PM", "11 : 39am", "at 10 am" (datelines, timestamps)
_CLOCK_BEFORE = re.compile(r"\d[^\S\n]*:[^\S\n]*$")
_CLOCK_HOUR = re.compile(r"[^\S\n]*:[^\S\n]*\d\d(?!\d)")
_CLOCK_AFTER = re.compile(r"[^\S\n]*(?:[ap]\.m\.|[AP]\.M\.|[ap]m|[AP]M|am|pm)(?![\w])", re.I)
#: currency letters glued before the digits ("e80 million", "p74million", "euro110 billion")
_GLUED_CURRENCY = re.compile(
    rf"(?<![A-Za-z])(?P<g>{'|'.join(sorted(lx.GLUED_CURRENCY_LETTERS, key=len, reverse=True))})$"
)
#: a currency word hyphenated after a scaled figure: "a two-million-euro heist", "a $2-million-dollar deal"
_HYPHEN_CURRENCY = re.compile(
    rf"-(?P<c>{_alt(w for w in lx.CURRENCY_WORDS if ' ' not in w and w not in lx.CURRENCY_SUBUNITS)})(?![\w-])",
    re.I,
)
#: "four in 10 voters", "one out of five": a ratio, not a count
_RATIO_BEFORE = re.compile(
    rf"(?:\d|(?<![\w])(?:{_alt(_WORDNUM_SIMPLE)}))\s+(?:in|out\s+of)\s+$", re.I
)
_BETWEEN = re.compile(r"(?<![\w])between\s+$", re.I)
_FROM = re.compile(r"(?<![\w])from\s+$", re.I)
_AND = re.compile(r"\s+and\s+")
#: range separators: an unspaced hyphen or en dash ("10-15%", "$10–12bn"), "to", or "or" between alternatives
#: ("three or four robbers": a range 3-4, only when the second is larger); a spaced dash is punctuation
#: ("in 2014 — 7.7 percent")
_RANGE_SEP = re.compile(r"[-–](?=[\d$£€¥])|\s+to\s+|\s+(?P<or>or)\s+", re.I)
#: a word after a number; a dotted abbreviation keeps its final dot ("300 U.S. soldiers", "two U.N. agencies")
_WORD = re.compile(r"[^\S\n]+(?P<w>[A-Za-z](?:\.[A-Za-z])+\.|[A-Za-z][A-Za-z.'’\-]*[A-Za-z]|[A-Za-z])")
_MONTH_BEFORE = re.compile(rf"(?<![\w])(?:{'|'.join(lx.MONTHS)})\.?\s+$", re.I)
_ID_BEFORE = re.compile(
    r"(?:(?<![\w])(?:no|nos|number|article|section|chapter|page|pages|route|room|flight|item|resolution|"
    r"paragraph|clause|rule|proposition|prop|amendment|title|act|district|precinct|ward|level|grade|"
    r"stage|phase|season|episode|vol|volume|part|class|category|model|version|type|channel|channels|"
    r"highway|interstate)\.?|#)\s*$",
    re.I,
)
_CAP_WORD_BEFORE = re.compile(r"(?<![\w.])(?P<w>[A-Z][\w.'’\-]*)[^\S\n]+$")
_POSSESSIVE = re.compile(r"['’]s?$")
#: capitalized words that may stand right before a counted figure (sentence starts, qualifiers)
_CAP_OK = frozenset(
    "The A An About Nearly Some Over More Only All And But With At Of In For By To From Another Those These "
    "Its Their His Her Our Just Almost Around Roughly Up Approximately Under Less Fewer After Before On When "
    "While Since Until Than Estimated Least Most Another Every Each Of Among Including Another Nearly Like "
    "Killing Killed Kills Injuring Leaving Another Those What Whereas Yet So Then As Also Perhaps Only".split()
)
_TRAILING_LETTERS = re.compile(r"[A-Za-z]")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")


def _number_value(raw: str) -> float | None:
    """The value of a digit or spelled number ("1,200" -> 1200, "twenty-five" -> 25, "half a" -> 0.5)."""
    s = re.sub(r"\s+", " ", raw.strip().lower())
    if s[0].isdigit() or s[0] == ".":
        return float(s.replace(",", ""))
    if "half" in s:
        return 0.5
    if s in ("a", "an"):
        return 1.0
    if s.endswith("dozen"):
        return 12.0
    total = 0.0
    for part in re.split(r"[-\s]", s):
        if part in lx.NUMBER_WORDS:
            total += lx.NUMBER_WORDS[part]
    return total or None


@dataclass
class _Num:
    """A number with its scale, as read from one candidate."""

    start: int
    end: int
    value: float
    digits: bool
    word: str  # the spelled number, lowercased ("" for digits)
    scaled: bool
    max_scale: float = 1.0  # the largest scale word applied


def _read_scale(text: str, pos: int, num: _Num, currency: bool) -> tuple[int, bool, bool]:
    """Apply the scale words after the number ("1.5 million", "two hundred thousand", "20mn", "£400m").

    Returns (end, scaled, tentative); tentative marks a currency-only abbreviation ("400m") read without a
    currency, which only stands when a unit or a counted noun follows ("12m people")."""
    scaled = False
    for _ in range(2):
        m = _SCALE.match(text, pos)
        if not m:
            break
        word = m.group("s").lower()
        if word in ("hundred", "dozen") and (num.digits or scaled):
            break
        num.value *= lx.SCALE_WORDS[word]
        num.max_scale = max(num.max_scale, lx.SCALE_WORDS[word])
        pos, scaled = m.end(), True
    if scaled:
        return pos, True, False
    if num.digits:
        m = _CUR_ONLY_SCALE.match(text, pos)
        if m:
            num.value *= lx.CURRENCY_ONLY_SCALES[m.group("s").lower()]
            num.max_scale = lx.CURRENCY_ONLY_SCALES[m.group("s").lower()]
            return m.end(), True, not currency
    return pos, False, False


def _read_number(text: str, m: re.Match[str]) -> _Num:
    raw = m.group(0)
    value = _number_value(raw)
    return _Num(m.start(), m.end(), value or 0.0, m.group("d") is not None, "" if m.group("d") else raw.lower(), False)


#: a counted noun with up to three modifiers: "578 likely Republican primary voters"
_MAX_COUNT_WORDS = 4


def _read_count_noun(text: str, pos: int, value: float, digits: bool = False) -> tuple[int, tuple[int, int]] | None:
    """A counted plural noun after a number, with up to two modifiers ("34 more people", "55 countries");
    a casualty word counts people even for 1 written in digits ("1 Wounded")."""
    words: list[re.Match[str]] = []
    p = pos
    for _ in range(_MAX_COUNT_WORDS):
        w = _WORD.match(text, p)
        if not w:
            break
        words.append(w)
        p = w.end()
    for k, w in enumerate(words):
        word = w.group("w")
        low = word.lower()
        if low in lx.COUNT_MODIFIER_STOP or low in lx.NOT_COUNT_NOUNS:
            return None
        if k == 0 and low in lx.TOLL_WORDS and (value != 1 or digits):
            if not (len(words) > 1 and _is_count_noun(words[1].group("w"))):
                return w.end(), (w.start("w"), w.end())  # "Ten dead", "five hurt"
        if _is_count_noun(word) and value != 1:
            # a noun directly followed by "'s" or a hyphen-compound is fine; a following number is not
            return w.end(), (w.start("w"), w.end())
    return None


def _is_count_noun(word: str) -> bool:
    low = word.lower()
    if low in lx.IRREGULAR_PLURALS:
        return True
    if low in lx.NOT_COUNT_NOUNS or low in lx.CURRENCY_WORDS or low in lx.UNITS:
        return False
    if re.fullmatch(r"[A-Z]{2,}s", word):  # "MPs", "NGOs"
        return True
    return word.islower() and len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is"))


def _prefix_currency(text: str, start: int) -> tuple[str, int] | None:
    m = _PREFIX.search(text, max(0, start - 6), start)
    if not m:
        return None
    code = lx.CURRENCY_PREFIXES.get(m.group("p")) if m.group("p") else m.group("code")
    if code is None:
        return None
    return code, m.start()


def _qualifier(text: str, start: int) -> tuple[str, int] | None:
    m = _QUALIFIER.search(text, max(0, start - 25), start)
    if m:
        return re.sub(r"\s+", " ", m.group("q").lower()), m.start()
    m = _SYMBOL_QUALIFIER.search(text, max(0, start - 3), start)
    if m:
        return m.group("q"), m.start()
    return None


@dataclass
class _Tail:
    """What follows a number: its unit and factor, where the quantity ends, and the counted noun."""

    unit: str
    factor: float
    end: int
    noun_span: tuple[int, int] | None = None
    measures: str | None = None


def _read_unit(text: str, pos: int, num: _Num, currency: str | None) -> _Tail | None:
    """The unit written after the number (and its scale), or None when there is none."""
    m = _PERCENT.match(text, pos)
    if m:
        if m.group("pc"):
            return _Tail("%", 1.0, m.end())
        form = re.sub(r"\s+", " ", m.group("u").lower())
        unit, factor = lx.PERCENT_FORMS[form]
        return _Tail(unit, factor, m.end())
    if currency is None and num.scaled and num.word not in ("a", "an"):
        m = _HYPHEN_CURRENCY.match(text, pos)  # "two-million-euro": before "-pound" is read as a weight
        if m:
            return _Tail(lx.CURRENCY_WORDS[m.group("c").lower()], 1.0, m.end())
    m = _HYPHEN_UNIT.match(text, pos)
    if m:
        if m.group("u") and m.group("u").lower() == "strength":
            return _Tail("magnitude", 1.0, m.end())  # "a 6.7-strength quake"
        if m.group("strong"):
            return _Tail("count", 1.0, m.end())
        u = m.group("u").lower()
        if u in ("percent", "per-cent"):
            return _Tail("%", 1.0, m.end())
        key = u if u in lx.UNITS else u + "s"
        key = {"ton": "tons", "tonnes": "tonnes", "inchs": "inches", "foots": "feet"}.get(key, key)
        if key in lx.UNITS:
            unit, factor = lx.UNITS[key]
            return _Tail(unit, factor, m.end())
        if u == "pound":
            return _Tail("t", lx.UNITS["lbs"][1], m.end())
    if currency is None:
        m = _CUR_WORD.match(text, pos)
        if m:
            word = re.sub(r"\s+", " ", m.group("c").lower())
            if word.startswith("pound") and _OF.match(text, m.end()):
                return _Tail("t", lx.UNITS["lbs"][1], m.end())  # "10,000 pounds of explosives"
            factor = 0.01 if word in lx.CURRENCY_SUBUNITS else 1.0
            if word in ("won", "rand") and not num.scaled:
                return None  # "won 3", "the rand" are too ambiguous without a scale
            return _Tail(lx.CURRENCY_WORDS[word], factor, m.end())
        m = _CUR_CODE_AFTER.match(text, pos)
        if m:
            return _Tail(m.group("c"), 1.0, m.end())
    m = _UNIT.match(text, pos)
    if m:
        u = m.group("u")
        key = re.sub(r"\s+", " ", u.lower())
        glued = m.group("sp") == ""
        if key in lx.CASE_SENSITIVE_UNITS and (u != lx.CASE_SENSITIVE_UNITS[key] or not glued):
            return None
        if glued and key not in lx.ATTACHABLE_UNITS:
            return None
        if currency is not None and key != "magnitude":
            return None  # "$5 a ton" style rates are not handled: keep the currency
        unit, factor = lx.UNITS[key]
        if unit == "deg":
            r = _RICHTER.match(text, m.end())
            if r:
                return _Tail("magnitude", 1.0, r.end())  # "3.8 degrees on the Richter scale"
        return _Tail(unit, factor, m.end())
    m = _RICHTER.match(text, pos)
    if m:
        return _Tail("magnitude", 1.0, m.end())
    return None


def _glued_junk(text: str, pos: int) -> bool:
    """True when letters or digits are glued to the number ("1st", "737MAX", "5G", "2pm", "3:30", "3/4")."""
    if pos >= len(text):
        return False
    c = text[pos]
    if _TRAILING_LETTERS.match(c):
        return True
    return c in ":/" and pos + 1 < len(text) and text[pos + 1].isdigit()


def _is_id_context(text: str, start: int) -> bool:
    """Numbers used as names: "No. 1", "Article 5", "Boeing 737 jets", "March 3"."""
    lo = max(0, start - 20)
    if _ID_BEFORE.search(text, lo, start) or _MONTH_BEFORE.search(text, lo, start):
        return True
    m = _CAP_WORD_BEFORE.search(text, lo, start)
    if m is None:
        return False
    w = m.group("w")
    # a sentence end ("... Enforcement. Four casinos") or a possessive ("Trump's 20 ...") is no name
    return w not in _CAP_OK and not _POSSESSIVE.search(w) and not w.endswith(".")


def scan(text: str) -> list[Found]:
    """All quantities in ``text``, in order, non-overlapping."""
    out: list[Found] = []
    pos = 0
    while True:
        m = _CANDIDATE.search(text, pos)
        if not m:
            break
        found, next_pos = _parse_at(text, m)
        if found:
            out.extend(found)
        pos = max(next_pos, m.end())
    return out


def _second_number(
    text: str, pos: int, num: _Num, between: bool, currency: str | None, alternatives: bool = True
) -> tuple[_Num, int, str | None, bool] | None:
    """The upper figure of a range after ``pos`` ("-15", " to 25 million", " and $7bn"), with its end,
    currency and whether its scale is tentative. ``alternatives``: whether "X or Y" is a range ("three or
    four robbers"; not where the unit is written twice: "$10 or $100" are two amounts)."""
    sep = _AND.match(text, pos) if between else _RANGE_SEP.match(text, pos)
    if not sep:
        return None
    alternative = sep.groupdict().get("or") is not None
    if alternative and not alternatives:
        return None
    p2 = sep.end()
    cur2 = None
    for pre in _PREFIXES_LONGEST_FIRST:
        if text.startswith(pre, p2):
            cur2 = lx.CURRENCY_PREFIXES[pre]
            p2 += len(pre)
            break
    if cur2 and currency and cur2 != currency:
        return None
    if alternative and cur2:
        return None  # "$10 or $100": two amounts
    m2 = _SECOND.match(text, p2)
    if not m2 or (m2.group("d") is None) != (not num.digits):
        return None
    second = _read_number(text, m2)
    if not second.digits and second.word in ("a", "an"):
        return None
    end, second.scaled, tentative = _read_scale(text, second.end, second, (currency or cur2) is not None)
    if alternative and (second.value <= num.value or second.scaled != num.scaled):
        return None  # "one or more", "5 or 4": no range
    if _glued_junk(text, end) and not _read_unit(text, end, second, currency or cur2):
        return None
    return second, end, cur2, tentative


_PREFIXES_LONGEST_FIRST = sorted(lx.CURRENCY_PREFIXES, key=len, reverse=True)
#: qualifiers that set a lower / an upper bound
_LOWER_BOUND = frozenset(
    "at least|more than|over|upwards of|in excess of|above|well over|well above|north of|greater than|"
    "higher than|just over|>|≥".split("|")
)
_UPPER_BOUND = frozenset(
    "up to|at most|less than|fewer than|under|below|as many as|as much as|as high as|lower than|just under|"
    "<|≤".split("|")
)


def _parse_at(text: str, m: re.Match[str]) -> tuple[list[Found], int]:
    """Try to read a quantity starting at candidate ``m``; returns what was found and where to go on."""
    num = _read_number(text, m)
    start = num.start
    if num.digits and (_CLOCK_BEFORE.search(text, max(0, start - 4), start) or _CLOCK_HOUR.match(text, num.end)):
        return [], m.end()  # a clock time: "8: 41 PM", "11 : 39am", "at 10: 30"
    currency: str | None = None
    glued = False
    cur = _prefix_currency(text, start)
    if cur:
        currency, start = cur
    elif num.digits and start > 0 and text[start - 1].isalpha():
        g = _GLUED_CURRENCY.search(text, max(0, start - 4), start)
        if g is None:
            return [], m.end()  # letters glued before the digits and not a currency: "G20", "A380"
        currency, start, glued = lx.GLUED_CURRENCY_LETTERS[g.group("g")], g.start(), True
    if currency and not num.digits and num.word in ("one", "a", "an"):
        return [], m.end()
    unit_hint: str | None = None
    mag = _MAGNITUDE_BEFORE.search(text, max(0, start - 16), start)
    if mag and currency is None:
        unit_hint, start = "magnitude", mag.start()
    loose_mag = (
        unit_hint is None and currency is None and num.digits and 0 < num.value <= 10
        and _MAGNITUDE_LOOSE.search(text, max(0, start - 60), start) is not None
    )  # fmt: skip

    pos, num.scaled, tentative = _read_scale(text, num.end, num, currency is not None)
    if glued and num.max_scale < 1e6:
        return [], pos  # "e3", "p53": a glued letter is a currency only before millions
    if _glued_junk(text, pos) and not _read_unit(text, pos, num, currency):
        return [], pos
    if currency is None and _CLOCK_AFTER.match(text, pos):
        return [], pos  # "at 10 am", "41 PM"

    # ranges: "10-15%", "$10-12bn", "20 to 25 million tonnes", "between 20 and 25 million tons"
    between = _BETWEEN.search(text, max(0, start - 9), start)
    from_ = _FROM.search(text, max(0, start - 6), start)
    second: _Num | None = None
    if unit_hint is None and not loose_mag:
        got = _second_number(text, pos, num, between is not None, currency)
        if got is not None:
            second, pos, cur2, tent2 = got
            tentative = tentative or tent2
            currency = currency or cur2
            if second.scaled and not num.scaled:
                num.value *= second.max_scale  # "$10-12bn": the scale is written once
                num.scaled, num.max_scale = True, second.max_scale

    tail: _Tail | None
    if unit_hint == "magnitude":
        tail = _Tail("magnitude", 1.0, pos)
    elif currency is not None:
        tail = _Tail(currency, 1.0, pos)
    else:
        tail = _read_unit(text, pos, num, None)
        if tail is None and loose_mag:
            tail = _Tail("magnitude", 1.0, pos)  # "put the magnitude at 5.9"
        if tail is None and second is None and num.value <= 10 and _DECIMAL.fullmatch(text[num.start : num.end]):
            q = _QUAKE_AFTER.match(text, pos)
            if q:
                tail = _Tail("magnitude", 1.0, pos, (q.start("n"), q.end("n")))  # "a 5.6 quake"
        if tail is None:
            nr = _read_count_noun(text, pos, second.value if second else num.value, num.digits and second is None)
            if nr is not None:
                word = text[nr[1][0] : nr[1][1]].lower()
                tail = _Tail("count", 1.0, nr[0], nr[1], lx.CASUALTY_MEASURES.get(word) if word in lx.TOLL_WORDS else None)
        if tail is None and not tentative:
            tail = _implied_count(text, start, pos, num)
        if tail is None and not tentative and second is None:
            tail = _partitive(text, pos, num)
        if (
            tail is None
            and num.max_scale >= _BARE_SCALE_MIN
            and not tentative
            and num.word not in ("a", "an")  # "worth a thousand", "a million reasons"
            and not _time_word_follows(text, pos)
        ):
            tail = _Tail("count", 1.0, pos)  # "1.9 million", "nearly two million"
    if tail is None or (tentative and tail.unit == "count" and tail.noun_span is None):
        return [], pos
    first_end = _scale_end(text, num)
    if second is None and tail.unit != "count" and unit_hint is None:
        # the unit written twice: "10%-15%", "$5bn to $7bn", "20mn tonnes to 25mn tonnes"
        got = _second_number(text, tail.end, num, between is not None, currency, alternatives=False)
        if got is not None:
            s2, p2, _, tent2 = got
            tail2 = _Tail(currency, 1.0, p2) if currency else _read_unit(text, p2, s2, None)
            if tail2 is not None and tail2.unit == tail.unit and not tent2:
                num.value *= tail.factor / tail2.factor  # "500kg to 2 tonnes": one factor below
                first_end = tail.end
                second, tail = s2, _Tail(tail.unit, tail2.factor, tail2.end)
    if second is None and between:
        return [], pos

    # numbers that name things rather than count them
    if tail.unit == "count":
        if _is_id_context(text, start) or _RATIO_BEFORE.search(text, max(0, start - 20), start):
            return [], tail.end
        if not num.digits and num.word in lx.WEAK_NUMBER_WORDS and not num.scaled and (second is None or from_):
            return [], tail.end
    qual = _qualifier(text, between.start() if between else start)
    if tail.unit == "count" and num.digits and not num.scaled and _YEAR.fullmatch(text[num.start : num.end]):
        if qual is None:
            return [], tail.end  # "the 2016 elections"

    lo_v = num.value * tail.factor
    found: list[Found] = []
    span_start = between.start() if between else start
    # a range is written low to high; "73 percent to 25 percent", "52-48" are two figures
    split = from_ is not None or (second is not None and second.value < num.value)
    if second is not None and not split:
        hi_v = second.value * tail.factor
        lo, hi = min(lo_v, hi_v), max(lo_v, hi_v)
        found.append(Found(span_start, tail.end, (lo + hi) / 2, tail.unit, lo, hi, noun_span=tail.noun_span,
                           measures=tail.measures))
    elif second is not None:
        # "from 12 to 20 million tonnes": two figures sharing the scale and unit
        found.append(Found(start, first_end, lo_v, tail.unit))
        second_start = second.start
        found.append(Found(second_start, tail.end, second.value * tail.factor, tail.unit, noun_span=tail.noun_span,
                           measures=tail.measures))
    else:
        found.append(Found(span_start, tail.end, lo_v, tail.unit, noun_span=tail.noun_span, measures=tail.measures))
    if qual is not None:
        q, _ = qual
        f0 = found[0]
        f0.qualifier = q
        f0.approx = q not in lx.EXACT_QUALIFIERS
        if f0.low is None and f0.high is None:
            if q in _LOWER_BOUND:
                f0.low = f0.value
            elif q in _UPPER_BOUND:
                f0.high = f0.value
    return found, tail.end


#: what may not follow a figure whose noun is implied: a hyphen compound ("5-year-old"), another number
_IMPLIED_STOP_AFTER = re.compile(r"-\w|[^\S\n]*[.,/:]?\d", re.I)


def _implied_count(text: str, start: int, pos: int, num: _Num) -> _Tail | None:
    """A count whose noun a casualty word or a counting noun implies, with what it measures: "injuring 80"
    (injured), "wounding other 70", "600 were killed" (dead), "the death toll rose to 10" (dead), "a population
    of more than 100,000" (population). The span is the figure alone."""
    if not num.digits and num.word in ("a", "an", "one") or "half" in num.word:
        return None
    if _IMPLIED_STOP_AFTER.match(text, pos) or _time_word_follows(text, pos):
        return None
    if _MONTH_AFTER.match(text, pos):
        return None
    v = _CASUALTY_BEFORE.search(text, max(0, start - 50), start)
    if v is None:
        v = _CASUALTY_AFTER.match(text, pos)
    if v is not None:
        return _Tail("count", 1.0, pos, measures=lx.CASUALTY_MEASURES[v.group("v").lower()])
    h = _COUNT_HEAD_BEFORE.search(text, max(0, start - 100), start)
    if h is not None:
        noun = re.sub(r"\s+", " ", h.group("n").lower())
        return _Tail("count", 1.0, pos, measures=lx.COUNT_HEAD_NOUNS[noun])
    return None


#: a partitive: "three of the employees", "Two of the Republicans", "15 of them" (the span is the figure)
_PARTITIVE = re.compile(
    rf"{_SP}of{_SP}(?:(?P<pro>them|us|whom)(?![\w-])|(?:the|our|their|its|his|her|these|those|your|my)(?=[^\S\n]))",
    re.I,
)


def _partitive(text: str, pos: int, num: _Num) -> _Tail | None:
    """A count of part of a group: a number, "of", a determiner and a plural noun within three words
    ("seven of the officers", "Two of the Republicans"), or "of them/us/whom"."""
    if not num.digits and num.word in ("a", "an", "one") or "half" in num.word or num.scaled:
        return None
    if num.digits and _YEAR.fullmatch(text[num.start : num.end]):
        return None
    m = _PARTITIVE.match(text, pos)
    if m is None:
        return None
    if m.group("pro"):
        return _Tail("count", 1.0, pos)
    p = m.end()
    for _ in range(3):
        w = _WORD.match(text, p)
        if not w:
            return None
        word = w.group("w")
        low = word.lower()
        if low in lx.COUNT_MODIFIER_STOP or low in lx.NOT_COUNT_NOUNS:
            return None
        # capitalized plurals name groups here ("the Republicans", "the Democrats")
        if _is_count_noun(word) or (word[:1].isupper() and _is_count_noun(low)):
            return _Tail("count", 1.0, pos, (w.start("w"), w.end()))
        p = w.end()
    return None


_MONTH_AFTER = re.compile(rf"[^\S\n]+(?:{'|'.join(lx.MONTHS)})\b", re.I)
_TIME_WORD = re.compile(r"\s+(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries)\b", re.I)


def _time_word_follows(text: str, pos: int) -> bool:
    """ "two million years", "a thousand days": durations are the date extractor's."""
    return bool(_TIME_WORD.match(text, pos))


def _scale_end(text: str, num: _Num) -> int:
    """End of a number's own scale word (for the first figure of "from 12mn to 20mn")."""
    m = _SCALE.match(text, num.end) or _CUR_ONLY_SCALE.match(text, num.end)
    return m.end() if m else num.end
