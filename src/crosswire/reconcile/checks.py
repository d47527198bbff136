"""The cross-check: within one event, what is corroborated, consistent, conflicting, single-sourced, omitted.

``cross_check(event, articles, facts, entities, settings=None) -> list[Check]``

1. The event's claims (from its non-duplicate articles) are grouped with :func:`align.group_items`.
2. Each group is graded:

   * ``conflicting``: two figures that cannot both hold (their precision intervals, widened by
     ``settings.reconcile.rel_tolerance``, do not overlap), or a claim asserted by one side and denied /
     negated by another;
   * ``single_source``: otherwise, when only one outlet carries it;
   * ``corroborated``: two or more outlets with the same figure (or the same claim without a figure);
   * ``consistent``: two or more outlets whose figures differ but agree within rounding/precision
     ("$11.1bn" vs "$11 billion", "nearly two million" vs "1.9 million").

3. ``modalities`` lists each claim's grade; ``modality_disagreement`` is set when the claims fall in
   different stance tiers (:data:`MODALITY_TIERS`: firm / tentative / negative), e.g. "agreed" vs "would
   consider".
4. ``missing_from``: for groups carried by two or more outlets, the outlets covering the event that do not
   carry it. Articles with ``duplicate_of`` set are ignored throughout, so a reprint never counts twice.
   An article without an outlet counts under :func:`align.outlet_name` (its source file name).

Check ids are ``stable_id("check", event id, sorted claim ids)``: re-running on the same input gives the
same ids.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from ..models import Article, ArticleFacts, Check, CheckValue, Claim, Entity, Event, Quantity, stable_id
from .align import (
    ActorResolver,
    Item,
    group_items,
    measure_label,
    outlet_name,
    prepare,
    same_value,
    tolerance_for,
    values_agree,
)

#: stance tiers for modality disagreement; "reported" hedges the source, not the actor's stance
MODALITY_TIERS: dict[str, str] = {
    "asserted": "firm",
    "committed": "firm",
    "agreed": "firm",
    "pledged": "firm",
    "reported": "firm",
    "expected": "tentative",
    "considered": "tentative",
    "denied": "negative",
    "negated": "negative",
}

DEFAULT_REL_TOLERANCE = 0.02

#: verb classes that name a claim better than the verb as written ("Beijing considers Taiwan a province" is
#: "regard", not the hedge "consider")
LABEL_CLASSES: frozenset[str] = frozenset({"regard"})


def rel_tolerance_of(settings: Any) -> float:
    """``settings.reconcile.rel_tolerance`` or the default when no settings are given."""
    try:
        return float(settings.reconcile.rel_tolerance)
    except AttributeError:
        return DEFAULT_REL_TOLERANCE


def event_items(
    event: Event | None, articles: Sequence[Article], facts: Sequence[ArticleFacts]
) -> tuple[list[Item], list[str], dict[str, Quantity]]:
    """Prepared claims of the given articles (duplicates dropped), the outlets covering them, and quantities."""
    wanted = set(event.articles) if event is not None and event.articles else {a.id for a in articles}
    by_id = {a.id: a for a in articles if a.id in wanted and not a.duplicate_of}
    quantities: dict[str, Quantity] = {q.id: q for f in facts if f.article in by_id for q in f.quantities}
    outlets: list[str] = []
    for a in sorted(by_id.values(), key=lambda a: a.id):
        name = outlet_name(a)
        if name not in outlets:
            outlets.append(name)
    items: list[Item] = []
    for f in facts:
        art = by_id.get(f.article)
        if art is None:
            continue
        renders = conversions(art.text, f.quantities)
        by_quantity = {c.quantity: c for c in f.claims if c.quantity}
        for c in f.claims:
            parent = by_quantity.get(renders.get(c.quantity or ""))
            if parent is not None:
                # "85 million euros ($108 million)": the conversion says what the original says, in its currency
                c = replace(parent, id=c.id, quantity=c.quantity)
            items.append(prepare(c, outlet_name(art), quantities))
    return items, outlets, quantities


_OPEN_PAREN = re.compile(r"^\s*[(\[]\s*$")
_NEXT_IN_PAREN = re.compile(r"^\s*[;,/]\s*(?:or\s+)?$")


def conversions(text: str, quantities: Sequence[Quantity]) -> dict[str, str]:
    """Parenthetical renderings of a figure in another unit: quantity id -> the id of the figure it renders.

    "85 million euros ($108 million)", "2m euros (GBP 1.7m; $2.6m)": a figure that opens a parenthesis right
    after another figure, and the figures that follow it inside the same parenthesis after ";", "," or "/", are
    the same claim in another currency or unit. The cross-check compares figures within one unit only (it never
    converts), so each rendering joins the group of its unit with the original's meaning."""
    qs = sorted((q for q in quantities if q.span), key=lambda q: q.span[0])
    out: dict[str, str] = {}
    for prev, q in zip(qs, qs[1:], strict=False):
        gap = text[prev.span[1] : q.span[0]] if text else ""
        if q.unit == prev.unit:
            continue
        if _OPEN_PAREN.match(gap):
            out[q.id] = out.get(prev.id, prev.id)
        elif prev.id in out and _NEXT_IN_PAREN.match(gap):
            out[q.id] = out[prev.id]
    return out


