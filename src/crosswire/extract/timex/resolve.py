"""Turn one candidate match into a TIMEX3 value, precision and type, relative to the reference date.

Each resolver returns a :class:`Resolved` or None (the match is not a date after all: "May" the name,
"the fall of", an age "35-year-old"). Relative expressions without a reference date resolve to value None.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from dateutil.easter import easter

from . import calendar as cal
from .calendar import FUTURE, PAST, UNKNOWN
from .lexicon import DAY_PARTS, MONTHS, NUMBERS, ORDINALS, SEASONS, UNIT_FORMS, UNITS, VAGUE_NUMBERS, WEEKDAYS
from .patterns import Candidate

#: how far back (characters) an earlier quarter mention anchors "a year earlier", "the quarter", "the period"
QUARTER_CONTEXT_CHARS = 1500
#: words before a bare year or "May"/"March" that make it a date rather than a number or a name
DATE_PREPOSITIONS = frozenset(
    "in since by until till through from to of during before after between and early late mid around the "
    "for on as about throughout within than or".split()
)
#: two-digit years up to this many years past the reference year read as 20xx
TWO_DIGIT_FUTURE = 10

PRESENT_WORDS = frozenset(
    "now|right now|just now|currently|at present|presently|nowadays|these days|at the moment|the present|"
    "the time being".split("|")
)
PAST_WORDS = frozenset("recently|lately|the past|the distant past|recent".split("|"))
FUTURE_WORDS = frozenset("the future|soon|the near future|the foreseeable future|future".split("|"))
#: spans whose first word is dropped from the expression ("at 3 p.m." -> "3 p.m.", "by year-end")
TRIM_FIRST = frozenset({"at", "by"})

_WORD_BEFORE = re.compile(r"([\w'’]+)\W*$")
_AGE_AFTER = re.compile(r"^(?:-|\s+)(?:old|of age)\b", re.IGNORECASE)
_RATE_BEFORE = re.compile(r"(?:\d|once|twice|times|per|\$|cents?|dollars?|yuan|euros?|pounds?)\W*$", re.IGNORECASE)
_NP_AFTER = re.compile(r"^\s*(?:[\w“\"'$]|the\b)")
_SENT_BREAK = re.compile(r"[.!?;]\s|\n")
#: how far (characters) a day named earlier in a sentence still dates a clock time after it
SAME_SENTENCE_CHARS = 120
_FRACTION_AFTER = re.compile(r"\s+of\b(?!\s+(?:fiscal\s+)?\d{4})", re.IGNORECASE)


@dataclass
class Resolved:
    value: str | None
    precision: str | None
    type: str = "DATE"
    start: int | None = None  # a narrower span than the match, when the resolver trims it
    end: int | None = None


@dataclass
class Context:
    """What the resolvers know: the text, the reference date, the parse, and earlier resolved mentions."""

    text: str
    dct: date | None
    doc: Any = None
    direction_of: Callable[[int, int], int] | None = None
    date_ents: list[tuple[int, int]] = field(default_factory=list)  # spaCy DATE/TIME entity spans
    other_ents: list[tuple[int, int, str]] = field(default_factory=list)  # non-temporal entity spans
    last_quarter: tuple[int, int, int] | None = None  # (year, quarter, end offset)
    last_day: tuple[date, int] | None = None  # last resolved day and where it ended
    last_point: date | None = None  # first day of the last resolved day, month, quarter or year
    #: True while spans are being chosen, before earlier mentions are known: anaphoric expressions ("that
    #: year", "the latest period") are accepted then and dropped later if nothing before them anchors them
    probing: bool = False

    def direction(self, start: int, end: int) -> int:
        return self.direction_of(start, end) if self.direction_of else UNKNOWN

    def word_before(self, start: int) -> str:
        m = _WORD_BEFORE.search(self.text[max(0, start - 30) : start])
        return m.group(1).lower() if m else ""

    def in_date_ent(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.date_ents)

    def day_in_sentence(self, start: int) -> date:
        """The day a clock time belongs to: a day named earlier in the same sentence ("On Friday, polls close at
        8 p.m."), else the reference date (callers check that ``dct`` is set)."""
        if self.last_day is not None:
            day, end = self.last_day
            gap = self.text[end:start]
            if len(gap) <= SAME_SENTENCE_CHARS and not _SENT_BREAK.search(gap):
                return day
        return self.dct  # type: ignore[return-value]

    def quarter_context(self, start: int) -> tuple[int, int] | None:
        if self.last_quarter and start - self.last_quarter[2] <= QUARTER_CONTEXT_CHARS:
            return self.last_quarter[0], self.last_quarter[1]
        return None


def _g(c: Candidate, name: str) -> str | None:
    v = c.match.groupdict().get(name)
    return v.lower().strip() if v else None


def _capitalised(c: Candidate, name: str) -> bool:
    s = c.match.start(name)
    return s >= 0 and c.match.string[s].isupper()


def _year(s: str) -> int:
    """A four-digit year, or one read out ("nineteen ninety-seven", "two thousand and one")."""
    if s[:4].isdigit():
        return int(s[:4])
    words = re.split(r"[\s-]+", s.lower())
    if words[0] == "nineteen":
        rest = words[1:]
        return 1900 + (_TEENS[rest[0]] if len(rest) == 1 and rest[0] in _TEENS else int(_number(" ".join(rest)) or 0))
    rest = [w for w in words[2:] if w != "and"]  # "two thousand (and) one"
    return 2000 + (0 if not rest else _TEENS.get(rest[0]) or int(_number(rest[0]) or 0))


def _number(s: str | None) -> int | float | None:
    """A number word or numeral; None for vague quantities ("several")."""
    if s is None:
        return None
    s = s.lower().replace(",", "").strip()
    if s in VAGUE_NUMBERS:
        return None
    if s in NUMBERS:
        return NUMBERS[s] or 0.5
    if re.fullmatch(r"\d+", s):
        return int(s)
    if re.fullmatch(r"\d+\.\d+", s):
        return float(s)
    parts = re.split(r"[- ]", s)
    if all(p in NUMBERS for p in parts):
        return sum(NUMBERS[p] for p in parts)
    return None


def _unit(s: str) -> str:
    return UNIT_FORMS[s.lower()]


#: (letter, time unit) -> the next smaller unit, how many of it make one, and whether it is a time unit
_HALVES = {("Y", False): ("M", 12, False), ("D", False): ("H", 24, True), ("H", True): ("M", 60, True),
           ("M", True): ("S", 60, True)}  # fmt: skip


def _duration_value(n: int | float | None, unit: str) -> str:
    """``P3M``, ``PT5H``, ``PXY``; decades and centuries in years (``P20Y``), fortnights in weeks."""
    if unit == "decade":
        letter, timey, mult = "Y", False, 10
    elif unit == "century":
        letter, timey, mult = "Y", False, 100
    elif unit == "fortnight":
        letter, timey, mult = "W", False, 2
    else:
        letter, timey = UNITS[unit]
        mult = 1
    if n is None:
        amount = "X"
    else:
        total = n * mult
        if not float(total).is_integer() and float(total * 2).is_integer() and (letter, timey) in _HALVES:
            # "two and a half years" = P2Y6M, "a minute and a half" = PT1M30S (TimeML values have no fractions)
            whole = int(total)
            small, per, small_timey = _HALVES[(letter, timey)]
            head = f"{whole}{letter}" if whole else ""
            if small_timey and not timey:
                return f"P{head}T{per // 2}{small}"
            return f"P{'T' if timey else ''}{head}{per // 2}{small}"
        amount = str(int(total)) if float(total).is_integer() else str(total)
    return f"P{'T' if timey else ''}{amount}{letter}"


def _shift(anchor: date, n: int, unit: str) -> tuple[str, str] | None:
    """The value ``n`` units after ``anchor`` (negative: before) at the unit's precision."""
    if unit in ("second", "minute", "hour"):
        return cal.day_value(anchor), "day"
    if unit == "day":
        return cal.day_value(anchor + timedelta(days=n)), "day"
    if unit in ("week", "fortnight"):
        return cal.week_value(anchor + timedelta(weeks=n * (2 if unit == "fortnight" else 1))), "week"
    if unit == "month":
        return cal.month_value(*cal.add_months(anchor.year, anchor.month, n)), "month"
    if unit == "quarter":
        return cal.quarter_value(*cal.shift_quarter(anchor.year, cal.quarter_of(anchor), n)), "quarter"
    if unit == "year":
        return f"{anchor.year + n:04d}", "year"
    if unit == "decade":
        return f"{(anchor.year + 10 * n) // 10:03d}", "decade"
    if unit == "century":
        return f"{(anchor.year + 100 * n) // 100:02d}", "century"
    return None


# --- resolvers ---------------------------------------------------------------------------------------------


def r_iso(c: Candidate, ctx: Context) -> Resolved | None:
    d = cal.safe_date(int(c.match["y"]), int(c.match["m"]), int(c.match["d"]))
    if d is None:
        return None
    if c.match["h"]:
        return Resolved(f"{d.isoformat()}T{c.match['h']}:{c.match['mi']}", "time", "TIME")
    return Resolved(d.isoformat(), "day")


def r_slash(c: Candidate, ctx: Context) -> Resolved | None:
    y = int(c.match["y"])
    if y < 100:
        ref = ctx.dct.year if ctx.dct else 2000
        y = 2000 + y if 2000 + y <= ref + TWO_DIGIT_FUTURE else 1900 + y
    d = cal.safe_date(y, int(c.match["m"]), int(c.match["d"]))
    return Resolved(d.isoformat(), "day") if d else None


def _month_num(c: Candidate) -> int | None:
    return MONTHS.get((_g(c, "mon") or "").rstrip("."))


def r_monthday(c: Candidate, ctx: Context) -> Resolved | None:
    m = _month_num(c)
    if m is None or not _capitalised(c, "mon"):
        return None
    day = int(re.match(r"\d+", c.match["d"]).group())  # type: ignore[union-attr]
    if c.match["y"]:
        d = cal.safe_date(_year(c.match["y"]), m, day)
        return Resolved(d.isoformat(), "day") if d else None
    if ctx.dct is None:
        return Resolved(None, "day") if cal.safe_date(2000, m, day) else None
    d = cal.day_year(m, day, ctx.dct, ctx.direction(c.start, c.end))
    return Resolved(d.isoformat() if d else None, "day")


_REL_STRICT = {"last": PAST, "this past": PAST, "past": PAST, "next": FUTURE, "this coming": FUTURE,
               "coming": FUTURE, "the coming": FUTURE}  # fmt: skip


def r_month(c: Candidate, ctx: Context) -> Resolved | None:
    m = _month_num(c)
    mon = _g(c, "mon") or ""
    if m is None or not _capitalised(c, "mon"):
        return None
    full = mon.rstrip(".") in (
        "january february march april may june july august september october november december".split()
    )
    y, rel, rely, edge = c.match["y"], _g(c, "rel"), _g(c, "rely"), _g(c, "edge")
    if not full and not y:
        return None  # "Dec." alone is too weak
    if mon in ("may", "march") and not (y or rel or rely or edge):
        if ctx.word_before(c.start) not in DATE_PREPOSITIONS - {"and", "or", "as", "than", "to", "for"}:
            return None
    start = c.start
    if edge in TRIM_FIRST:
        start = c.match.start("mon")
    if y:
        return Resolved(cal.month_value(_year(y), m), "month", start=start)
    if ctx.dct is None:
        return Resolved(None, "month", start=start)
    if rely:
        yr = ctx.dct.year + {"this year": 0, "last year": -1, "next year": 1}[rely.strip()]
        return Resolved(cal.month_value(yr, m), "month", start=start)
    if rel in _REL_STRICT:
        d = _REL_STRICT[rel]
        if d == PAST:
            yr = ctx.dct.year if m < ctx.dct.month else ctx.dct.year - 1
        else:
            yr = ctx.dct.year if m > ctx.dct.month else ctx.dct.year + 1
    elif rel == "this":
        yr = ctx.dct.year
    else:
        yr = cal.month_year(m, ctx.dct, ctx.direction(c.start, c.end))
    return Resolved(cal.month_value(yr, m), "month", start=start)


def r_year(c: Candidate, ctx: Context) -> Resolved | None:
    y = int(c.match["y"])
    pre, edge = _g(c, "pre"), _g(c, "edge")
    ys, ye = c.match.span("y")
    if not (pre or edge):
        if any(s <= ys and ye <= e and lab in ("CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORG", "PRODUCT",
                                                "FAC", "LAW", "WORK_OF_ART") for s, e, lab in ctx.other_ents):
            return None
        after = ctx.text[ye : ye + 12]
        if not (ctx.in_date_ent(ys, ye) or ctx.word_before(ys) in DATE_PREPOSITIONS or after.startswith(("'s", "’s"))):
            return None
        if re.match(r"\s*(?:%|percent|people|units|tons|tonnes|dollars|shares|yuan|feet|meters|miles|km)\b", after):
            return None
    start = c.start
    if edge in TRIM_FIRST:
        start = ys
    return Resolved(f"{y:04d}", "year", start=start)


def r_year_short(c: Candidate, ctx: Context) -> Resolved | None:
    yy = int(c.match["y"])
    ref = ctx.dct.year if ctx.dct else 2000
    y = 2000 + yy if 2000 + yy <= ref + TWO_DIGIT_FUTURE else 1900 + yy
    return Resolved(f"{y:04d}", "year")


def r_decade(c: Candidate, ctx: Context) -> Resolved | None:
    if c.match["dec"]:
        return Resolved(c.match["dec"], "decade")
    digit = int(c.match["short"])
    ref = ctx.dct.year if ctx.dct else 1999
    century = ref // 100 if digit * 10 <= ref % 100 else ref // 100 - 1
    return Resolved(f"{century:02d}{digit}", "decade")


_ANAPHORIC_WEEKDAY = {"the previous": "last", "the preceding": "last", "the following": "next", "the next": "next"}


def r_weekday(c: Candidate, ctx: Context) -> Resolved | None:
    if not _capitalised(c, "wd"):
        return None
    if ctx.dct is None:
        return Resolved(None, "day")
    rel = _g(c, "rel") or ""
    modifier = {"this past": "last", "past": "last", "this coming": "next", "coming": "next"}.get(rel, rel)
    ref = ctx.dct
    if rel in _ANAPHORIC_WEEKDAY:
        # "the previous Friday", "the following Monday": counted from the day the text is talking about
        modifier = _ANAPHORIC_WEEKDAY[rel]
        ref = ctx.last_day[0] if ctx.last_day is not None else ctx.dct
    d = cal.weekday_date(WEEKDAYS[_g(c, "wd") or ""], ref, ctx.direction(c.start, c.end), modifier)
    part = _g(c, "part")
    if part:
        return Resolved(f"{d.isoformat()}T{DAY_PARTS[part]}", "time", "TIME")
    return Resolved(d.isoformat(), "day")


_RELDAY = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
           "the day after tomorrow": 2}  # fmt: skip


