"""Conversions between the records of :mod:`crosswire.models` and table rows (plain dicts).

Spans become ``<name>_start``/``<name>_end`` columns; the derived ``published_day`` is computed here.
Each ``*_row`` function and its ``*_from`` counterpart are exact inverses (tests/store/test_roundtrip.py).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Any

from ..errors import StoreError
from ..models import (
    Article,
    Check,
    CheckValue,
    Claim,
    DateExpr,
    EntityLabel,
    Event,
    EventRef,
    Mention,
    Quantity,
    Quote,
    Span,
    Track,
    TrackPoint,
)

Row = Mapping[Any, Any]  # a dict or SQLAlchemy's RowMapping


def _span_cols(prefix: str, span: Span | None) -> dict[str, int | None]:
    s, e = span if span is not None else (None, None)
    return {f"{prefix}_start": s, f"{prefix}_end": e}


def _span(row: Row, prefix: str) -> Span | None:
    s, e = row[f"{prefix}_start"], row[f"{prefix}_end"]
    return None if s is None else (s, e)


def finite(x: float | None) -> float | None:
    """NaN and infinities are stored as None (unknown) on both backends (SQLite turns a NaN REAL into NULL
    itself; PostgreSQL would keep it in a column and refuse it in JSON)."""
    return x if x is None or math.isfinite(x) else None


def day_of(value: str | None) -> dt.date | None:
    """The calendar day a ``published`` value falls on as written (``YYYY[-MM[-DD]]`` prefix), or None."""
    if not value:
        return None
    v = value.strip()
    try:
        if len(v) >= 10 and v[4] == "-" and v[7] == "-":
            return dt.date.fromisoformat(v[:10])
        if len(v) == 7 and v[4] == "-":
            return dt.date(int(v[:4]), int(v[5:7]), 1)
        if len(v) == 4 and v.isdigit():
            return dt.date(int(v), 1, 1)
    except ValueError:
        return None
    return None


def bound_day(value: str, *, end: bool) -> dt.date:
    """A ``since``/``until`` filter value (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``[...]) as a day.

    ``until`` (``end=True``) means the last day of the period: until="2025-10" includes October 31.
    """
    v = (value or "").strip()
    try:
        if len(v) == 4 and v.isdigit():
            return dt.date(int(v), 12, 31) if end else dt.date(int(v), 1, 1)
        if len(v) == 7 and v[4] == "-":
            y, m = int(v[:4]), int(v[5:7])
            first = dt.date(y, m, 1)
            if not end:
                return first
            nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date.fromisoformat(v[:10])
    except ValueError:
        raise StoreError(
            f"not a date: {value!r}", hint="give since/until as YYYY, YYYY-MM or YYYY-MM-DD"
        ) from None


# --- articles ----------------------------------------------------------------------------------------


def article_row(a: Article) -> dict[str, Any]:
    return {
        "id": a.id,
        "source": a.source,
        "external_id": a.external_id,
        "text": a.text,
        "outlet": a.outlet,
        "title": a.title,
        "url": a.url,
        "published": a.published,
        "published_day": day_of(a.published),
        "published_from": a.published_from,
        "byline": a.byline,
        "language": a.language,
        "language_flag": a.language_flag,
        "duplicate_of": a.duplicate_of,
        "content_hash": a.content_hash,
        "word_count": a.word_count,
    }


def article_from(r: Row) -> Article:
    return Article(
        id=r["id"],
        source=r["source"],
        external_id=r["external_id"],
        text=r["text"],
        outlet=r["outlet"],
        title=r["title"],
        url=r["url"],
        published=r["published"],
        published_from=r["published_from"],
        byline=r["byline"],
        language=r["language"],
        language_flag=r["language_flag"],
        duplicate_of=r["duplicate_of"],
        content_hash=r["content_hash"],
        word_count=r["word_count"],
    )


# --- facts -------------------------------------------------------------------------------------------


def mention_row(m: Mention, ord_: int) -> dict[str, Any]:
    return {
        "id": m.id,
        "article": m.article,
        "ord": ord_,
        "text": m.text,
        **_span_cols("span", m.span),
        "type": m.type,
        "entity": m.entity,
        "label": m.label,
        **_span_cols("label_span", m.label_span),
        "metonym": m.metonym,
        "head": m.head,
    }


def mention_from(r: Row) -> Mention:
    return Mention(
        id=r["id"],
        article=r["article"],
        text=r["text"],
        span=_span(r, "span"),  # type: ignore[arg-type]
        type=r["type"],
        entity=r["entity"],
        label=r["label"],
        label_span=_span(r, "label_span"),
        metonym=r["metonym"],
        head=r["head"],
    )


def quote_row(q: Quote, ord_: int) -> dict[str, Any]:
    return {
        "id": q.id,
        "article": q.article,
        "ord": ord_,
        "text": q.text,
        **_span_cols("span", q.span),
        "direct": q.direct,
        "speaker": q.speaker,
        **_span_cols("speaker_span", q.speaker_span),
        "speaker_entity": q.speaker_entity,
        "cue": q.cue,
        "partial": q.partial,
    }


def quote_from(r: Row) -> Quote:
    return Quote(
        id=r["id"],
        article=r["article"],
        text=r["text"],
        span=_span(r, "span"),  # type: ignore[arg-type]
        direct=bool(r["direct"]),
        speaker=r["speaker"],
        speaker_span=_span(r, "speaker_span"),
        speaker_entity=r["speaker_entity"],
        cue=r["cue"],
        partial=bool(r["partial"]),
    )


def quantity_row(q: Quantity, ord_: int) -> dict[str, Any]:
    return {
        "id": q.id,
        "article": q.article,
        "ord": ord_,
        "text": q.text,
        **_span_cols("span", q.span),
        "value": finite(q.value),
        "unit": q.unit,
        "measures": q.measures,
        "approx": q.approx,
        "low": finite(q.low),
        "high": finite(q.high),
        "qualifier": q.qualifier,
    }


def quantity_from(r: Row) -> Quantity:
    return Quantity(
        id=r["id"],
        article=r["article"],
        text=r["text"],
        span=_span(r, "span"),  # type: ignore[arg-type]
        value=r["value"],
        unit=r["unit"],
        measures=r["measures"],
        approx=bool(r["approx"]),
        low=r["low"],
        high=r["high"],
        qualifier=r["qualifier"],
    )


def date_row(d: DateExpr, ord_: int) -> dict[str, Any]:
    return {
        "id": d.id,
        "article": d.article,
        "ord": ord_,
        "text": d.text,
        **_span_cols("span", d.span),
        "value": d.value,
        "precision": d.precision,
        "type": d.type,
    }


def date_from(r: Row) -> DateExpr:
    return DateExpr(
        id=r["id"],
        article=r["article"],
        text=r["text"],
        span=_span(r, "span"),  # type: ignore[arg-type]
        value=r["value"],
        precision=r["precision"],
        type=r["type"],
    )


def claim_row(c: Claim, ord_: int) -> dict[str, Any]:
    return {
        "id": c.id,
        "article": c.article,
        "ord": ord_,
        "sentence": c.sentence,
        **_span_cols("span", c.span),
        "action": c.action,
        "actor": c.actor,
        "actor_text": c.actor_text,
        "theme": c.theme,
        "quantity": c.quantity,
        "time": c.time,
        "modality": c.modality,
        "attributed_to": c.attributed_to,
        "polarity": c.polarity,
        "event": c.event,
        "verb": c.verb,
        "slot": c.slot,
        "cue": c.cue,
    }


def claim_from(r: Row) -> Claim:
    return Claim(
        id=r["id"],
        article=r["article"],
        sentence=r["sentence"],
        span=_span(r, "span"),  # type: ignore[arg-type]
        action=r["action"],
        actor=r["actor"],
        actor_text=r["actor_text"],
        theme=r["theme"],
        quantity=r["quantity"],
        time=r["time"],
        modality=r["modality"],
        attributed_to=r["attributed_to"],
        polarity=bool(r["polarity"]),
        event=r["event"],
        verb=r["verb"],
        slot=r["slot"],
        cue=r["cue"],
    )


def period_of(value: str | None) -> tuple[dt.date | None, dt.date | None]:
    """First and last day of the calendar period a TimeML value names (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``,
    ``YYYY-Www``), (None, None) for anything else (durations, ``PAST_REF``, seasons)."""
    v = (value or "").strip()
    try:
        if len(v) == 8 and v[4:6] == "-W" and v[:4].isdigit() and v[6:].isdigit():
            start = dt.date.fromisocalendar(int(v[:4]), int(v[6:]), 1)
            return start, start + dt.timedelta(days=6)
        if len(v) == 4 and v.isdigit():
            return bound_day(v, end=False), bound_day(v, end=True)
        if (len(v) == 7 and v[4] == "-") or (len(v) == 10 and v[4] == "-" and v[7] == "-"):
            return bound_day(v, end=False), bound_day(v, end=True)
    except (ValueError, StoreError):
        pass
    return None, None


def event_ref_row(r: EventRef, ord_: int) -> dict[str, Any]:
    start, end = period_of(r.date)
    return {
        "id": r.id,
        "article": r.article,
        "ord": ord_,
        "text": r.text,
        **_span_cols("span", r.span),
        "head": r.head,
        "date": r.date,
        "date_precision": r.date_precision,
        "date_start": start,
        "date_end": end,
        "place": r.place,
        "event": r.event,
        "why": r.why,
        "entities": list(r.entities),
    }


def event_ref_from(r: Row) -> EventRef:
    return EventRef(
        id=r["id"],
        article=r["article"],
        text=r["text"],
        span=_span(r, "span"),  # type: ignore[arg-type]
        head=r["head"],
        date=r["date"],
        date_precision=r["date_precision"],
        place=r["place"],
        event=r["event"],
        why=r["why"],
        entities=list(r["entities"] or []),
    )


#: (to row, from row) per ArticleFacts attribute
FACT_CODECS: dict[str, tuple[Any, Any]] = {
    "mentions": (mention_row, mention_from),
    "quotes": (quote_row, quote_from),
    "quantities": (quantity_row, quantity_from),
    "dates": (date_row, date_from),
    "claims": (claim_row, claim_from),
    "event_refs": (event_ref_row, event_ref_from),
}


# --- entities, events, checks, tracks ----------------------------------------------------------------


def label_row(entity_id: str, lab: EntityLabel, ord_: int) -> dict[str, Any]:
    return {
        "entity": entity_id,
        "ord": ord_,
        "article": lab.article,
        "outlet": lab.outlet,
        "label": lab.label,
        **_span_cols("span", lab.span),
    }


def label_from(r: Row) -> EntityLabel:
    return EntityLabel(article=r["article"], outlet=r["outlet"], label=r["label"], span=_span(r, "span"))  # type: ignore[arg-type]


def event_row(e: Event) -> dict[str, Any]:
    return {
        "id": e.id,
        "label": e.label,
        "date": e.date,
        "date_precision": e.date_precision,
        "why": list(e.why),
        "entities": list(e.entities),
    }


def event_from(r: Row, article_ids: list[str]) -> Event:
    return Event(
        id=r["id"],
        label=r["label"],
        date=r["date"],
        date_precision=r["date_precision"],
        articles=article_ids,
        why=list(r["why"] or []),
        entities=list(r["entities"] or []),
    )


def check_row(c: Check) -> dict[str, Any]:
    return {
        "id": c.id,
        "event": c.event,
        "about": c.about,
        "status": c.status,
        "claims": list(c.claims),
        "outlets": list(c.outlets),
        "missing_from": list(c.missing_from),
        "values": [{"claim": v.claim, "value": finite(v.value), "unit": v.unit} for v in c.values],
        "modalities": [dict(m) for m in c.modalities],
        "modality_disagreement": c.modality_disagreement,
        "note": c.note,
    }


def check_from(r: Row) -> Check:
    return Check(
        id=r["id"],
        event=r["event"],
        about=r["about"],
        status=r["status"],
        claims=list(r["claims"]),
        outlets=list(r["outlets"]),
        missing_from=list(r["missing_from"]),
        values=[CheckValue(claim=v["claim"], value=v["value"], unit=v["unit"]) for v in r["values"]],
        modalities=[dict(m) for m in r["modalities"]],
        modality_disagreement=bool(r["modality_disagreement"]),
        note=r["note"],
    )


def track_row(t: Track) -> dict[str, Any]:
    return {
        "id": t.id,
        "about": t.about,
        "unit": t.unit,
        "points": [
            {"date": p.date, "value": finite(p.value), "claims": list(p.claims), "label": p.label}
            for p in t.points
        ],
    }


def track_from(r: Row) -> Track:
    return Track(
        id=r["id"],
        about=r["about"],
        unit=r["unit"],
        points=[
            TrackPoint(date=p["date"], value=p["value"], claims=list(p["claims"]), label=p.get("label"))
            for p in r["points"]
        ],
    )
