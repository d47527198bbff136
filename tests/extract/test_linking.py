"""Cross-article linking: same person across outlets, country aliases, stable ids, incremental runs."""

from __future__ import annotations

import copy
import json

import pytest

from crosswire.extract.entities import extract_mentions
from crosswire.extract.linking import entity_id, link_entities
from crosswire.extract.quotes import extract_quotes
from crosswire.models import Article, ArticleFacts, Claim, Mention


def _facts(nlp, aid: str, text: str, outlet: str | None = None):
    a = Article(id=aid, source="t", external_id=aid, text=text, outlet=outlet)
    doc = nlp(text)
    ms = extract_mentions(doc, a)
    return a, ArticleFacts(article=aid, mentions=ms, quotes=extract_quotes(doc, a, ms))


def test_people_and_countries_across_articles(nlp):
    a1, f1 = _facts(
        nlp,
        "a1",
        "President Lee Jae-myung met Japanese Prime Minister Shigeru Ishiba in the U.S.",
        "Outlet A",
    )
    a2, f2 = _facts(nlp, "a2", "“We agreed on a lot,” Lee told reporters in the United States.", "Outlet B")
    a3, f3 = _facts(nlp, "a3", "Ishiba flew to America on Sunday.", None)
    arts = {a.id: a for a in (a1, a2, a3)}
    ents = link_entities([f1, f2, f3], arts)
    lee = [m.entity for f in (f1, f2) for m in f.mentions if "Lee" in m.text]
    assert len(set(lee)) == 1 and lee[0] is not None
    us = {
        m.entity for f in (f1, f2, f3) for m in f.mentions if m.text in ("U.S.", "United States", "America")
    }
    assert len(us) == 1
    ent = {e.id: e for e in ents}[lee[0]]
    assert ent.name == "Lee Jae-myung" and ent.type == "PERSON"
    assert ent.labels and ent.labels[0].outlet == "Outlet A" and ent.labels[0].label == "President"
    assert f2.quotes[0].speaker_entity == lee[0]
    ishiba = {m.entity for f in (f1, f3) for m in f.mentions if "Ishiba" in m.text}
    assert len(ishiba) == 1


def test_ids_stable_and_incremental(nlp):
    a1, f1 = _facts(nlp, "a1", "Chancellor Friedrich Merz spoke in Berlin.")
    first = link_entities([copy.deepcopy(f1)], {"a1": a1})
    again = link_entities([copy.deepcopy(f1)], {"a1": a1})
    assert [e.id for e in first] == [e.id for e in again]
    a2, f2 = _facts(nlp, "a2", "On Monday, Merz said the budget was balanced.")
    later = link_entities([f2], {"a2": a2}, existing=first)
    merz = next(m for m in f2.mentions if m.text == "Merz")
    assert merz.entity == entity_id("PERSON", "friedrich merz")
    assert merz.entity in {e.id for e in first} and merz.entity in {e.id for e in later}


def test_claim_actor_linked(nlp):
    a1, f1 = _facts(nlp, "a1", "Prime Minister Mark Carney said Canada would cut tariffs.")
    f1.claims.append(
        Claim(
            id="a1:c0",
            article="a1",
            sentence="",
            span=(0, 10),
            action="cut",
            actor_text="Canada",
            attributed_to="Mark Carney",
        )
    )
    link_entities([f1], {"a1": a1})
    assert f1.claims[0].actor == entity_id("GPE", "canada")
    assert f1.claims[0].attributed_to == entity_id("PERSON", "mark carney")


@pytest.fixture(scope="module")
def sample_entities(nlp, sample_dir):
    meta = json.loads((sample_dir / "sources.json").read_text("utf-8"))
    facts, arts = [], {}
    for name in sorted(meta):
        text = (sample_dir / name).read_text("utf-8")
        a, f = _facts(nlp, name[:3], text, meta[name]["outlet"])
        facts.append(f)
        arts[a.id] = a
    return facts, link_entities(facts, arts)


def test_sample_xi_one_entity_with_labels_per_outlet(sample_entities):
    facts, ents = sample_entities
    xi_ids = {m.entity for f in facts for m in f.mentions if m.text in ("Xi", "Xi Jinping")}
    assert len(xi_ids) == 1
    xi = next(e for e in ents if e.id in xi_ids)
    assert xi.name == "Xi Jinping"
    labels = {(lab.outlet, lab.label) for lab in xi.labels}
    assert ("The Epoch Times", "Chinese Communist Party leader") in labels
    assert ("AsianFin", "Chinese President") in labels
    assert ("Gulf Times (via MENAFN)", "President") in labels
    us = [e for e in ents if e.type == "GPE" and e.name in ("United States", "US", "U.S.")]
    assert len(us) == 1 and {"US", "U.S.", "United States"} <= set(us[0].aliases)
    glaser_q = next(q for f in facts for q in f.quotes if q.speaker == "Bonnie Glaser")
    assert glaser_q.speaker_entity == entity_id("PERSON", "bonnie glaser")