def r_relday(c: Candidate, ctx: Context) -> Resolved | None:
    w = _g(c, "w") or ""
    part = _g(c, "part") or ("night" if w == "tonight" else None)
    if ctx.dct is None:
        return Resolved(None, "time" if part else "day", "TIME" if part else "DATE")
    d = ctx.dct + timedelta(days=_RELDAY[w])
    if part:
        return Resolved(f"{d.isoformat()}T{DAY_PARTS[part]}", "time", "TIME")
    return Resolved(d.isoformat(), "day")


def r_daypart(c: Candidate, ctx: Context) -> Resolved | None:
    """Parts of the day: "this morning", "last night", "mid-afternoon yesterday", "overnight".

    "in the morning" is the morning of the day the text is talking about (the last day mentioned, else the
    publication date).
    """
    rel = _g(c, "rel") or _g(c, "rel2")
    start = c.start
    if rel == "the":
        if c.match["later"] or ctx.word_before(c.start) not in ("in", "during", "by"):
            return None
    part = "night" if c.match["over"] else (_g(c, "part") or _g(c, "part2") or "")
    if ctx.dct is None:
        return Resolved(None, "time", "TIME", start=start)
    offset = {"last": -1, "yesterday": -1, "tomorrow": 1}.get(rel or "", 0)
    if rel == "last" and part != "night":
        return None  # "last morning" is not news English
    base = ctx.dct
    if rel == "the" and ctx.last_day is not None:
        base = ctx.last_day[0]
    d = base + timedelta(days=offset)
    return Resolved(f"{d.isoformat()}T{DAY_PARTS[part]}", "time", "TIME", start=start)


