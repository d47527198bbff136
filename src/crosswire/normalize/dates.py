"""Publication dates: whatever a container or header line says -> ``YYYY-MM-DD`` or ISO datetime with offset.

Rules (never invent):
- a value with a date but no time -> ``YYYY-MM-DD``;
- a value with a time AND a time zone -> ``YYYY-MM-DDTHH:MM:SS+HH:MM``;
- a value with a time but no zone -> the date only (the hour is meaningless without a zone);
- a value without a year, or that cannot be parsed -> ``None``.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_WEEKDAYS = r"mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?"
#: time zone abbreviations news sites print after a time; offsets are for parsing only
TZ_ABBREV = {
    "UTC": "+00:00", "GMT": "+00:00", "Z": "+00:00", "BST": "+01:00", "CET": "+01:00", "CEST": "+02:00",
    "EST": "-05:00", "EDT": "-04:00", "CST": "-06:00", "CDT": "-05:00", "MST": "-07:00", "MDT": "-06:00",
    "PST": "-08:00", "PDT": "-07:00", "IST": "+05:30", "JST": "+09:00", "KST": "+09:00", "HKT": "+08:00",
    "SGT": "+08:00", "AEST": "+10:00", "AEDT": "+11:00",
}
# "ET"/"PT" are ambiguous between standard and daylight time: recognised as date-line tokens, no offset
_TZ_TOKENS = "|".join(sorted(list(TZ_ABBREV) + ["ET", "PT", "CT", "MT"], key=len, reverse=True))

#: one token of a line that is nothing but a date/time stamp
_DATE_TOKEN = re.compile(
    rf"""(?ix)
    (?:{_MONTHS})\.? | (?:{_WEEKDAYS})\.? |
    \d{{1,2}}[:.]\d{{2}}(?::\d{{2}})?\s*(?:[ap]\.?m\.?)? |      # 2:32 PM, 14.32
    [ap]\.?m\.? |
    \d{{4}}-\d{{2}}-\d{{2}}(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?)?(?:Z|[+-]\d{{2}}:?\d{{2}})? |
    \d{{1,2}}/\d{{1,2}}/\d{{2,4}} |
    \d{{1,4}}(?:st|nd|rd|th)? |
    (?:UTC|GMT)?[+-]\d{{1,2}}(?::?\d{{2}})? |
    (?-i:{_TZ_TOKENS}) |
    at | on | of | the
    """
)
_SEPARATORS = re.compile(r"[\s,|–—\-/•·()]+")
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s*[ap]\.?m\b", re.I)
_ISO = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$"
)


def is_date_line(line: str) -> bool:
    """True when ``line`` holds nothing but a date (with a year) and perhaps a time and weekday."""
    s = line.strip()
    if not s or len(s) > 80 or not _YEAR.search(s):
        return False
    if _ISO.match(s):
        return True
    rest = _SEPARATORS.sub(" ", s)
    for tok in rest.split():
        if not _DATE_TOKEN.fullmatch(tok):
            # tokens like "2:32" and "PM" are split by the separators pass; re-check joined forms
            return False
    return True


def _fmt(dt: datetime) -> str:
    if dt.tzinfo is None or dt.utcoffset() is None:
        return dt.date().isoformat()
    if (dt.hour, dt.minute, dt.second) == (0, 0, 0) and dt.utcoffset().total_seconds() == 0:
        # "2024-03-05T00:00:00Z" is how many CMSs write a bare date
        return dt.date().isoformat()
    return dt.replace(microsecond=0).isoformat()


def normalize_published(value: str | date | datetime | None) -> str | None:
    """A publication date as ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM:SS+HH:MM``; ``None`` when unknown."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return _fmt(value)
    if isinstance(value, date):
        return value.isoformat()
    s = str(value).strip()
    if not s:
        return None
    m = _ISO.match(s)
    if m:
        y, mo, d, hh, mm, ss, tz = m.groups()
        try:
            base = date(int(y), int(mo), int(d))
        except ValueError:
            return None
        if hh is None or tz is None:
            return base.isoformat()
        tz = "+00:00" if tz == "Z" else (tz if ":" in tz else tz[:3] + ":" + tz[3:])
        try:
            return _fmt(datetime.fromisoformat(f"{base.isoformat()}T{hh}:{mm}:{ss or '00'}{tz}"))
        except ValueError:
            return base.isoformat()
    if not _YEAR.search(s):
        return None
    if re.match(r"^[A-Za-z]{3},\s+\d{1,2}\s+[A-Za-z]{3}\s+\d{4}", s):  # RFC 822 (RSS pubDate, HTTP)
        try:
            return _fmt(parsedate_to_datetime(s))
        except (TypeError, ValueError):
            pass
    return _dateparser(s)


def _dateparser(s: str) -> str | None:
    import dateparser  # imported lazily: it loads its language data on first use

    cleaned = re.sub(r"^(?:published|updated|last updated|posted|first published|date)\s*(?:on|:)?\s*", "",
                     s, flags=re.I)
    cleaned = cleaned.replace("–", " ").replace("—", " ").replace("|", " ")
    tz_offset = None
    m = re.search(rf"\b({'|'.join(TZ_ABBREV)})\b", cleaned)
    if m:
        tz_offset = TZ_ABBREV[m.group(1)]
        cleaned = cleaned[: m.start()] + cleaned[m.end():]
    cleaned = re.sub(r"\b(?:ET|PT|CT|MT)\b", "", cleaned)
    cleaned = re.sub(r"\b(\d{1,2})\.(\d{2})\b", r"\1:\2", cleaned)  # Guardian "14.32"
    dt = dateparser.parse(
        cleaned,
        languages=["en"],
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False,
                  "PREFER_DAY_OF_MONTH": "first"},
    )
    if dt is None:
        return None
    has_time = bool(_TIME.search(cleaned))
    if has_time and tz_offset:
        return _fmt(datetime.fromisoformat(dt.replace(microsecond=0).isoformat() + tz_offset))
    return dt.date().isoformat()
