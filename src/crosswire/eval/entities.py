"""Entity recognition on CoNLL-2003 English (valid split): per-type and micro F1 for PER/ORG/LOC.

Docs are built from the gold tokens (``spacy.tokens.Doc(words=...)``, one Doc per sentence) so that token
boundaries align; the pipeline then runs over them. Two systems are scored with exact span+type match
(the CoNLL convention): the raw spaCy NER, and crosswire's mentions (:func:`crosswire.extract.entities.
extract_mentions`, which trims "the"/possessives, retypes names and adds title-triggered names; nominal
references like "the president" are left out because CoNLL does not annotate them).

spaCy labels map to CoNLL types: PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC,
NORP/EVENT/PRODUCT/WORK_OF_ART/LAW/LANGUAGE->MISC. Context: the model card's NER F1 (~0.84 for the small
English model) is on OntoNotes 5 with its 18 types; CoNLL-2003 is Reuters 1996 text with different guidelines
(e.g. nationalities are MISC, sports teams named after cities are ORG), so figures here are lower and not
comparable to that number.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..models import Article
from .common import EvalRow, prf

#: spaCy (OntoNotes) label -> CoNLL-2003 type
LABEL_MAP = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}
SCORED_TYPES = ("PER", "ORG", "LOC")
DATASET = "CoNLL-2003 English (valid)"


def read_conll(path: Path) -> Iterator[tuple[list[str], list[str]]]:
    """(words, IOB2 tags) per sentence; -DOCSTART- lines are skipped."""
    words: list[str] = []
    tags: list[str] = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("-DOCSTART-"):
            if words:
                yield words, tags
            words, tags = [], []
            continue
        cols = line.split()
        words.append(cols[0])
        tags.append(cols[-1])
    if words:
        yield words, tags


def gold_spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """(start token, end token, type) from IOB2 (an I- after O or another type starts a span, as in conlleval)."""
    out = set()
    start, typ = None, None
    for i, t in enumerate([*tags, "O"]):
        if t == "O" or t.startswith("B-") or (t.startswith("I-") and t[2:] != typ):
            if start is not None:
                out.add((start, i, typ))
            start, typ = (i, t[2:]) if t != "O" else (None, None)
    return out


def _mention_spans(doc: Any, article: Article) -> set[tuple[int, int, str]]:
    from ..extract.entities import extract_mentions

    out = set()
    for m in extract_mentions(doc, article):
        if m.label_span == m.span:  # nominal reference
            continue
        typ = LABEL_MAP.get(m.type)
        sp = doc.char_span(m.span[0], m.span[1], alignment_mode="expand")
        if typ and sp is not None:
            out.add((sp.start, sp.end, typ))
    return out


def evaluate(benchdata: Path, *, limit: int | None = None, nlp: Any = None) -> list[EvalRow]:
    """Score spaCy NER and crosswire mentions on the first ``limit`` sentences (all when None) of valid.txt."""
    from spacy.tokens import Doc

    from ..extract.nlp import load_nlp

    nlp = nlp or load_nlp()
    sents = list(read_conll(Path(benchdata) / "conll2003" / "valid.txt"))
    if limit is not None:
        sents = sents[:limit]
    counts: dict[str, dict[str, list[int]]] = {
        s: {t: [0, 0, 0] for t in SCORED_TYPES} for s in ("ner", "mentions")
    }
    docs = (Doc(nlp.vocab, words=w) for w, _ in sents)
    for (_, tags), doc in zip(sents, nlp.pipe(docs, batch_size=64), strict=True):
        gold = {g for g in gold_spans(tags) if g[2] in SCORED_TYPES}
        ner = {
            (e.start, e.end, LABEL_MAP[e.label_]) for e in doc.ents if LABEL_MAP.get(e.label_) in SCORED_TYPES
        }
        art = Article(id="s", source="conll", external_id="s", text=doc.text)
        ment = {s for s in _mention_spans(doc, art) if s[2] in SCORED_TYPES}
        for name, pred in (("ner", ner), ("mentions", ment)):
            for t in SCORED_TYPES:
                g = {x for x in gold if x[2] == t}
                p = {x for x in pred if x[2] == t}
                c = counts[name][t]
                c[0] += len(g & p)
                c[1] += len(p - g)
                c[2] += len(g - p)
    rows: list[EvalRow] = []
    note = (
        "exact span+type match; model card NER F1 ~0.84 is on OntoNotes 5 (18 types), not comparable; "
        f"{len(sents)} sentences"
    )
    for name, label in (("ner", "spaCy NER"), ("mentions", "crosswire mentions")):
        tp = sum(c[0] for c in counts[name].values())
        fp = sum(c[1] for c in counts[name].values())
        fn = sum(c[2] for c in counts[name].values())
        for t in SCORED_TYPES:
            c = counts[name][t]
            rows.append(EvalRow("entities", DATASET, f"{label} {t} F1", prf(*c)[2], n=c[0] + c[2], note=note))
        p, r, f = prf(tp, fp, fn)
        rows.append(EvalRow("entities", DATASET, f"{label} micro P", p, n=tp + fn, note=note))
        rows.append(EvalRow("entities", DATASET, f"{label} micro R", r, n=tp + fn, note=note))
        rows.append(EvalRow("entities", DATASET, f"{label} micro F1 (PER/ORG/LOC)", f, n=tp + fn, note=note))
    return rows