def _m(aid: str, i: int, text: str, type_: str, head: str | None = None) -> Mention:
    return Mention(
        id=f"{aid}:m{i}", article=aid, text=text, span=(i * 10, i * 10 + len(text)), type=type_, head=head
    )


def test_place_variants_and_types_link():
    """Abbreviated and full place names, typed GPE/LOC/FAC/ORG by the model in different articles, are one entity;
    an organisation never named as a place stays its own."""
    f1 = ArticleFacts("a1", [_m("a1", 0, "Mt Cook", "ORG"), _m("a1", 1, "Perth", "ORG")])
    f2 = ArticleFacts("a2", [_m("a2", 0, "Mount Cook", "LOC"), _m("a2", 1, "Perth", "GPE")])
    # a head stored before abbreviations were expanded still links
    f3 = ArticleFacts("a3", [_m("a3", 0, "Mt. Cook", "FAC", head="mt cook"), _m("a3", 1, "Qantas", "ORG")])
    arts = {a: Article(id=a, source="t", external_id=a, text="") for a in ("a1", "a2", "a3")}
    ents = {e.id: e for e in link_entities([f1, f2, f3], arts)}
    cook = {f.mentions[0].entity for f in (f1, f2, f3)}
    perth = {f.mentions[1].entity for f in (f1, f2)}
    assert len(cook) == 1 and len(perth) == 1 and cook != perth
    assert ents[perth.pop()].type == "GPE"  # typed by its place mentions
    assert ents[cook.pop()].name in ("Mount Cook", "Mt Cook", "Mt. Cook")
    assert f3.mentions[1].entity == entity_id("ORG", "qantas")
    # incremental: a later ORG mention of a place already in the store joins it
    f4 = ArticleFacts("a4", [_m("a4", 0, "Perth", "ORG")])
    link_entities(
        [f4], {"a4": Article(id="a4", source="t", external_id="a4", text="")}, existing=ents.values()
    )
    assert f4.mentions[0].entity == f2.mentions[1].entity


def test_quote_speaker_without_a_mention_links_by_name():
    """A speaker the NER missed ("Trump later posted ...") links through the article's mentions of that name:
    the same text, or the surname of exactly one person named in the article; an ambiguous surname stays
    unlinked."""
    from crosswire.models import Quote

    text = "Donald Trump spoke to Xi Jinping. Trump later posted that it went well. Lara Trump agreed."
    art = Article(id="q1", source="t", external_id="q1", text=text, outlet="O")
    trump = Mention(id="q1:m0", article="q1", text="Donald Trump", span=(0, 12), type="PERSON")
    xi = Mention(id="q1:m1", article="q1", text="Xi Jinping", span=(22, 32), type="PERSON")
    start = text.index("Trump later")
    q = Quote(id="q1:q0", article="q1", text="it went well", span=(start + 26, start + 38), speaker="Trump",
              speaker_span=(start, start + 5))
    f = ArticleFacts(article="q1", mentions=[trump, xi], quotes=[q])
    link_entities([f], {"q1": art})
    assert q.speaker_entity == trump.entity and trump.entity is not None

    # two people share the surname: no guess
    lara = Mention(id="q1:m2", article="q1", text="Lara Trump", span=(text.index("Lara"), len(text) - 8),
                   type="PERSON")
    q2 = Quote(id="q1:q1", article="q1", text="it went well", span=q.span, speaker="Trump", speaker_span=q.speaker_span)
    f2 = ArticleFacts(article="q1", mentions=[trump, xi, lara], quotes=[q2])
    link_entities([f2], {"q1": art})
    assert q2.speaker_entity is None


def test_possessive_modifier_is_not_the_speaker():
    """ "China's foreign ministry said ..." is said by the ministry, not by China: the possessive mention inside a
    longer speaker span is skipped; a speaker span that is the name itself still links."""
    from crosswire.models import Quote

    text = "China's foreign ministry said the talks went well. China said it was pleased."
    art = Article(id="p1", source="t", external_id="p1", text=text, outlet="O")
    china = Mention(id="p1:m0", article="p1", text="China", span=(0, 5), type="GPE")
    china2 = Mention(id="p1:m1", article="p1", text="China", span=(50, 55), type="GPE")
    q1 = Quote(id="p1:q0", article="p1", text="the talks went well", span=(29, 48), direct=False,
               speaker="China's foreign ministry", speaker_span=(0, 23))
    q2 = Quote(id="p1:q1", article="p1", text="it was pleased", span=(61, 75), direct=False, speaker="China",
               speaker_span=(50, 55))
    f = ArticleFacts(article="p1", mentions=[china, china2], quotes=[q1, q2])
    link_entities([f], {"p1": art})
    assert q1.speaker_entity is None
    assert q2.speaker_entity == china.entity and china.entity is not None
