"""Cross-article entity linking: one canonical :class:`~crosswire.models.Entity` per person, organisation, place.

``link_entities(facts, articles, existing=())`` groups the mentions of many articles (and entities already in the
store, so linking is incremental) by a canonical key:

* people: the within-article full-name key from ``Mention.head`` ("xi jinping"); a bare surname or given name
  ("Xi") left unresolved inside its own article joins the one known person whose full name starts or ends with it
  (in this batch or in ``existing``); when several fit it stays separate rather than guessing;
* places: country name variants share one key through the alias table in :mod:`crosswire.extract.entities`
  (:data:`~crosswire.extract.entities.COUNTRY_ALIASES`: "U.S.", "US", "United States", "America");
  capitals stay their own entities (the government reading is on ``Mention.metonym``);
* organisations and the rest: the normalised name without a leading "the" or a possessive.

Place and organisation keys are canonical (:func:`~crosswire.extract.entities.name_key`: "Mt Cook" / "Mount Cook",
"St. Louis" / "Saint Louis", "Apple Inc." / "Apple"). Entity ids are ``stable_id(type, key)``, so re-running gives
the same ids. The type of a PERSON/ORG/... key is the majority type of its mentions; GPE/LOC/FAC keys share one id
space (the model types one mountain all three ways), and an ORG key that is also named as a place joins the place
("Perth" typed ORG in one article, GPE in another). Side effects: sets ``Mention.entity``,
``Quote.speaker_entity`` (the mention at the speaker span) and ``Claim.actor``/``Claim.attributed_to`` (when
their text matches a mention's text or key in the same article). ``Entity.labels`` collects one
:class:`~crosswire.models.EntityLabel` per labelled mention (article, outlet, label, label span);
``aliases`` are the distinct surface names.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from ..models import Article, ArticleFacts, Entity, EntityLabel, Mention, stable_id
from .entities import mention_key, name_key, norm_text, person_key

#: types that are linked into one place entity space: the small NER model types the same mountain, city or
#: country GPE in one article, LOC or FAC in the next ("Mount Cook", "Mt Cook")
_PLACE_TYPES = {"GPE", "LOC", "FAC"}
#: name types whose keys are canonicalised with :func:`~crosswire.extract.entities.name_key`
_NAME_TYPES = {"GPE", "LOC", "FAC", "ORG", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}


def _type_group(t: str) -> str:
    return "GPE" if t in _PLACE_TYPES else t


def entity_id(type_: str, key: str) -> str:
    """The stable id of the entity of this type and canonical key."""
    return stable_id("entity", _type_group(type_), key)


def _key(m: Mention) -> str:
    key = m.head or mention_key(m.text, m.type)
    # idempotent: heads made before abbreviations were expanded link with new ones
    return name_key(key) if m.type in _NAME_TYPES else key


def link_entities(
    facts: Iterable[ArticleFacts],
    articles: dict[str, Article],
    existing: Iterable[Entity] = (),
) -> list[Entity]:
    """Link the mentions of ``facts`` to canonical entities; returns every entity touched (new and updated)."""
    facts = list(facts)
    known: dict[str, Entity] = {e.id: e for e in existing}
    known_keys: dict[tuple[str, str], str] = {}  # (type group, key) -> entity id, from existing entities
    for e in known.values():
        known_keys[(_type_group(e.type), _entity_key(e))] = e.id
    for e in known.values():
        for a in e.aliases:
            known_keys.setdefault((_type_group(e.type), mention_key(a, e.type)), e.id)

    # 1. keys of every mention
    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for f in facts:
        for m in f.mentions:
            groups[(_type_group(m.type), _key(m))].append(m)

    # 2. an ORG whose key is also named as a place (in this batch or in the store) is that place: the NER types a
    # one-word city ORG in some articles ("Perth"), and a club or council named by the bare place name stands for it
    places = {k for (g, k) in list(groups) + list(known_keys) if g == "GPE"}
    for g, k in list(groups):
        if g == "ORG" and k in places:
            groups[("GPE", k)].extend(groups.pop((g, k)))

    # 3. bare person names ("xi") -> the one full name that starts/ends with them
    full_people = {k for (g, k) in list(groups) + list(known_keys) if g == "PERSON" and " " in k}
    rename: dict[tuple[str, str], tuple[str, str]] = {}
    for g, k in list(groups):
        if g != "PERSON" or " " in k:
            continue
        fits = {f for f in full_people if k in (f.split()[0], f.split()[-1])}
        if len(fits) == 1:
            rename[(g, k)] = (g, fits.pop())
    for old, new in rename.items():
        groups[new].extend(groups.pop(old))

    # 4. build or update entities
    touched: dict[str, Entity] = {}
    for (g, k), ms in groups.items():
        if not k:
            continue
        eid = known_keys.get((g, k)) or entity_id(g, k)
        ent = touched.get(eid) or known.get(eid)
        types = Counter(m.type for m in ms)
        if g == "GPE":  # a place named ORG by some mentions is typed by its place mentions
            types = Counter(m.type for m in ms if m.type in _PLACE_TYPES) or types
        if ent is None:
            ent = Entity(id=eid, name=_best_name(ms, k), type=types.most_common(1)[0][0])
        else:
            better = _best_name(ms, k)
            if len(better) > len(ent.name) and not ms[0].type == "GPE":
                ent.name = better
        seen_labels = {(lab.article, lab.span) for lab in ent.labels}
        for m in ms:
            m.entity = eid
            if m.text not in ent.aliases and not _is_nominal(m):
                ent.aliases.append(m.text)
            if m.label and m.label_span and (m.article, m.label_span) not in seen_labels:
                art = articles.get(m.article)
                ent.labels.append(EntityLabel(m.article, art.outlet if art else None, m.label, m.label_span))
                seen_labels.add((m.article, m.label_span))
        ent.aliases.sort(key=lambda a: (-len(a), a))
        touched[eid] = ent

    # 5. quotes and claims
    for f in facts:
        by_text = _text_index(f.mentions)
        for q in f.quotes:
            if q.speaker_span:
                art = articles.get(f.article)
                m = _mention_at(f.mentions, q.speaker_span, art.text if art else None)
                if m is None and q.speaker:  # a speaker the NER missed ("Trump later posted ...")
                    m = _named_in(q.speaker, f.mentions, by_text)
                q.speaker_entity = m.entity if m else None
        for c in f.claims:
            if c.actor_text:
                m = by_text.get(norm_text(c.actor_text)) or by_text.get(person_key(c.actor_text))
                if m and m.entity:
                    c.actor = m.entity
            if c.attributed_to:
                m = by_text.get(norm_text(c.attributed_to)) or by_text.get(person_key(c.attributed_to))
                if m and m.entity:
                    c.attributed_to = m.entity
    return sorted(touched.values(), key=lambda e: e.id)


def _entity_key(e: Entity) -> str:
    return mention_key(e.name, e.type)


def _is_nominal(m: Mention) -> bool:
    """Nominal references ("U.S. president") are labels, not names."""
    return m.label is not None and m.label_span == m.span


def _best_name(ms: list[Mention], key: str) -> str:
    names = [m.text for m in ms if not _is_nominal(m)]
    if not names:
        return key.title()
    full = [n for n in names if mention_key(n, ms[0].type) == key] or names
    return (
        Counter(full).most_common(1)[0][0]
        if len(set(full)) > 1 and ms[0].type != "PERSON"
        else max(full, key=lambda n: (len(n.split()), Counter(full)[n]))
    )


def _mention_at(mentions: list[Mention], span: tuple[int, int], text: str | None = None) -> Mention | None:
    """The mention a speaker span names (a person first); a possessive modifier inside a longer span ("China's
    foreign ministry") is not the speaker but what the speaker belongs to."""
    best = None
    for m in mentions:
        if m.span[0] < span[1] and span[0] < m.span[1]:
            if text is not None and m.span[1] < span[1] and text[m.span[1] : m.span[1] + 2] in ("'s", "\u2019s"):
                continue
            if best is None or (m.type == "PERSON" and best.type != "PERSON"):
                best = m
    return best


def _named_in(name: str, mentions: list[Mention], by_text: dict[str, Mention]) -> Mention | None:
    """The article's mention of ``name``: the same text or key, else the one person whose surname it is (an
    ambiguous surname links nothing)."""
    m = by_text.get(norm_text(name)) or by_text.get(person_key(name))
    if m is not None:
        return m
    key = norm_text(name)
    if " " in key:
        return None
    people = {p.entity: p for p in mentions if p.type == "PERSON" and p.entity and norm_text(p.text).split()[-1:] == [key]}
    return next(iter(people.values())) if len(people) == 1 else None


def _text_index(mentions: list[Mention]) -> dict[str, Mention]:
    idx: dict[str, Mention] = {}
    for m in mentions:
        idx.setdefault(norm_text(m.text), m)
        if m.head:
            idx.setdefault(m.head, m)
    return idx
