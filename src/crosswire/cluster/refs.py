"""Events referred to inside articles ("their meeting in Busan in October", "the December arms sale",
"last week's earthquake", "the call, their first since late November") and their links to stored events.

:func:`find_event_refs` reads a spaCy Doc: a noun whose lemma is an event noun (``features.EVENT_NOUNS``) is a
reference to an event when its phrase pins it down: a calendar date ("in October", "December", "last week's"),
a place ("in Busan"), or a possessive/definite determiner pointing back ("their meeting", "the summit").
A phrase "first/last ... since DATE" ("their first since late November", "the first call since October")
refers to the *previous* event of that kind, dated by the ``since`` phrase; dates inside ``since``, ``after``,
``before`` and ``until`` phrases never date the noun itself ("the call after the October summit").

:func:`link_refs` then links each reference to a stored event whose date agrees and which shares the head noun
(or a near synonym) or an entity. A reference links to the event of its own article only when it names that
event's own date and noun ("Monday's call" in a story about Monday's call); a phrase that points elsewhere in
time ("their October meeting" in a February story) never does. The pipeline calls :func:`link_refs` after each
batch is clustered and again, for references still unlinked, when events in their date window are touched.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from ..models import Article, ArticleFacts, Event, EventRef, Mention
from .events import date_gap
from .features import EVENT_NOUNS, PLACE_TYPES, normalize_name, parse_iso, published_date

#: determiners/possessives that make a bare event noun refer back to a known event
_BACK_DETS = {"their", "his", "her", "its", "the", "that", "this", "our", "last", "previous"}
#: days of slack when a reference's day-precise date is compared with an event's day-precise date
REF_DAY_SLACK = 1
#: prepositions whose object dates *another* event than the noun they hang on
_OTHER_TIME_PREPS = {"since", "after", "before", "until", "till", "following"}
#: words that, with "since", make the phrase name the previous event ("their first since November")
_ORDINALS = {"first", "last", "latest"}
#: dependency labels under which the tagger sometimes mis-tags an event noun as a verb ("arms sales deal")
_NOMINAL_DEPS = {"dobj", "pobj", "nsubj", "nsubjpass", "appos", "attr", "conj"}
#: event nouns that name the same kind of event (a label says "summit", an article "their meeting")
_SYNONYMS = [
    {"call", "conversation", "talks", "phone"},
    {"meeting", "summit", "talks", "visit"},
    {"sale", "deal", "purchase", "agreement", "acquisition", "takeover", "buyout", "merger"},
    {"earthquake", "quake", "tremor"},
    {"attack", "strike", "bombing", "raid", "blast", "explosion", "shooting"},
    {"election", "vote", "referendum"},
    {"truce", "ceasefire", "agreement", "deal"},
    {"storm", "hurricane", "typhoon", "cyclone"},
    {"fire", "wildfire"},
]
#: "late November", "the end of October": the part of a period is dropped to date the phrase by its period
_PERIOD_PART = re.compile(r"^(?:the\s+)?(?:late|early|mid-?|(?:end|start|beginning|middle)\s+of)\s*", re.I)
#: days around an undated reference's publication date searched for the event it names
UNDATED_WINDOW_DAYS = 180


def _mention_key(m: Mention) -> str:
    return m.entity or "h:" + (m.head or normalize_name(m.text))


def is_calendar(value: str | None) -> bool:
    """True for a TimeML value that names a calendar day, week, month or year (not a duration or PAST_REF)."""
    return parse_iso(value)[0] is not None


def period(value: str | None) -> tuple[date, date] | None:
    """First and last day of the calendar period a TimeML value names (day, week, month, year), else None."""
    d, p = parse_iso(value)
    if d is None:
        return None
    if p == "day":
        return d, d
    if p == "week":
        return d, d + timedelta(days=6)
    if p == "month":
        nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        return d, nxt - timedelta(days=1)
    return date(d.year, 1, 1), date(d.year, 12, 31)


def ref_window(ref: EventRef, published: date | None) -> tuple[date, date] | None:
    """The days within which the event a reference names must be dated: its own date's period (one day of
    slack at day precision), or for an undated reference with a place the days around the publication date."""
    span = period(ref.date)
    if span is not None:
        slack = timedelta(days=REF_DAY_SLACK if span[0] == span[1] else 0)
        return span[0] - slack, span[1] + slack
    if ref.place and published is not None:
        w = timedelta(days=UNDATED_WINDOW_DAYS)
        return published - w, published + w
    return None


def _is_event_noun(tok: Any) -> bool:
    if tok.lemma_.lower() not in EVENT_NOUNS:
        return False
    if tok.pos_ in ("NOUN", "PROPN"):
        return True
    # "its largest-ever arms sales deal": the tagger calls "deal" a verb, the parser still a direct object
    return tok.pos_ == "VERB" and tok.dep_ in _NOMINAL_DEPS and any(c.dep_ in ("det", "poss") for c in tok.lefts)


def _date_in(start: int, end: int, skip: list[tuple[int, int]], facts: ArticleFacts | None, ents: list[Any],
             pub: date | None) -> tuple[str | None, str | None]:
    """The first calendar date inside [start, end) outside the ``skip`` ranges: from the extract stage's dates
    when given, else from the DATE entities of the parse."""
    from .lite import resolve_date

    def skipped(s: int, e: int) -> bool:
        return any(a <= s and e <= b for a, b in skip)

    if facts is not None:
        for dx in facts.dates:
            if start <= dx.span[0] and dx.span[1] <= end and not skipped(*dx.span) and is_calendar(dx.value):
                return dx.value, dx.precision
    for e in ents:
        if e.label_ in ("DATE", "TIME") and start <= e.start_char and e.end_char <= end:
            if skipped(e.start_char, e.end_char):
                continue
            r = resolve_date(e.text, pub) or resolve_date(_PERIOD_PART.sub("", e.text), pub)
            if r and is_calendar(r[0]):
                return r
    return None, None


def _since_clause(tok: Any) -> Any | None:
    """The ``since`` preposition hanging on ``tok`` whose object is a date ("first since late November")."""
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ == "since" and any(t.ent_type_ == "DATE" for t in c.subtree):
            return c
    return None


def _previous_noun(tok: Any) -> Any | None:
    """The event noun an ordinal stands for: the nearest event noun before it in its sentence ("the call,
    their first since ...")."""
    for t in reversed(list(tok.sent)[: tok.i - tok.sent.start]):
        if _is_event_noun(t):
            return t
    return None


def find_event_refs(doc: Any, article: Article, facts: ArticleFacts | None = None) -> list[EventRef]:
    """References to events in one article, in text order, with ids ``<article id>:r<n>``.

    ``doc`` is the spaCy parse of ``article.text``. Dates come from ``facts.dates`` inside the phrase when given
    (the extract stage's resolved TimeML values), else from the phrase's DATE entities resolved against the
    publication date. ``entities`` are the keys of the mentions of the phrase's sentence (entity ids once the
    mentions are linked, see :func:`refresh_entities`).
    """
    pub = published_date(article)
    found: list[tuple[int, int, str, str | None, str | None, str | None, Any]] = []
    ents = list(doc.ents)
    for tok in doc:
        noun = tok if _is_event_noun(tok) else None
        since = _since_clause(tok) if (noun is not None or tok.lower_ in _ORDINALS) else None
        if noun is None and since is not None and tok.lower_ in _ORDINALS:
            noun = _previous_noun(tok)  # "the call, their first since late November"
        if noun is None:
            continue
        if since is not None and (tok is not noun or any(c.lower_ in _ORDINALS for c in tok.lefts)):
            # the previous event of this kind, dated by the since-phrase
            lefts = [t for t in tok.lefts if t.dep_ in ("poss", "det", "amod", "compound", "nummod")]
            start = min([t.idx for t in lefts] + [tok.idx])
            sub = list(since.subtree)
            end = sub[-1].idx + len(sub[-1].text)
            date_val, precision = _date_in(since.idx, end, [], facts, ents, pub)
            if date_val is None:
                continue
            found.append((start, end, noun.lemma_.lower(), date_val, precision, None, tok.sent))
            continue
        if tok.tag_ in ("NNS", "NNPS"):
            plural = True  # "arms sales", "purchases of U.S. goods": a class of events, unless dated
        else:
            plural = False
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
        # dates of other events: "the call after the October summit", "talks since 2019"
        skip = []
        for c in tok.children:
            if c.dep_ in ("prep", "advcl", "relcl", "acl") and (c.lower_ in _OTHER_TIME_PREPS or c.dep_ != "prep"):
                cs = list(c.subtree)
                skip.append((cs[0].idx, cs[-1].idx + len(cs[-1].text)))
        date_val, precision = _date_in(start, end, skip, facts, ents, pub)
        in_phrase = [e for e in ents if e.start_char >= start and e.end_char <= end
                     and not any(a <= e.start_char and e.end_char <= b for a, b in skip)]
        places = [e.text for e in in_phrase if e.label_ in PLACE_TYPES]
        dets = {t.lower_ for t in tok.lefts if t.dep_ in ("det", "poss", "amod")}
        if plural and date_val is None:
            continue
        if not (date_val or places or dets & _BACK_DETS):
            continue
        found.append((start, end, tok.lemma_.lower(), date_val, precision, places[0] if places else None, tok.sent))
    out: list[EventRef] = []
    seen: set[tuple[int, int]] = set()
    for start, end, head, date_val, precision, place, sent in sorted(found, key=lambda f: (f[0], f[1])):
        if (start, end) in seen:
            continue
        seen.add((start, end))
        ents_of = sorted({_mention_key(m) for m in (facts.mentions if facts else [])
                          if sent.start_char <= m.span[0] < sent.end_char})
        out.append(EventRef(id=f"{article.id}:r{len(out)}", article=article.id, text=article.text[start:end],
                            span=(start, end), head=head, date=date_val, date_precision=precision, place=place,
                            entities=ents_of))
    return out


def refresh_entities(facts: ArticleFacts) -> None:
    """Re-key each reference's entities from the mentions of its sentence, once entity linking has given the
    mentions their canonical ids (the extract stage finds references before linking)."""
    if not facts.event_refs:
        return
    sents = facts.sentences or [(0, 10**12)]
    for ref in facts.event_refs:
        s, e = next(((a, b) for a, b in sents if a <= ref.span[0] < b), (ref.span[0], ref.span[1]))
        ref.entities = sorted({_mention_key(m) for m in facts.mentions if s <= m.span[0] < e})


def _nouns(head: str) -> set[str]:
    out = {head}
    for group in _SYNONYMS:
        if head in group:
            out |= group
    return out


def _label_words(label: str) -> set[str]:
    words = {w for w in re.findall(r"[a-z]+", label.lower())}
    return words | {w[:-1] for w in words if w.endswith("s")}


def link_one(ref: EventRef, events: list[Event], max_day_gap: int = REF_DAY_SLACK) -> tuple[str | None, str | None]:
    """(event id, why) of the stored event ``ref`` names among ``events``, or (None, None).

    A dated reference links to an event whose date agrees: within ``max_day_gap`` days when both are dated to
    the day, the same week/month/year otherwise (October is not November); and the event shares the head noun
    (or a synonym) in its label, or an entity of the reference's sentence. Its own article's event only when
    both hold for the noun and the date (the article calling its own event by name). An undated reference
    with a place links only to another article's event sharing the noun and two entities. Among several
    matches the closest date, then the matching noun, then the most shared entities win.
    """
    dated = is_calendar(ref.date)
    best: tuple[tuple[int, int, int], Event, str] | None = None
    for ev in events:
        own = ref.article in ev.articles
        words = _label_words(ev.label)
        noun_hit = sorted(_nouns(ref.head) & words)
        shared = [e for e in ref.entities if e in ev.entities]
        if dated:
            gap = date_gap(ref.date, ref.date_precision, ev.date, ev.date_precision)
            if gap is None:
                continue
            both_days = parse_iso(ref.date)[1] == "day" and parse_iso(ev.date)[1] == "day"
            if gap > (max_day_gap if both_days else 0):
                continue
            if own and not noun_hit:
                continue
            if not (noun_hit or shared):
                continue
            why = f"date {ref.date} matches event date {ev.date}"
        else:
            gap = 10**6
            if own or not ref.place or not (noun_hit and len(shared) >= 2):
                continue
            why = f"undated; '{ref.place}' with the same event noun and entities"
        if noun_hit:
            why += f"; same event noun '{noun_hit[0]}'" if noun_hit[0] == ref.head else \
                f"; event noun '{ref.head}' ~ '{noun_hit[0]}'"
        if shared:
            why += f"; shares {len(shared)} entit{'y' if len(shared) == 1 else 'ies'}"
        rank = (gap, 0 if noun_hit else 1, -len(shared))
        if best is None or rank < best[0]:
            best = (rank, ev, why)
    return (best[1].id, best[2]) if best else (None, None)


def link_refs(refs: list[EventRef], events: list[Event], max_day_gap: int = REF_DAY_SLACK) -> list[EventRef]:
    """Each reference with ``event`` (the id of the stored event it names, or None) and ``why`` set
    (:func:`link_one`); the inputs are not changed."""
    out = []
    for ref in refs:
        ev, why = link_one(ref, events, max_day_gap)
        out.append(replace(ref, event=ev, why=why))
    return out
