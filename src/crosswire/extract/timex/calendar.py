"""Calendar arithmetic on TIMEX3 values: parsing the reference date, weeks, quarters, seasons, shifts.

Direction codes used across the package: ``PAST`` (-1) the expression points back from the reference date,
``FUTURE`` (+1) forward, ``UNKNOWN`` (0) take the nearest plausible reading.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

PAST = -1
UNKNOWN = 0
FUTURE = 1

#: TIMEX3 season codes in calendar order inside one season-year (winter starts in December)
SEASON_ORDER = ("SP", "SU", "FA", "WI")

#: month -> (index in :data:`SEASON_ORDER`, offset of the season-year from the calendar year)
_SEASON_OF_MONTH = {
    1: (3, -1), 2: (3, -1), 3: (0, 0), 4: (0, 0), 5: (0, 0), 6: (1, 0), 7: (1, 0), 8: (1, 0),
    9: (2, 0), 10: (2, 0), 11: (2, 0), 12: (3, 0),
}  # fmt: skip

#: days either side within which an undated "Nov. 4" or a bare month counts as the nearest occurrence
HALF_YEAR_DAYS = 183

_DCT_RE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{1,2}):(\d{2}))?")


def parse_dct(dct: str | None) -> date | None:
    """The reference date of ``"YYYY-MM-DD"``, ``"YYYYMMDD"`` or an ISO datetime; None when absent or bad."""
    if not dct:
        return None
    m = _DCT_RE.match(dct.strip())
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def day_value(d: date) -> str:
    return d.isoformat()


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def week_value(d: date) -> str:
    """ISO week of a day as a TIMEX3 value, e.g. ``2026-W06``."""
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def quarter_value(year: int, q: int) -> str:
    return f"{year:04d}-Q{q}"


def shift_quarter(year: int, q: int, n: int) -> tuple[int, int]:
    """The quarter ``n`` quarters after (negative: before) ``year``-Q``q``."""
    idx = year * 4 + (q - 1) + n
    return idx // 4, idx % 4 + 1


def season_index(d: date) -> int:
    """A running index of seasons (4 per year) for a day; see :func:`season_value`."""
    k, off = _SEASON_OF_MONTH[d.month]
    return (d.year + off) * 4 + k


def season_value(index: int) -> str:
    """``YYYY-SP|SU|FA|WI``; winter carries the year it starts in (December 2025 - February 2026 = 2025-WI)."""
    return f"{index // 4:04d}-{SEASON_ORDER[index % 4]}"


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    idx = year * 12 + (month - 1) + n
    return idx // 12, idx % 12 + 1


def add_months_day(d: date, n: int) -> date:
    y, m = add_months(d.year, d.month, n)
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


#: months either side of the reference month within which the nearest reading beats the tense
NEAR_MONTHS = 1
#: days either side of the reference date within which the nearest reading of "Nov. 21" beats the tense
NEAR_DAYS = 31


def month_year(month: int, dct: date, direction: int) -> int:
    """The year of a bare month name ("December") seen from ``dct``.

    A month next to the reference month is always the adjacent one ("December" in a January story is last
    December, "February" in it is next month) whatever the tense; otherwise past tense takes the latest such
    month not after the reference month, future the next one not before it, and no tense the nearest.
    """
    diff = (month - dct.month) % 12
    if diff and (diff <= NEAR_MONTHS or diff >= 12 - NEAR_MONTHS):
        direction = UNKNOWN
    if direction == PAST:
        return dct.year if month <= dct.month else dct.year - 1
    if direction == FUTURE:
        return dct.year if month >= dct.month else dct.year + 1
    diff = month - dct.month
    if diff > 6:
        return dct.year - 1
    if diff < -6:
        return dct.year + 1
    return dct.year


def day_year(month: int, day: int, dct: date, direction: int) -> date | None:
    """A "Feb. 4" without a year, placed before, after or nearest to ``dct`` (Feb. 29 needs a leap year)."""
    cands = [safe_date(y, month, day) for y in (dct.year - 1, dct.year, dct.year + 1)]
    days = [c for c in cands if c is not None]
    if not days:
        return None
    nearest = min(days, key=lambda c: abs((c - dct).days))
    if abs((nearest - dct).days) <= NEAR_DAYS:
        return nearest
    if direction == PAST:
        past = [c for c in days if c <= dct]
        return max(past) if past else None
    if direction == FUTURE:
        fut = [c for c in days if c >= dct]
        return min(fut) if fut else None
    return min(days, key=lambda c: (abs((c - dct).days), c > dct))


def weekday_date(wd: int, dct: date, direction: int, modifier: str = "") -> date:
    """The day of a weekday name by newsroom convention.

    A bare weekday is this week's: in a past-tense sentence the latest such day on or before the
    reference date ("Monday" in a Tuesday story = yesterday, "Friday" in a Friday story = today), in a
    future one the next on or after it; with no tense signal the nearest, ties going back.
    ``last``/``next`` exclude the reference day itself; ``this`` stays in the reference ISO week.
    """
    back = (dct.weekday() - wd) % 7
    fwd = (wd - dct.weekday()) % 7
    if modifier in ("last", "past", "previous"):
        return dct - timedelta(days=back or 7)
    if modifier in ("next", "coming"):
        return dct + timedelta(days=fwd or 7)
    if modifier == "this":
        return dct + timedelta(days=wd - dct.weekday())
    if direction == PAST:
        return dct - timedelta(days=back)
    if direction == FUTURE:
        return dct + timedelta(days=fwd)
    return dct - timedelta(days=back) if back <= 3 else dct + timedelta(days=fwd)


#: a quarter at least this many quarters behind the current one is next year's in a future-tense sentence
#: ("the first quarter" in a November story that looks ahead); a nearer one is the quarter just reported
FUTURE_QUARTER_GAP = 2


def quarter_year(q: int, dct: date, direction: int) -> int:
    """The year of "the third quarter" seen from ``dct``.

    Past: the latest such quarter not after the current one. Future: next year's only when the quarter is
    well behind (earnings stories say "will report third-quarter results" in October). Unknown: the nearest,
    ties going back.
    """
    cur = quarter_of(dct)
    if direction == PAST and q > cur:
        return dct.year - 1
    if direction == FUTURE and cur - q >= FUTURE_QUARTER_GAP:
        return dct.year + 1
    if direction == UNKNOWN and q > cur and (cur - q) % 4 <= FUTURE_QUARTER_GAP:
        return dct.year - 1  # "the fourth quarter" in a February story: the one just reported
    if direction == UNKNOWN and q < cur and (q - cur) % 4 < FUTURE_QUARTER_GAP:
        return dct.year + 1  # "the first quarter" in a November story
    return dct.year


def nth_weekday(year: int, month: int, wd: int, n: int) -> date:
    """The n-th (1-based; -1 = last) weekday ``wd`` of a month, e.g. Thanksgiving = 4th Thursday of November."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - wd) % 7)
