"""Date expressions resolved against the publication date (TimeML TIMEX3 values).

Candidates come from the compiled patterns in :mod:`crosswire.extract.timex.patterns`; the spaCy parse, when
given, supplies the tense of the governing verb (weekdays, bare months, undated "Feb. 4", quarters and seasons
point back in a past-tense sentence and forward in a future one) and its DATE entities decide whether a bare
"2019" is a year. Resolution is pure calendar arithmetic (:mod:`crosswire.extract.timex.resolve`); dateparser is
not used. With no publication date every relative expression keeps value None; absolute ones ("Feb. 4, 2026",
"2025", "Q3 2025") still resolve.

Public functions:

* :func:`find_dates` ``(text, dct, doc=None) -> list[DateExpr]`` on plain text (used by the evaluation);
* :func:`extract_dates` ``(doc, article) -> list[DateExpr]`` for the extract stage.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from ..models import Article, DateExpr
from .timex import calendar as cal
from .timex.patterns import candidates, select
from .timex.resolve import Context, resolve
from .timex.tense import direction

#: candidate kinds whose quarter anchors later "a year earlier" / "the quarter" (not the anaphoric ones)
QUARTER_ANCHORS = frozenset({"quarter", "qcode", "relunit"})
#: precisions whose value starts with a parseable YYYY[-MM[-DD]] that anchors "the following year"
POINT_PRECISIONS = frozenset({"day", "month", "year", "quarter"})
#: a clock time followed by its day ("10 p.m. Wednesday", "5 p.m. EST, Nov. 9") is one expression
_TIME_DAY_GAP = re.compile(r"^(?:,\s*|\s+)(?:on\s+)?$")
#: spaCy entity labels that mark a span as temporal (a bare "2019" inside one is a year)
TEMPORAL_LABELS = frozenset({"DATE", "TIME"})


def _context(text: str, dct: str | None, doc: Any) -> Context:
    ref = cal.parse_dct(dct)
    ctx = Context(text=text, dct=ref, doc=doc)
    ctx.direction_of = lambda s, e: direction(text, s, e, doc)
    if doc is not None:
        for ent in doc.ents:
            span = (ent.start_char, ent.end_char)
            if ent.label_ in TEMPORAL_LABELS:
                ctx.date_ents.append(span)
            else:
                ctx.other_ents.append((*span, ent.label_))
    return ctx


def find_dates(text: str, dct: str | None, doc: Any = None, *, article_id: str = "") -> list[DateExpr]:
    """Every temporal expression in ``text``, resolved against the reference date ``dct``.

    ``dct`` is ``"YYYY-MM-DD"`` or an ISO datetime (None: relative expressions get value None).
    ``doc`` is an optional spaCy Doc of exactly ``text``; it improves tense decisions and bare years.
    Ids are ``f"{article_id}:d{i}"`` in text order.
    """
    ctx = _context(text, dct, doc)
    # pass 1: pick spans, longest first, skipping matches a resolver rejects ("last quarter" read as an
    # ordinal quarter fails and leaves room for the relative reading); pass 2 resolves them in text order
    # so that anaphoric expressions see what came before them
    probe = _context(text, dct, doc)
    probe.probing = True
    chosen = select(candidates(text), lambda c: resolve(c, probe) is not None)
    out: list[DateExpr] = []
    for cand in chosen:
        res = resolve(cand, ctx)
        if res is None:
            continue
        start = res.start if res.start is not None else cand.start
        end = res.end if res.end is not None else cand.end
        value = res.value
        if value and res.precision == "quarter" and cand.kind in QUARTER_ANCHORS:
            ctx.last_quarter = (int(value[:4]), int(value[-1]), end)
        if value and res.precision in POINT_PRECISIONS:
            point = _start_of(value)
            if point is not None:
                ctx.last_point = point
                if res.precision == "day":
                    ctx.last_day = (point, end)
        if out and _merge_time_day(text, out[-1], start, value, res.precision):
            prev = out[-1]
            prev.span = (prev.span[0], end)
            prev.text = text[prev.span[0] : end]
            continue
        out.append(
            DateExpr(
                id=f"{article_id}:d{len(out)}",
                article=article_id,
                text=text[start:end],
                span=(start, end),
                value=value,
                precision=res.precision,
                type=res.type,
            )
        )
    return out


def _start_of(value: str) -> date | None:
    """First day of a ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``YYYY-Qn`` value."""
    m = re.match(r"(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|Q([1-4])))?$", value)
    if not m:
        return None
    month = int(m.group(2)) if m.group(2) else (int(m.group(4)) - 1) * 3 + 1 if m.group(4) else 1
    return cal.safe_date(int(m.group(1)), month, int(m.group(3) or 1))


def _merge_time_day(text: str, prev: DateExpr, start: int, value: str | None, precision: str | None) -> bool:
    """Fold a day right after a clock time into the time ("noon Thursday"); True when merged."""
    if prev.type != "TIME" or precision != "day" or "T" not in (prev.value or "T"):
        return False
    if not _TIME_DAY_GAP.match(text[prev.span[1] : start]):
        return False
    if prev.value and value:
        prev.value = value + prev.value[prev.value.index("T") :]
    return True


def extract_dates(doc: Any, article: Article) -> list[DateExpr]:
    """Date expressions of one article; ``doc`` is the spaCy Doc of ``article.text`` (or None)."""
    return find_dates(article.text, article.published, doc, article_id=article.id)
