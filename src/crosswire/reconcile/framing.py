"""Framing: how each outlet labels the same entity ("Chinese President" vs "Chinese Communist Party leader").

``framing(entities, articles) -> {entity_id: {outlet: [label, ...]}}`` reads ``Entity.labels`` (filled by
linking from ``Mention.label``). Labels are listed once per outlet in order of first use; case and spacing
variants of the same label count once. Duplicate articles (``duplicate_of`` set) are skipped. An article with
no outlet counts under :func:`align.outlet_name`; a label whose article is unknown uses ``EntityLabel.outlet``
or, failing that, ``"unknown outlet"``. Entities without any label are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from ..models import Article, Entity
from .align import outlet_name

UNKNOWN_OUTLET = "unknown outlet"


def framing(entities: Mapping[str, Entity] | Iterable[Entity], articles: Iterable[Article]) -> dict[str, dict[str, list[str]]]:
    """Labels per entity per outlet (module docstring)."""
    arts = {a.id: a for a in articles}
    ents = entities.values() if isinstance(entities, Mapping) else entities
    out: dict[str, dict[str, list[str]]] = {}
    for ent in ents:
        per: dict[str, list[str]] = {}
        seen: dict[str, set[str]] = {}
        for lab in ent.labels:
            art = arts.get(lab.article)
            if art is not None and art.duplicate_of:
                continue
            outlet = outlet_name(art) if art is not None else (lab.outlet or UNKNOWN_OUTLET)
            text = re.sub(r"\s+", " ", lab.label).strip(" ,;:-")
            key = text.lower()
            if not text or key in seen.setdefault(outlet, set()):
                continue
            seen[outlet].add(key)
            per.setdefault(outlet, []).append(text)
        if per:
            out[ent.id] = per
    return out
