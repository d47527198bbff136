"""Plain-text articles as people paste them: header lines become metadata and leave the text.

A paste from a news site usually starts with some of: a section label ("NEWS"), the headline, a byline
("By Jane Doe", "OAN Staff Cory Hawkins and Brooke Mallory"), a time stamp ("2:32 PM – Wednesday,
February 4, 2026", "Published: 4 February 2026", "Updated 14.32 GMT"), sometimes several on one line
separated by "|". The first paragraph may open with a dateline ("WASHINGTON (AP) — ", "BEIJING, Feb. 4
(Xinhua) -- ", "(Doha, date 2026-02-04 MENAFN - Gulf Times) ", "AsianFin -- "). The last lines may carry
a copyright notice or a wire-service credit ("(Reporting by ...; Editing by ...)").

:func:`parse_header` peels these off (only at the top and the bottom: the same words inside the article
are never touched) and returns what they say; :func:`read_text` turns a pasted file into a RawDocument.
Deliberately not done: guessing an outlet from a city-only dateline, or a date from a dateline
without a year (the text alone never invents a date).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import RawDocument
from ..normalize.dates import is_date_line, normalize_published

#: header lines looked at before giving up (section + title + byline + dates + share line fits in 8)
MAX_HEADER_LINES = 8
#: trailing lines looked at for copyright / wire credits
MAX_TRAILER_LINES = 4
#: a headline is at most this many words (AP style guides aim at < 15; long web headlines reach ~25)
MAX_TITLE_WORDS = 25
#: byline lines longer than this are prose, not bylines
MAX_BYLINE_WORDS = 14

#: wire-service tags in datelines -> outlet name (others are kept as written, e.g. "Xinhua", "Reuters")
AGENCY_NAMES = {"AP": "Associated Press", "AFP": "AFP", "UPI": "UPI", "dpa": "dpa", "DPA": "dpa"}

_SECTION = re.compile(r"^[A-Z][A-Z&/\- ]{1,24}$")
_BY = re.compile(r"^(?:by|written by|words by|author|byline)\s*:?\s+(?P<names>\S.*)$", re.I)
_STAFF = re.compile(
    r"^(?P<outlet>[A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*){0,3}) Staff(?: Writers?| Reporters?| Report)?"
    r"(?:\s*[:,\-–]?\s*(?P<names>[A-Z].*))?$"
)
_OUTLET_LINE = re.compile(r"^(?:source|outlet|publisher|publication)\s*:\s*(?P<outlet>\S.{0,60})$", re.I)
_DATE_PREFIX = re.compile(
    r"^(?P<kind>published|updated|last updated|last modified|posted|first published|date|modified)"
    r"(?:\s+(?:on|at))?\s*:?\s*", re.I
)
_ROLE = re.compile(
    r"\s*[,|–-]\s*(?:(?:senior|chief|staff|political|foreign|white house|china|business|"
    r"special|contributing)\s+)*(?:writer|reporter|correspondent|editor|columnist|contributor)s?\s*$",
    re.I,
)
_SPLIT = re.compile(r"\s+[|•·]\s+")
#: words that make the part after a comma in a byline an outlet ("By Jane Doe, Associated Press")
_OUTLET_WORDS = re.compile(
    r"\b(?:Press|News|Times|Post|Journal|Reuters|Agency|Herald|Telegraph|Tribune|Network|Media|BBC|CNN|"
    r"AP|AFP|Xinhua|Bloomberg|Guardian|Gazette|Chronicle|Daily|Wire|Radio|TV|Television)\b"
)
_MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?")

#: "(Doha, date 2026-02-04 MENAFN - Gulf Times) " -- the opening parenthesis and city are often lost in a paste
_MENAFN = re.compile(
    r"^\s*\(?\s*(?:[A-Z][\w .'-]*,\s*)?date\s+(?P<date>\d{4}-\d{2}-\d{2})\s+MENAFN\s*[-–]\s*"
    r"(?P<outlet>[^)\n]{2,60}?)\)\s*"
)
#: "WASHINGTON (AP) — ", "BEIJING, Feb. 4 (Xinhua) -- ", "LONDON, Feb 4, 2026 (Reuters) - ", "(Bloomberg) -- "
_AGENCY_DATELINE = re.compile(
    rf"^\s*(?:[A-Z][A-Za-z.'’ -]{{1,40}}?(?:,\s*[A-Z][A-Za-z.' ]{{1,30}}?)?)?"
    rf"(?:,\s*(?P<md>{_MONTH}\s+\d{{1,2}}(?:,?\s+(?P<year>\d{{4}}))?))?"
    rf"\s*\((?P<agency>[A-Z][\w.&'’ -]{{0,30}})\)\s*(?:--|[-–—])\s*(?=[A-Z0-9\"“‘'])"
)
#: "AsianFin -- U.S. President ..." (a mixed-case name and an ASCII double hyphen: an outlet tag)
_OUTLET_DASH = re.compile(r"^\s*(?P<outlet>[A-Z][\w&.'’]*(?: [A-Z][\w&.'’]*){0,3})\s+--\s+(?=[A-Z0-9\"“‘'])")
#: "WASHINGTON — " / "NEW YORK, Feb. 4 -- " (city only: stripped, no outlet)
_CITY_DASH = re.compile(
    rf"^\s*[A-Z][A-Z.'’ -]{{2,30}}(?:,\s*[A-Z][A-Za-z.' ]{{1,20}})?(?:,\s*{_MONTH}\s+\d{{1,2}})?"
    rf"\s+(?:--|—|–)\s+(?=[A-Z0-9\"“‘'])"
)
_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:(?:19|20)\d{2}\s*)?(?P<holder>[^.]{0,80}?)\.?"
    r"\s*(?:all rights reserved\.?)?$", re.I
)
_CREDITS = re.compile(r"^\(?\s*(?:additional\s+)?(?:reporting|writing) by\s+(?P<names>[^;)]+?)"
                      r"(?:\s+in\s+[A-Z][\w ]+)?\s*(?:;.*)?\)?$", re.I)


@dataclass
class Header:
    """What the header and trailer lines of a pasted article say."""

    outlet: str | None = None
    byline: str | None = None
    published: str | None = None
    title: str | None = None


def _clean_names(names: str) -> str | None:
    names = _ROLE.sub("", names.strip()).strip(" ,;|-–")
    return names or None


def _date_of(line: str) -> tuple[str | None, str]:
    m = _DATE_PREFIX.match(line)
    kind = m.group("kind").lower() if m else ""
    rest = line[m.end():] if m else line
    if is_date_line(rest):
        return normalize_published(rest), kind
    return None, kind


def _classify(part: str, h: Header, seen_updated: list[bool]) -> bool:
    """Apply one header fragment to ``h``; False when it is not a header fragment."""
    words = part.split()
    if _SECTION.match(part) and len(words) <= 3:
        return True
    m = _STAFF.match(part)
    if m and len(words) <= MAX_BYLINE_WORDS:
        h.outlet = h.outlet or m.group("outlet")
        if m.group("names"):
            h.byline = h.byline or _clean_names(m.group("names"))
        return True
    m = _BY.match(part)
    if m and len(words) <= MAX_BYLINE_WORDS and m.group("names")[:1].isupper():
        names = m.group("names")
        sub = re.split(r"\s+(?:\||for)\s+", names, maxsplit=1)
        if len(sub) == 2 and sub[1][:1].isupper():
            names, outlet = sub
            h.outlet = h.outlet or outlet.strip()
        head, comma, tail = names.rpartition(",")
        if comma and _OUTLET_WORDS.search(tail) and len(tail.split()) <= 5:
            names = head
            h.outlet = h.outlet or tail.strip()
        if names.isupper():
            names = names.title()
        h.byline = h.byline or _clean_names(names)
        return True
    m = _OUTLET_LINE.match(part)
    if m:
        h.outlet = h.outlet or m.group("outlet").strip()
        return True
    value, kind = _date_of(part)
    if value:
        if kind.startswith(("updated", "last", "modified")):
            if h.published is None:
                h.published = value
                seen_updated[0] = True
        elif h.published is None or seen_updated[0]:
            h.published = value
            seen_updated[0] = False
        return True
    return False


def _is_header_line(line: str, h: Header, seen_updated: list[bool]) -> bool:
    """Apply a whole header line (or all its "|"-separated parts) to ``h``; False when it is prose."""
    trial = Header(**vars(h))
    flag = list(seen_updated)
    if _classify(line, trial, flag) or all(
        _classify(p.strip(), trial, flag) for p in _SPLIT.split(line) if p.strip()
    ):
        h.__dict__.update(vars(trial))
        seen_updated[:] = flag
        return True
    return False


def _looks_like_title(line: str, next_line: str | None) -> bool:
    """A headline: a short line, no closing sentence punctuation, followed by a longer line."""
    words = line.split()
    return (
        next_line is not None
        and 1 < len(words) <= MAX_TITLE_WORDS
        and len(line) < len(next_line)
        and not line.endswith((".", ",", ";", ":"))
        and (line[:1].isupper() or line[:1].isdigit() or line[:1] in "“\"‘'")
    )


def _dateline(first: str, h: Header) -> str:
    """Strip a dateline from the first body paragraph, recording outlet/date it states."""
    m = _MENAFN.match(first)
    if m:
        h.outlet = h.outlet or m.group("outlet").strip()
        h.published = h.published or normalize_published(m.group("date"))
        return first[m.end():]
    m = _AGENCY_DATELINE.match(first)
    if m:
        tag = m.group("agency").strip()
        h.outlet = h.outlet or AGENCY_NAMES.get(tag, tag)
        if m.group("year") and h.published is None:
            h.published = normalize_published(m.group("md"))
        return first[m.end():]
    m = _OUTLET_DASH.match(first)
    if m and not m.group("outlet").isupper():
        h.outlet = h.outlet or m.group("outlet")
        return first[m.end():]
    m = _CITY_DASH.match(first)
    if m:
        return first[m.end():]
    return first


def parse_header(text: str) -> tuple[Header, str]:
    """Split a pasted article into what its header/trailer lines say and the remaining body text.

    The body keeps the original line structure (paragraph breaks are normalized later, in
    :func:`crosswire.normalize.article.to_article`).
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    h = Header()
    seen_updated = [False]
    i, looked = 0, 0
    nonempty = [j for j, ln in enumerate(lines) if ln.strip()]
    while i < len(lines) and looked < MAX_HEADER_LINES:
        line = lines[i].strip()
        if not line:
            i += 1
            continue
        looked += 1
        if _is_header_line(line, h, seen_updated):
            i += 1
            continue
        later = [j for j in nonempty if j > i]
        next_line = lines[later[0]].strip() if later else None
        if (
            h.title is None
            and next_line is not None
            and (_looks_like_title(line, next_line) or (
                _looks_like_title(line, line + " " * 999) and _is_header_line(next_line, Header(), [False])))
        ):
            h.title = line
            i += 1
            continue
        break
    body_lines = lines[i:]
    if body_lines:
        body_lines[0] = _dateline(body_lines[0], h)
    # trailer: copyright notices and wire credits
    end = len(body_lines)
    looked = 0
    while end > 0 and looked < MAX_TRAILER_LINES:
        line = body_lines[end - 1].strip()
        if not line:
            end -= 1
            continue
        looked += 1
        m = _COPYRIGHT.match(line)
        if m:
            holder = m.group("holder").strip(" ,")
            if holder and h.outlet is None and len(holder.split()) <= 6:
                h.outlet = holder
            end -= 1
            continue
        m = _CREDITS.match(line)
        if m and len(line.split()) <= 30:
            h.byline = h.byline or _clean_names(m.group("names"))
            end -= 1
            continue
        break
    return h, "\n".join(body_lines[:end])


def read_text(text: str, *, source: str, external_id: str) -> RawDocument:
    """A pasted plain-text article -> RawDocument with header metadata (published_from="text")."""
    h, body = parse_header(text)
    return RawDocument(
        source=source,
        external_id=external_id,
        text=body,
        kind="text",
        outlet=h.outlet,
        title=h.title,
        published=h.published,
        published_from="text" if h.published else "unknown",
        byline=h.byline,
    )
