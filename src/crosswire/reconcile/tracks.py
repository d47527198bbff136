"""Tracks: how a figure evolved over time, across events (12 -> 20 -> 25 million tonnes).

``build_tracks(events, articles, facts, settings=None) -> list[Track]``

1. Every claim with a figure, from non-duplicate articles, is aligned across all events with the same rules
   as the cross-check (:mod:`align`) except the time slot: same actor (or its country), same measure
   ("buy soybeans" ~ "soybean purchases"), same unit.
2. Each claim is placed on a time line: its event's date (else the claim's resolved time, else the
   article's publication date), then its relative slot (``claims.SLOT_ORDER``: "previously"/"last season"
   < "current season" < "next season"; "up from X" baselines carry the slot before their main claim's).
3. Claims at the same place whose figures agree form one :class:`TrackPoint`; consecutive points whose
   figures agree are merged (a track shows changes, the earliest date is kept). A track needs at least two
   points with different figures.

``Track.about`` reads "<actor> <measure>" ("China soybean purchases"); ids are stable over the claim ids.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from typing import Any

from ..extract.claims import SLOT_ORDER
from ..models import Article, ArticleFacts, Event, Track, TrackPoint, stable_id
from .align import ActorResolver, Item, group_items, measure_label, outlet_name, prepare, values_agree
from .checks import rel_tolerance_of


def build_tracks(
    events: Sequence[Event],
    articles: Sequence[Article],
    facts: Sequence[ArticleFacts],
    settings: Any = None,
    *,
    units: Collection[str] | None = None,
) -> list[Track]:
    """Tracks over all given events (module docstring); with ``units``, only the figures in these units are
    grouped (figures of different units never share a track, so the tracks in these units are the same)."""
    tol = rel_tolerance_of(settings)
    arts = {a.id: a for a in articles if not a.duplicate_of}
    event_of: dict[str, Event] = {}
    for ev in events:
        for aid in ev.articles:
            event_of.setdefault(aid, ev)
    quantities = {q.id: q for f in facts if f.article in arts for q in f.quantities}
    items: list[Item] = []
    for f in facts:
        art = arts.get(f.article)
        if art is None:
            continue
        for c in f.claims:
            it = prepare(c, outlet_name(art), quantities)
            if it.interval is not None and c.polarity and (units is None or it.unit in units):
                items.append(it)
    resolver = ActorResolver.build([f for f in facts if f.article in arts], None, arts.values())
    tracks: list[Track] = []
    for group in group_items(items, resolver, tol, use_slot=False):
        track = _track(group, arts, event_of, resolver, tol)
        if track is not None:
            tracks.append(track)
    tracks.sort(key=lambda t: (-len(t.points), t.about, t.id))
    return tracks


def _place(it: Item, arts: dict[str, Article], event_of: dict[str, Event]) -> tuple[str, int]:
    c = it.claim
    ev = event_of.get(c.article)
    date = (ev.date if ev and ev.date else None) or c.time or arts[c.article].published or ""
    return date[:10], SLOT_ORDER.get(c.slot or "", 0)


def _track(
    group: list[Item], arts: dict[str, Article], event_of: dict[str, Event], resolver: ActorResolver, tol: float
) -> Track | None:
    if len({it.claim.article for it in group}) < 1:
        return None
    placed = sorted(group, key=lambda it: (_place(it, arts, event_of), it.interval.value, it.claim.id))  # type: ignore[union-attr]
    points: list[tuple[tuple[str, int], list[Item]]] = []
    for it in placed:
        where = _place(it, arts, event_of)
        if points and points[-1][0] == where and all(values_agree(it.interval, o.interval, tol) for o in points[-1][1]):  # type: ignore[arg-type]
            points[-1][1].append(it)
        else:
            points.append((where, [it]))
    merged: list[tuple[tuple[str, int], list[Item]]] = []
    for where, members in points:
        if merged and all(values_agree(m.interval, o.interval, tol) for m in members for o in merged[-1][1]):  # type: ignore[arg-type]
            merged[-1][1].extend(members)
        else:
            merged.append((where, list(members)))
    if len(merged) < 2:
        return None
    out_points = []
    for (date, _), members in merged:
        vals = Counter(m.interval.value for m in members)  # type: ignore[union-attr]
        value = max(vals.items(), key=lambda kv: (kv[1], kv[0]))[0]
        labels = []
        for m in members:
            lab = m.claim.slot
            if lab and lab not in labels:
                labels.append(lab)
        out_points.append(
            TrackPoint(
                date=date or None,
                value=value,
                claims=[m.claim.id for m in members],
                label=", ".join(labels) or None,
            )
        )
    claims = [it.claim for it in group]
    actor = resolver.group_display([c.actor for c in claims])
    about = " ".join(x for x in (actor, measure_label(claims)) if x)
    unit = group[0].unit
    return Track(
        about=about,
        unit=unit,
        points=out_points,
        id=stable_id("track", *sorted(c.id for c in claims)),
    )