_REL_SHIFT = {
    "last": -1, "past": -1, "previous": -1, "the previous": -1, "the prior": -1, "the preceding": -1,
    "the most recent": -1, "the latest": -1, "this": 0, "current": 0, "the current": 0, "the present": 0,
    "the same": 0, "next": 1, "coming": 1, "the coming": 1, "the following": 1, "the upcoming": 1,
}  # fmt: skip
#: relative words anchored on the last mentioned time rather than the publication date
_ANAPHORIC_REL = frozenset({"the following", "the previous", "the prior", "the preceding"})
#: "the past year", "the next month": spans of time (TimeML DURATION), not calendar units
_DURATIVE_REL = frozenset({"the past", "the last", "the next", "the coming"})
_YEARISH = frozenset({"year", "fiscal year", "calendar year", "financial year", "school year", "academic year"})


def _season_pick(code: str, dct: date, direction: int, strict: bool) -> int:
    """Season index for a season word: strict past/future for last/next, else by direction, else nearest."""
    k = cal.SEASON_ORDER.index(code)
    cur = cal.season_index(dct)
    cands = [y * 4 + k for y in (dct.year - 2, dct.year - 1, dct.year, dct.year + 1)]
    if direction == PAST:
        return max(i for i in cands if (i < cur if strict else i <= cur))
    if direction == FUTURE:
        return min(i for i in cands if (i > cur if strict else i >= cur))
    return min(cands, key=lambda i: (abs(i - cur), -i))