def cross_check(
    event: Event,
    articles: list[Article],
    facts: list[ArticleFacts],
    entities: dict[str, Entity] | None = None,
    settings: Any = None,
) -> list[Check]:
    """Checks for one event (module docstring). ``facts`` may include other articles' facts: only the event's
    articles (``event.articles``; all given articles when that list is empty) are read."""
    tol = rel_tolerance_of(settings)
    items, outlets, _ = event_items(event, articles, facts)
    # who-is-who (Xi is Chinese) is knowledge about the world, not about one event: read every article given
    resolver = ActorResolver.build(facts, entities, articles)
    checks = [_grade(event, g, outlets, resolver, tol) for g in group_items(items, resolver, tol)]
    checks.sort(key=lambda c: (_STATUS_ORDER[c.status], -len(c.outlets), c.about, c.id))
    return checks


_STATUS_ORDER = {"conflicting": 0, "consistent": 1, "corroborated": 2, "single_source": 3}


def _grade(event: Event, group: list[Item], outlets: list[str], resolver: ActorResolver, tol: float) -> Check:
    claims = [it.claim for it in group]
    carried = []
    for it in group:
        if it.outlet not in carried:
            carried.append(it.outlet)
    values = [
        CheckValue(claim=it.claim.id, value=it.interval.value if it.interval else None, unit=it.unit) for it in group
    ]
    modalities = [{"claim": c.id, "modality": c.modality} for c in claims]
    tiers = {MODALITY_TIERS.get(c.modality, "firm") for c in claims}
    polarity_conflict = any(c.polarity for c in claims) and any(not c.polarity for c in claims)
    ivals = [it for it in group if it.interval is not None]
    tol = tolerance_for(group[0].unit, tol)
    value_conflict = any(
        not values_agree(a.interval, b.interval, tol)  # type: ignore[arg-type]
        for i, a in enumerate(ivals)
        for b in ivals[i + 1 :]
    )
    if value_conflict or (polarity_conflict and len(carried) >= 2):
        status = "conflicting"
    elif len(carried) < 2:
        status = "single_source"
    elif all(same_value(ivals[0].interval, it.interval) for it in ivals[1:]) if ivals else True:  # type: ignore[arg-type]
        status = "corroborated"
    else:
        status = "consistent"
    about = _about(group, resolver)
    missing = [o for o in outlets if o not in carried] if len(carried) >= 2 else []
    return Check(
        id=stable_id("check", event.id or "", *sorted(c.id for c in claims)),
        event=event.id,
        about=about,
        status=status,
        claims=[c.id for c in claims],
        outlets=carried,
        missing_from=missing,
        values=values,
        modalities=modalities,
        modality_disagreement=len(tiers) > 1,
        note=_note(status, group, carried, tiers, polarity_conflict),
    )


def _about(group: list[Item], resolver: ActorResolver) -> str:
    claims = [it.claim for it in group]
    concepts = {it.key.concept for it in group}
    label = measure_label(claims)
    if len(concepts) == 1 and None not in concepts:
        label = next(iter(concepts))  # type: ignore[assignment]
    slots = sorted({c.slot for c in claims if c.slot})
    if group[0].interval is None:
        actor = resolver.group_display([c.actor for c in claims])
        # the verb as written, unless its class says what it means here ("considers X a Y" -> "regard")
        verb = claims[0].action if claims[0].action in LABEL_CLASSES else (claims[0].verb or claims[0].action)
        theme = claims[0].theme if any(c.theme for c in claims) else None
        label = " ".join(x for x in (actor, verb, theme and label) if x)
    return f"{label} ({', '.join(slots)})" if slots else label


def _note(status: str, group: list[Item], carried: list[str], tiers: set[str], polarity_conflict: bool) -> str:
    def fmt(it: Item) -> str:
        q = it.quantity
        val = q.text if q is not None else (it.claim.verb or it.claim.action)
        return f"{it.outlet}: {val} ({it.claim.modality})"

    parts = "; ".join(fmt(it) for it in group)
    extra = " Outlets differ on how firm it is." if len(tiers) > 1 else ""
    if polarity_conflict:
        extra += " One side denies or negates it."
    return f"{status.replace('_', ' ')} - {parts}.{extra}"


def claims_of(facts: Sequence[ArticleFacts]) -> list[Claim]:
    """All claims of the given facts, in order."""
    return [c for f in facts for c in f.claims]
