"""Minimal facts from a spaCy Doc (entity mentions, calendar dates, figures), for the event index alone.

The full extract stage (``crosswire.extract``) produces richer :class:`ArticleFacts`; this module exists so the
events evaluation, the cluster tests and callers without the extract stage can build the few facts clustering
needs from one NER pass. Dates are resolved only when the text (or the article's publication date) pins them:
"Monday" in a story published 2025-11-25 is 2025-11-24; "Monday" with no publication date stays unresolved.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from ..models import Article, ArticleFacts, DateExpr, Mention, Quantity
from .features import ENTITY_TYPES, normalize_name, published_date

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
            ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
            ("november", "nov"), ("december", "dec"),
        ]
    )
    for m in names
}  # fmt: skip
_WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
_MON = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"


def _mk(y: int, m: int, d: int | None = None) -> date | None:
    try:
        return date(y, m, d or 1)
    except ValueError:
        return None


def resolve_date(text: str, published: date | None) -> tuple[str, str] | None:
    """(TimeML value, precision) of a date phrase, or None when it cannot be pinned to the calendar."""
    t = text.lower().strip()
    m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", t)
    if m and _mk(int(m.group(1)), int(m.group(2)), int(m.group(3))):
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}", "day"
    m = re.search(_MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?\s*,?\s*(\d{4})?\b", t)
    if m:
        mo, d, y = _MONTHS[m.group(1)], int(m.group(2)), m.group(3)
        year = int(y) if y else (published.year if published else None)
        if year and _mk(year, mo, d):
            if not y and published and _mk(year, mo, d) > published + timedelta(days=1):  # type: ignore[operator]
                year -= 1
            v = _mk(year, mo, d)
            if v:
                return v.isoformat(), "day"
        return None
    m = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MON + r"\s*,?\s*(\d{4})?\b", t)
    if m:
        d, mo, y = int(m.group(1)), _MONTHS[m.group(2)], m.group(3)
        year = int(y) if y else (published.year if published else None)
        v = _mk(year, mo, d) if year else None
        return (v.isoformat(), "day") if v else None
    m = re.search(_MON + r"\s*,?\s*(\d{4})\b", t)
    if m:
        return f"{int(m.group(2)):04d}-{_MONTHS[m.group(1)]:02d}", "month"
    if published is not None:
        for wd, i in _WEEKDAYS.items():
            if re.search(rf"\b{wd}\b", t):
                back = (published.weekday() - i) % 7
                if re.search(r"\b(next|coming)\b", t):
                    back = -((i - published.weekday()) % 7 or 7)
                elif re.search(r"\blast\b", t) and back == 0:
                    back = 7
                return (published - timedelta(days=back)).isoformat(), "day"
        if re.fullmatch(r"(today|this morning|this afternoon|tonight|this evening)", t):
            return published.isoformat(), "day"
        m = re.fullmatch(r"(last|this|next) week(?:'s)?", t)
        if m:
            d = published + timedelta(days={"last": -7, "this": 0, "next": 7}[m.group(1)])
            y, w, _ = d.isocalendar()
            return f"{y:04d}-W{w:02d}", "week"
        if t == "yesterday":
            return (published - timedelta(days=1)).isoformat(), "day"
        m = re.fullmatch(_MON, t)
        if m:
            mo = _MONTHS[m.group(1)]
            y = published.year if mo <= published.month else published.year - 1
            return f"{y:04d}-{mo:02d}", "month"
    m = re.fullmatch(r"(?:in\s+)?(\d{4})", t)
    if m and 1900 <= int(m.group(1)) <= 2099:
        return m.group(1), "year"
    return None


def facts_from_doc(doc: Any, article: Article) -> ArticleFacts:
    """Mentions (NER), dates (DATE/TIME entities resolved by :func:`resolve_date`) and figures of one article.

    ``doc`` must be the parse of ``article.text``.
    """
    pub = published_date(article)
    mentions: list[Mention] = []
    dates: list[DateExpr] = []
    quantities: list[Quantity] = []
    for i, ent in enumerate(doc.ents):
        span = (ent.start_char, ent.end_char)
        if ent.label_ in ENTITY_TYPES:
            head = normalize_name(ent.text)
            if head:
                mentions.append(
                    Mention(id=f"{article.id}:m{i}", article=article.id, text=ent.text, span=span, type=ent.label_, head=head)
                )
        elif ent.label_ in ("DATE", "TIME"):
            r = resolve_date(ent.text, pub)
            dates.append(
                DateExpr(
                    id=f"{article.id}:d{i}",
                    article=article.id,
                    text=ent.text,
                    span=span,
                    value=r[0] if r else None,
                    precision=r[1] if r else None,
                    type=ent.label_,
                )
            )
        elif ent.label_ in ("CARDINAL", "QUANTITY", "MONEY", "PERCENT"):
            num = re.search(r"\d+(?:[.,]\d+)*", ent.text)
            if not num:
                continue
            try:
                v = float(num.group(0).replace(",", ""))
            except ValueError:
                continue
            unit = {"MONEY": "money", "PERCENT": "%", "QUANTITY": "qty"}.get(ent.label_, "count")
            quantities.append(
                Quantity(id=f"{article.id}:q{i}", article=article.id, text=ent.text, span=span, value=v, unit=unit)
            )
    sentences = [(s.start_char, s.end_char) for s in doc.sents] if doc.has_annotation("SENT_START") else []
    return ArticleFacts(article=article.id, mentions=mentions, quantities=quantities, dates=dates, sentences=sentences)