def r_relunit(c: Candidate, ctx: Context) -> Resolved | None:
    rel, unit, edge = _g(c, "rel") or "", _g(c, "unit") or "", _g(c, "edge")
    start = c.match.start("rel") if edge in TRIM_FIRST else c.start
    if unit == "term":
        return None
    if rel in _DURATIVE_REL and unit in ("week", "month", "year", "decade", "century", "quarter", "fiscal year"):
        u = "year" if unit == "fiscal year" else unit
        return Resolved(_duration_value(1, u), "duration", "DURATION", start=start)
    if rel in _DURATIVE_REL:
        rel = {"the past": "last", "the last": "last", "the next": "next", "the coming": "next"}[rel]
    if rel == "that":
        # "that year", "that month": the one of the last date mentioned (no earlier date: not a time)
        if unit not in ("year", "month"):
            return None
        if ctx.last_point is None:
            return Resolved(None, unit) if ctx.probing else None
        p = ctx.last_point
        value = f"{p.year:04d}" if unit == "year" else cal.month_value(p.year, p.month)
        return Resolved(value, unit, start=start)
    k = _REL_SHIFT.get(rel)
    if k is None:
        return None
    if ctx.dct is None:
        return Resolved(None, unit if unit in ("week", "month", "quarter", "decade") else "year", start=start)
    dct = ctx.dct
    if rel in _ANAPHORIC_REL and ctx.last_point is not None:
        dct = ctx.last_point  # "the following year": the year after the one just mentioned
    if unit == "week":
        return Resolved(cal.week_value(dct + timedelta(weeks=k)), "week", start=start)
    if unit == "weekend":
        sat = dct + timedelta(days=(5 - dct.weekday()))  # this ISO week's Saturday
        if k < 0:
            sat = dct - timedelta(days=(dct.weekday() - 5) % 7 or 7)
        elif k > 0:
            sat = sat + timedelta(weeks=1) if dct.weekday() >= 5 else sat
        return Resolved(cal.week_value(sat) + "-WE", "week", start=start)
    if unit == "month":
        return Resolved(cal.month_value(*cal.add_months(dct.year, dct.month, k)), "month", start=start)
    if unit in _YEARISH:
        return Resolved(f"{dct.year + k:04d}", "year", start=start)
    if unit == "quarter":
        return Resolved(cal.quarter_value(*cal.shift_quarter(dct.year, cal.quarter_of(dct), k)), "quarter",
                        start=start)  # fmt: skip
    if unit == "half":
        h = (dct.month - 1) // 6 + k
        return Resolved(f"{dct.year + h // 2:04d}-H{h % 2 + 1}", "half", start=start)
    if unit == "decade":
        return Resolved(f"{(dct.year + 10 * k) // 10:03d}", "decade", start=start)
    if unit == "century":
        return Resolved(f"{(dct.year + 100 * k) // 100:02d}", "century", start=start)
    if unit == "season":
        return Resolved(cal.season_value(cal.season_index(dct) + k), "season", start=start)
    code = SEASONS[unit]
    strict = k != 0
    direction = PAST if k < 0 else FUTURE if k > 0 else UNKNOWN
    return Resolved(cal.season_value(_season_pick(code, dct, direction, strict)), "season", start=start)


