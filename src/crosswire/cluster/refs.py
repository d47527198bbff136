"""Events referred to inside articles ("their meeting in Busan in October", "the December arms sale",
"last week's earthquake") and their links to stored events.

:func:`find_event_refs` reads a spaCy Doc: a noun whose lemma is an event noun (``features.EVENT_NOUNS``) is a
reference to a *past or other* event when its phrase pins it down: a date ("in October", "December", "last
week's"), a place ("in Busan"), or a possessive/definite determiner pointing back ("their meeting", "the
summit"). :func:`link_refs` then links each reference to a stored event whose date agrees and which shares the
head noun or an entity.
"""

from __future__ import annotations

from typing import Any

from ..models import Article, ArticleFacts, Event
from .events import date_gap
from .features import EVENT_NOUNS, PLACE_TYPES, normalize_name, published_date

#: determiners/possessives that make a bare event noun refer back to a known event
_BACK_DETS = {"their", "his", "her", "its", "the", "that", "this", "our"}
#: days of slack when a reference's day-precise date is compared with an event's date
REF_DAY_SLACK = 1


def _mention_key(m: Any) -> str:
    return m.entity or "h:" + (m.head or normalize_name(m.text))


def find_event_refs(doc: Any, article: Article, facts: ArticleFacts | None = None) -> list[dict[str, Any]]:
    """References to events in one article: span, text, head noun, date (value + precision), place, entities.

    ``doc`` is the spaCy parse of ``article.text``. Dates come from ``facts.dates`` inside the phrase when given
    (the extract stage's resolved TimeML values), else from the phrase's DATE entities resolved against the
    publication date.
    """
    from .lite import resolve_date

    pub = published_date(article)
    out: list[dict[str, Any]] = []
    ents = list(doc.ents)
    for tok in doc:
        if tok.pos_ not in ("NOUN", "PROPN") or tok.lemma_.lower() not in EVENT_NOUNS:
            continue
        sub = list(tok.subtree)
        start, end = sub[0].idx, sub[-1].idx + len(sub[-1].text)
        # keep the phrase short: the noun, its left modifiers and its prepositional attachments
        if end - start > 120:
            end = tok.idx + len(tok.text)
            start = min(t.idx for t in tok.lefts) if list(tok.lefts) else tok.idx
        # prepositional phrases right after the noun that the parser hung on the verb ("recalled their meeting
        # in Busan in October") still describe the event
        nxt = sub[-1].i + 1
        for _ in range(2):
            if nxt >= len(doc) or doc[nxt].dep_ != "prep" or doc[nxt].lower_ not in ("in", "on", "at", "during"):
                break
            pp = list(doc[nxt].subtree)
            if pp[0].i != nxt or pp[-1].sent != tok.sent:
                break
            end = pp[-1].idx + len(pp[-1].text)
            nxt = pp[-1].i + 1
        in_phrase = [e for e in ents if e.start_char >= start and e.end_char <= end]
        date_val = precision = None
        if facts is not None:
            for dx in facts.dates:
                if start <= dx.span[0] and dx.span[1] <= end and dx.value:
                    date_val, precision = dx.value, dx.precision
                    break
        if date_val is None:
            for e in in_phrase:
                if e.label_ in ("DATE", "TIME"):
                    r = resolve_date(e.text, pub)
                    if r:
                        date_val, precision = r
                        break
        places = [e.text for e in in_phrase if e.label_ in PLACE_TYPES]
        dets = {t.lower_ for t in tok.lefts if t.dep_ in ("det", "poss")}
        if not (date_val or places or dets & _BACK_DETS):
            continue
        entities: list[str] = []
        if facts is not None:
            sent = tok.sent
            entities = [
                _mention_key(m) for m in facts.mentions if sent.start_char <= m.span[0] < sent.end_char
            ]
        out.append(
            {
                "article": article.id,
                "span": (start, end),
                "text": article.text[start:end],
                "head": tok.lemma_.lower(),
                "date": date_val,
                "date_precision": precision,
                "place": places[0] if places else None,
                "entities": sorted(set(entities)),
            }
        )
    return out


def link_refs(refs: list[dict[str, Any]], events: list[Event], max_day_gap: int = REF_DAY_SLACK) -> list[dict[str, Any]]:
    """Each reference with ``event`` (the id of the stored event it names, or None) and ``why``.

    A reference links to an event when both are dated and the dates agree (within ``max_day_gap`` days at day
    precision, same month/year at coarser precision), and the event shares the reference's head noun (in its label)
    or one of the entities of the reference's sentence. Undated references link only on head noun + two entities.
    Among several matches the closest date, then the most shared entities, wins.
    """
    out = []
    for ref in refs:
        best: tuple[tuple[int, int], Event, str] | None = None
        for ev in events:
            if ref["article"] in ev.articles:
                continue  # an article's own event is not a reference to another
            shared = [e for e in ref["entities"] if e in ev.entities]
            noun = ref["head"] in ev.label.lower().split()
            gap = date_gap(ref["date"], ref["date_precision"], ev.date, ev.date_precision)
            if gap is not None:
                if gap > max_day_gap or not (noun or shared):
                    continue
                why = f"date {ref['date']} matches event date {ev.date}"
            else:
                if ref["date"] is not None or not (noun and len(shared) >= 2):
                    continue
                why = "same event noun and entities, undated"
            if noun:
                why += f"; same event noun '{ref['head']}'"
            if shared:
                why += f"; shares {len(shared)} entit{'y' if len(shared) == 1 else 'ies'}"
            rank = (gap if gap is not None else 10**6, -len(shared))
            if best is None or rank < best[0]:
                best = (rank, ev, why)
        out.append({**ref, "event": best[1].id if best else None, "why": best[2] if best else None})
    return out
