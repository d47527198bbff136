"""What a quantity measures, read off the spaCy dependency parse.

The answer is a short lowercased noun phrase: the head noun plus its common-noun compounds, never a
proper noun, a number or a determiner ("hike soybean purchases to 20mn tonnes" -> "soybean purchases",
"$11.1bn arms sale" -> "arms sale", "tariffs of 10%" -> "tariffs", "20 cargoes of soybeans" -> "soybeans").
None when the parse gives no clear answer: a wrong "measures" would mislead the cross-check more than a
missing one.
"""

from __future__ import annotations

from typing import Any

from .grammar import Found

#: units whose quantity is "of" something ("20 million tonnes of soybeans")
_OF_UNITS = frozenset({"t", "km", "km2", "ha", "l", "bbl", "bbl/d", "bu", "W", "Wh", "count"})
#: verbs of change whose subject is what the figure measures ("exports rose 5%")
_CHANGE_VERBS = frozenset(
    "rise fall increase decrease grow drop climb decline jump surge slump gain lose reach total hit stand "
    "shrink slide soar plunge tumble edge dip rebound expand contract top exceed amount average cost".split()
)
#: dependency labels by which a number or unit modifies a noun outside the quantity ("$11bn arms sale")
_MODIFIER_DEPS = frozenset({"nummod", "amod", "compound", "nmod", "quantmod", "npadvmod", "appos"})
#: longest phrase returned, in tokens
_MAX_TOKENS = 4


def _phrase(tok: Any, exclude: range) -> str | None:
    """``tok`` with its contiguous common-noun compounds, lowercased; None for names, numbers, pronouns."""
    if tok.pos_ not in ("NOUN",) or tok.like_num or tok.i in exclude:
        return None
    words = [tok]
    for child in reversed(list(tok.lefts)):
        if child.i != words[0].i - 1:
            break
        if child.dep_ == "compound" and child.pos_ == "NOUN" and not child.like_num and child.i not in exclude:
            words.insert(0, child)
        else:
            break
    words = words[-_MAX_TOKENS:]
    return " ".join(w.text.lower() for w in words)


def _of_object(tok: Any, preps: tuple[str, ...] = ("of",)) -> Any | None:
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def _dobj(verb: Any) -> Any | None:
    for child in verb.children:
        if child.dep_ in ("dobj", "obj"):
            return child
    return None


def _nsubj(verb: Any) -> Any | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    return None


def measured_thing(doc: Any, f: Found) -> str | None:
    """The noun phrase quantity ``f`` qualifies in ``doc``, or None when unclear."""
    span = doc.char_span(f.start, f.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    inside = range(span.start, span.end)
    # the counted noun: "20 cargoes of soybeans" -> soybeans, "34 people" -> people
    if f.noun_span is not None:
        noun = doc.char_span(f.noun_span[0], f.noun_span[1], alignment_mode="expand")
        if noun is not None and len(noun):
            n = noun[-1]
            obj = _of_object(n)
            if obj is not None:
                return _phrase(obj, inside)
            return _phrase(n, range(0)) if n.pos_ == "NOUN" else n.text.lower()
    root = span.root
    if f.unit in _OF_UNITS:
        obj = _of_object(root)
        if obj is not None:
            return _phrase(obj, inside)
    if len(f.unit) == 3 and f.unit.isupper():  # currencies: "$11.1bn in weapons"
        obj = _of_object(root, ("in", "of", "for"))
        if obj is not None and obj.pos_ == "NOUN":
            return _phrase(obj, inside)
    head = root.head
    if head.i in inside or head is root:
        return None
    if root.dep_ in _MODIFIER_DEPS:
        if head.pos_ == "NOUN":
            return _phrase(head, inside)
        if head.lower_ == "worth":  # "an arms sale worth $11bn", "the deal is worth $5bn"
            if head.dep_ == "amod" and head.head.pos_ == "NOUN":
                return _phrase(head.head, inside)
            if head.dep_ == "acomp":
                subj = _nsubj(head.head)
                return _phrase(subj, inside) if subj is not None else None
        if head.pos_ in ("VERB", "AUX") and head.lemma_ in _CHANGE_VERBS:
            subj = _nsubj(head)
            return _phrase(subj, inside) if subj is not None else None
        return None
    if root.dep_ == "pobj":
        prep = head
        gov = prep.head
        if gov.pos_ == "NOUN" and prep.lower_ in ("of", "at", "to", "by"):
            return _phrase(gov, inside)  # "tariffs of 10%"
        if gov.pos_ in ("VERB", "AUX") and prep.lower_ in ("to", "by", "at", "from"):
            obj = _dobj(gov)  # "hike soybean purchases to 20mn tonnes"
            if obj is not None:
                return _phrase(obj, inside)
            if gov.lemma_ in _CHANGE_VERBS:  # "exports rose to $5bn"
                subj = _nsubj(gov)
                return _phrase(subj, inside) if subj is not None else None
        return None
    if root.dep_ in ("dobj", "attr") and head.lemma_ in _CHANGE_VERBS:
        subj = _nsubj(head)  # "exports totalled $5bn"
        return _phrase(subj, inside) if subj is not None else None
    return None