def r_unit_end(c: Candidate, ctx: Context) -> Resolved | None:
    unit = _g(c, "unit") or _g(c, "unit2") or ""
    start = c.start + 3 if ctx.text[c.start : c.start + 3].lower() == "by " else c.start
    if ctx.dct is None:
        return Resolved(None, unit, start=start)
    dct = ctx.dct
    value = {
        "week": cal.week_value(dct),
        "month": cal.month_value(dct.year, dct.month),
        "year": f"{dct.year:04d}",
        "quarter": cal.quarter_value(dct.year, cal.quarter_of(dct)),
        "decade": f"{dct.year // 10:03d}",
        "century": f"{dct.year // 100:02d}",
    }[unit]
    return Resolved(value, unit, start=start)


def _anchor(ctx: Context, start: int) -> date | None:
    """The reference for anaphoric shifts ("three weeks earlier"): the last day mentioned, else the DCT."""
    if ctx.last_day is not None:
        return ctx.last_day[0]
    return ctx.dct


def r_shift(c: Candidate, ctx: Context) -> Resolved | None:
    unit_word = (_g(c, "unit") or "").lower()
    unit = _unit(unit_word)
    num_s = _g(c, "num")
    n = _number(num_s)
    vague = n is None
    if num_s is None and not unit_word.endswith("s"):
        return None
    direction_word = _g(c, "dir") or ""
    # "two months before the visit": a duration followed by its signal word, not a point in time
    if direction_word in ("before", "after", "prior", "back") and _NP_AFTER.match(ctx.text[c.end : c.end + 20]):
        end = c.match.end("unit")
        start = c.match.start("num") if num_s else c.match.start("unit")
        return Resolved(_duration_value(n, unit), "duration", "DURATION", start=start, end=end)
    sign = -1 if direction_word in ("ago", "earlier", "before", "prior", "previously", "back") else 1
    deictic = direction_word in ("ago", "from now", "hence", "back")
    if vague:
        return Resolved("PAST_REF" if sign < 0 else "FUTURE_REF", "past" if sign < 0 else "future")
    if ctx.dct is None:
        return Resolved(None, "day" if unit in ("day", "hour", "minute", "second") else unit)
    if unit == "year" and n == 1:
        # earnings copy: "a year earlier" after "the third quarter" is that quarter a year before
        q = ctx.quarter_context(c.start)
        if q is not None:
            return Resolved(cal.quarter_value(q[0] - 1, q[1]), "quarter")
    anchor = ctx.dct if deictic else _anchor(ctx, c.start)
    if anchor is None or not float(n).is_integer():
        return Resolved(None, unit)
    res = _shift(anchor, sign * int(n), unit)
    return Resolved(res[0], res[1]) if res else None


def r_yearago(c: Candidate, ctx: Context) -> Resolved | None:
    base, n = _g(c, "base") or "year", _g(c, "n")
    if n in ("nine months", "six months"):
        return Resolved(_duration_value(int(n.split()[0] == "nine" and 9 or 6), "month"), "duration", "DURATION")
    if ctx.dct is None:
        return Resolved(None, base)
    if base == "month":
        return Resolved(cal.month_value(*cal.add_months(ctx.dct.year, ctx.dct.month, -1)), "month")
    q = ctx.quarter_context(c.start)
    if base == "quarter":
        y, qq = q if q else (ctx.dct.year, cal.quarter_of(ctx.dct))
        return Resolved(cal.quarter_value(*cal.shift_quarter(y, qq, -1)), "quarter")
    if n in ("quarter", "period") or (q is not None and n not in ("year", "month")):
        y, qq = q if q else cal.shift_quarter(ctx.dct.year, cal.quarter_of(ctx.dct), -1)
        return Resolved(cal.quarter_value(y - 1, qq), "quarter")
    return Resolved(f"{ctx.dct.year - 1:04d}", "year")


def r_quarter(c: Candidate, ctx: Context) -> Resolved | None:
    what = _g(c, "what") or "quarter"
    ords = _g(c, "ord") or ""
    k = ORDINALS.get(ords, 4)
    if what == "half" and ords in ("last", "final"):
        k = 2
    if what != "half" and ords == "last":
        return None  # "the last quarter" is handled as a relative unit
    pre_text = (c.match.group(0)[: c.match.start("ord") - c.start]).lower()
    if what == "period" and "fiscal" not in pre_text:
        return None  # "the third period" of a hockey game
    if what == "half" and k > 2:
        return None
    y_s = c.match["y"] or c.match["y2"] or c.match["yb"]
    year: int | None = _year(y_s) if y_s else None
    rely = _g(c, "rely")
    dct = ctx.dct
    if year is None and dct is not None:
        if rely:
            year = dct.year + {"this year": 0, "last year": -1, "next year": 1, "the year": 0}[rely]
        elif "last year's" in pre_text:
            year = dct.year - 1
        elif "next year's" in pre_text:
            year = dct.year + 1
        elif "this year's" in pre_text:
            year = dct.year
        elif what == "half":
            year = dct.year if k <= (dct.month - 1) // 6 + 1 else dct.year - 1
        else:
            year = cal.quarter_year(k, dct, ctx.direction(c.start, c.end))
        if "year-earlier" in pre_text or "year-ago" in pre_text:
            year -= 1
    if year is None:
        return Resolved(None, "half" if what == "half" else "quarter")
    if what == "half":
        return Resolved(f"{year:04d}-H{k}", "half")
    return Resolved(cal.quarter_value(year, k), "quarter")


def r_qcode(c: Candidate, ctx: Context) -> Resolved | None:
    s = c.match.group(0)
    if s != s.upper():
        return None
    if c.match["h"]:
        return Resolved(f"{_year(c.match['y3'])}-H{c.match['h']}", "half")
    q = int(c.match["q"] or c.match["q2"])
    if c.match["y"]:
        return Resolved(cal.quarter_value(_year(c.match["y"]), q), "quarter")
    if c.match["ys"]:
        return Resolved(cal.quarter_value(2000 + int(c.match["ys"]), q), "quarter")
    if ctx.dct is None:
        return Resolved(None, "quarter")
    year = cal.quarter_year(q, ctx.dct, ctx.direction(c.start, c.end))
    return Resolved(cal.quarter_value(year, q), "quarter")


def r_quarter_anaphor(c: Candidate, ctx: Context) -> Resolved | None:
    s = c.match.group(0).lower()
    what = _g(c, "what")
    q = ctx.quarter_context(c.start)
    if what == "period" and q is None:
        return Resolved(None, "quarter") if ctx.probing else None
    if ctx.dct is None:
        return Resolved(None, "quarter")
    if c.match["y"] and q is None:
        return None
    cur = (ctx.dct.year, cal.quarter_of(ctx.dct))
    first = s.split()[0]
    if first == "this" or "current" in s:
        return Resolved(cal.quarter_value(*cur), "quarter")
    if first == "next":
        return Resolved(cal.quarter_value(*cal.shift_quarter(*cur, 1)), "quarter")
    if first == "last" and q is None:
        return Resolved(cal.quarter_value(*cal.shift_quarter(*cur, -1)), "quarter")
    y, qq = q if q else cal.shift_quarter(*cur, -1)
    if c.match["y"]:
        y = _year(c.match["y"])
    return Resolved(cal.quarter_value(y, qq), "quarter")


def r_season(c: Candidate, ctx: Context) -> Resolved | None:
    s = _g(c, "s") or ""
    rel, y = _g(c, "rel"), c.match["y"]
    edge = _g(c, "edge") or _g(c, "edge2")
    if s in ("fall", "spring") and not (rel or y or edge):
        return None
    if rel == "the" and not y and re.match(r"\s+of\b", ctx.text[c.end : c.end + 5]):
        return None  # "the fall of the regime"
    code = SEASONS[s]
    if y:
        return Resolved(f"{_year(y):04d}-{code}", "season")
    if ctx.dct is None:
        return Resolved(None, "season")
    k = {"last": -1, "this past": -1, "the last": -1, "the previous": -1, "the past": -1, "next": 1,
         "this coming": 1, "the coming": 1, "the next": 1}.get(rel or "", 0)  # fmt: skip
    if k:
        idx = _season_pick(code, ctx.dct, PAST if k < 0 else FUTURE, strict=True)
    elif rel in ("this", "the current"):
        idx = _season_pick(code, ctx.dct, UNKNOWN, strict=False)
    else:
        idx = _season_pick(code, ctx.dct, ctx.direction(c.start, c.end), strict=False)
    return Resolved(cal.season_value(idx), "season")


def r_ref(c: Candidate, ctx: Context) -> Resolved | None:
    w = _g(c, "w") or ""
    after = ctx.text[c.end : c.end + 20]
    if w in ("current", "future", "the present"):
        return None  # adjectives ("current account", "future generations"): too often not a time
    if w == "recent" and not re.match(r"\s+(?:days|weeks|months|years|times|decades|history|memory)\b", after):
        return None
    if w == "now" and re.match(r"\s*-", after):
        return None
    start = c.start
    if w.startswith("at "):
        start = c.start + 3
    if w in PRESENT_WORDS:
        return Resolved("PRESENT_REF", "present", start=start)
    if w in PAST_WORDS:
        return Resolved("PAST_REF", "past", start=start)
    if w in FUTURE_WORDS:
        return Resolved("FUTURE_REF", "future", start=start)
    return None


def r_duration(c: Candidate, ctx: Context) -> Resolved | None:
    unit_word = _g(c, "unit") or ""
    unit = _unit(unit_word)
    num_s = _g(c, "num")
    n = _number(num_s)
    det = _g(c, "det")
    if n is not None and (c.match["half"] or c.match["half2"]):
        n += 0.5
    if _AGE_AFTER.match(ctx.text[c.end : c.end + 10]) or ctx.word_before(c.start) == "aged":
        return None
    if n is not None and n >= 1000 and unit not in ("second", "minute"):
        return None  # "the 1988 quarter" is a date, "2025 years" is noise
    if num_s in ("a", "an") and det is None and unit in ("day", "week", "month", "year", "hour"):
        if _RATE_BEFORE.search(ctx.text[max(0, c.start - 12) : c.start]):
            return Resolved(_duration_value(1, unit), "set", "SET")
    if num_s in ("some",) and not unit_word.endswith("s"):
        return None
    # fractions, not spans of quarters: "three-quarters of the vote", "a quarter of exports", "four-quarter average"
    fraction = num_s in ("a", "an", "one", "three") and _FRACTION_AFTER.match(ctx.text[c.end : c.end + 12])
    if unit == "quarter" and ("-" in c.match.group(0) or fraction):
        return None
    if n is None and num_s not in VAGUE_NUMBERS:
        return None
    if n is not None and n == 0:
        return None
    start = c.start
    if det in ("a", "an", "another") and num_s not in ("a", "an"):
        start = c.match.start("adj") if c.match["adj"] else c.match.start("approx") if c.match["approx"] else (
            c.match.start("num"))  # "a 16-hour standoff" -> "16-hour"
    return Resolved(_duration_value(n, unit), "duration", "DURATION", start=start)


def r_vague_duration(c: Candidate, ctx: Context) -> Resolved | None:
    unit = _unit(_g(c, "unit") or _g(c, "unit2") or _g(c, "unit3") or "")
    start = c.match.start("unit3") if c.match["unit3"] else c.start
    return Resolved(_duration_value(None, unit), "duration", "DURATION", start=start)


def r_weekend(c: Candidate, ctx: Context) -> Resolved | None:
    start = c.match.start(0) + len(c.match["prep"]) + 1 if c.match["prep"] else c.start
    if ctx.dct is None:
        return Resolved(None, "week", start=start)
    dct = ctx.dct
    if ctx.direction(c.start, c.end) == FUTURE:
        sat = dct + timedelta(days=(5 - dct.weekday()) % 7) if dct.weekday() != 6 else dct
    else:
        sat = dct - timedelta(days=(dct.weekday() - 5) % 7)
    return Resolved(cal.week_value(sat) + "-WE", "week", start=start)


_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19, "hundred": 0}  # fmt: skip


def r_spoken_year(c: Candidate, ctx: Context) -> Resolved | None:
    """Broadcast transcripts: "nineteen ninety-six", "two thousand and one", "the year two thousand"."""
    if c.match["t"]:
        t = _g(c, "t") or ""
        n = _TEENS[t] if t in _TEENS else _number(t)
        return Resolved(f"{1900 + int(n or 0):04d}", "year") if n is not None else None
    o = _g(c, "o")
    n = 0 if not o else (_TEENS.get(o) or _number(o) or 0)
    return Resolved(f"{2000 + int(n):04d}", "year")


def r_time(c: Candidate, ctx: Context) -> Resolved | None:
    g = c.match.groupdict()
    start = c.start
    if g.get("approx") == "at" or (g.get("approx") or "").lower() == "at":
        start = c.match.start("h")
    if g["noon"]:
        hh, mm = (12, 0) if g["noon"].lower() in ("noon", "midday") else (24, 0)
    elif g["h24"] is not None:
        if not (g["tz24"] or ctx.word_before(c.start) in ("at", "by", "until", "from", "after", "before")):
            return None
        hh, mm = int(g["h24"]), int(g["mi24"])
    else:
        hh, mm = int(g["h"]), int(g["mi"] or 0)
        if hh > 12:
            return None
        pm = g["ap"].lower().startswith("p")
        hh = (hh % 12) + (12 if pm else 0)
    if ctx.dct is None:
        return Resolved(None, "time", "TIME", start=start)
    return Resolved(f"{ctx.day_in_sentence(c.start).isoformat()}T{hh:02d}:{mm:02d}", "time", "TIME", start=start)


_FIXED_HOLIDAYS = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
                   "new year's": (1, 1), "new year's day": (1, 1), "new year's eve": (12, 31),
                   "independence day": (7, 4), "halloween": (10, 31), "valentine's day": (2, 14),
                   "veterans day": (11, 11), "boxing day": (12, 26)}  # fmt: skip


def _holiday_date(name: str, year: int) -> date:
    if name in _FIXED_HOLIDAYS:
        return date(year, *_FIXED_HOLIDAYS[name])
    if name.startswith("thanksgiving"):
        return cal.nth_weekday(year, 11, 3, 4)
    if name == "labor day":
        return cal.nth_weekday(year, 9, 0, 1)
    if name == "memorial day":
        return cal.nth_weekday(year, 5, 0, -1)
    return easter(year)


def r_holiday(c: Candidate, ctx: Context) -> Resolved | None:
    if not _capitalised(c, "h"):
        return None
    name = _g(c, "h") or ""
    if c.match["y"]:
        return Resolved(_holiday_date(name, _year(c.match["y"])).isoformat(), "day")
    if ctx.dct is None:
        return Resolved(None, "day")
    direction = ctx.direction(c.start, c.end)
    days = [_holiday_date(name, y) for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)]
    if direction == PAST:
        d = max(x for x in days if x <= ctx.dct)
    elif direction == FUTURE:
        d = min(x for x in days if x >= ctx.dct)
    else:
        d = min(days, key=lambda x: abs((x - ctx.dct).days))  # type: ignore[operator]
    return Resolved(d.isoformat(), "day")


_SET_WORDS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
              "yearly": "P1Y", "quarterly": "P1Q", "hourly": "PT1H"}  # fmt: skip


def r_set(c: Candidate, ctx: Context) -> Resolved | None:
    g = c.match.groupdict()
    if g["w"]:
        return Resolved(_SET_WORDS[g["w"].lower()], "set", "SET")
    u = (g["u"] or g["u2"] or g["u3"] or "").lower()
    if g["per"] and g["per"].lower() == "a" and not _RATE_BEFORE.search(ctx.text[max(0, c.start - 12) : c.start]):
        return None
    if u in ("morning", "night", "evening"):
        return Resolved(f"XXXX-XX-XXT{DAY_PARTS[u]}", "set", "SET")
    return Resolved(_duration_value(1, _unit(u)), "set", "SET")


def r_set_day(c: Candidate, ctx: Context) -> Resolved | None:
    """Recurring days and months: "each Thursday", "on Mondays", "Tuesday nights", "every July"."""
    if c.match["mon"]:
        if not _capitalised(c, "mon"):
            return None
        return Resolved(f"XXXX-{MONTHS[_g(c, 'mon') or '']:02d}", "set", "SET")
    name = "wd" if c.match["wd"] else "wds" if c.match["wds"] else "wd2"
    if not _capitalised(c, name):
        return None
    value = f"XXXX-WXX-{WEEKDAYS[_g(c, name) or ''] + 1}"
    part = _g(c, "part") or _g(c, "parts")
    if part:
        value += f"T{DAY_PARTS[part]}"
    return Resolved(value, "set", "SET")


_CENTURY_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}  # fmt: skip


def r_century(c: Candidate, ctx: Context) -> Resolved | None:
    """Ordinal centuries: "the 20th century" = 1900-1999 = TIMEX3 ``19``; "twenty-first century" = ``20``."""
    if c.match["n"]:
        n = int(c.match["n"])
    else:
        words = re.split(r"[\s-]+", _g(c, "w") or "")
        n = (20 if words[0] == "twenty" and len(words) > 1 else 0) + _CENTURY_WORDS[words[-1]]
    if not 1 <= n <= 30:
        return None
    return Resolved(f"{n - 1:02d}", "century")


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}  # fmt: skip


def r_decade_word(c: Candidate, ctx: Context) -> Resolved | None:
    """Decades in words, "the nineties", "the early sixties": decades of the 20th century (TIMEX3 ``199``)."""
    return Resolved(f"19{_DECADE_WORDS[_g(c, 'dw') or '']}", "decade")


def r_the_unit(c: Candidate, ctx: Context) -> Resolved | None:
    """Anaphoric "the year" and "earlier in the day" (TimeML: the unit containing the reference time).

    "for the year", "the full year", "the fiscal year" in a story mean the current year; "the year ended
    March 31" is a one-year span ending at the date that follows (DURATION ``P1Y``); "later in the day" is
    the day the text is talking about: the last day mentioned, else the publication date.
    """
    unit, edge = _g(c, "unit"), _g(c, "edge")
    if unit == "day":
        if not edge:
            return None  # a bare "the day" is too often not a date ("the day's biggest gainer")
        if ctx.dct is None:
            return Resolved(None, "day")
        return Resolved((ctx.last_day[0] if ctx.last_day else ctx.dct).isoformat(), "day")
    if c.match["ended"]:
        return Resolved("P1Y", "duration", "DURATION")
    if ctx.dct is None:
        return Resolved(None, "year")
    return Resolved(f"{ctx.dct.year:04d}", "year")


RESOLVERS: dict[str, Callable[[Candidate, Context], Resolved | None]] = {
    "set_day": r_set_day, "century": r_century, "decade_word": r_decade_word, "the_unit": r_the_unit,
    "iso": r_iso, "slash": r_slash, "mdy": r_monthday, "dmy": r_monthday, "month": r_month, "year": r_year,
    "year_short": r_year_short, "decade": r_decade, "weekday": r_weekday, "relday": r_relday,
    "daypart": r_daypart, "relunit": r_relunit, "unit_end": r_unit_end, "shift": r_shift,
    "yearago": r_yearago, "quarter": r_quarter, "qcode": r_qcode, "quarter_anaphor": r_quarter_anaphor,
    "season": r_season, "ref": r_ref, "duration": r_duration, "vague_duration": r_vague_duration,
    "time": r_time, "holiday": r_holiday, "set": r_set, "weekend": r_weekend, "spoken_year": r_spoken_year,
}  # fmt: skip


def resolve(c: Candidate, ctx: Context) -> Resolved | None:
    """Resolve one candidate, or None when the match is not a temporal expression."""
    return RESOLVERS[c.kind](c, ctx)
