"""TempEval-3 evaluation of date extraction and resolution on TBAQ-cleaned (TimeBank + AQUAINT).

Each ``.tml`` file's ``<TEXT>`` section is stripped of its tags to give the plain text and the gold TIMEX3
spans with their types and values; the document creation time is the TIMEX3 with
``functionInDocument="CREATION_TIME"``. :func:`crosswire.extract.dates.find_dates` runs on the text with that
date, and the scores follow the TempEval-3 conventions:

* strict span P/R/F1 (identical character spans) and relaxed span P/R/F1 (overlapping spans, one-to-one);
* value accuracy over the relaxed matches, and value F1 = relaxed F1 x value accuracy.

Rows are produced for DATE expressions (gold DATE vs predicted DATE) and for all TIMEX3 types, per corpus
(TimeBank, AQUAINT) and in total. The TempEval-3 platinum test set is never read here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from .common import EvalRow, prf

#: the training corpora inside benchdata, in report order
CORPORA = ("TimeBank", "AQUAINT")
TBAQ = Path("tempeval3") / "TBAQ-cleaned"
#: HeidelTime's value F1 on the TempEval-3 platinum test (UzZaman et al. 2013), percent
HEIDELTIME_VALUE_F1 = 77.61

_TEXT_RE = re.compile(r"<TEXT>(.*?)</TEXT>", re.DOTALL)
_TAG_RE = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR_RE = re.compile(r'(\w+)="([^"]*)"')
_DCT_RE = re.compile(r"<TIMEX3[^>]*functionInDocument=\"CREATION_TIME\"[^>]*>")


@dataclass
class GoldTimex:
    span: tuple[int, int]
    type: str
    value: str
    text: str


@dataclass
class GoldDoc:
    name: str
    corpus: str
    text: str
    dct: str | None
    timexes: list[GoldTimex] = field(default_factory=list)


def parse_tml(raw: str, name: str = "", corpus: str = "") -> GoldDoc:
    """Plain text, DCT and gold TIMEX3 spans of one TimeML document."""
    dct = None
    m = _DCT_RE.search(raw)
    if m:
        attrs = dict(_ATTR_RE.findall(m.group(0)))
        dct = attrs.get("value")
    body = _TEXT_RE.search(raw)
    src = body.group(1) if body else ""
    parts: list[str] = []
    pos = 0
    open_tx: tuple[int, dict[str, str]] | None = None
    timexes: list[GoldTimex] = []
    length = 0
    for t in _TAG_RE.finditer(src):
        chunk = html.unescape(src[pos : t.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = t.end()
        closing, tag = t.group(1), t.group(2)
        if tag != "TIMEX3":
            continue
        if not closing:
            open_tx = (length, dict(_ATTR_RE.findall(t.group(3))))
        elif open_tx is not None:
            start, attrs = open_tx
            text = "".join(parts)[start:length]
            timexes.append(GoldTimex((start, length), attrs.get("type", ""), attrs.get("value", ""), text))
            open_tx = None
    parts.append(html.unescape(src[pos:]))
    return GoldDoc(name, corpus, "".join(parts), dct, timexes)


def load_tbaq(benchdata: Path, *, limit: int | None = None, corpora: Iterable[str] = CORPORA) -> list[GoldDoc]:
    """The TBAQ-cleaned documents, sorted by corpus then file name; ``limit`` takes the first n of each corpus."""
    root = Path(benchdata) / TBAQ
    if not root.is_dir():
        raise ConfigError(f"TempEval-3 training data not found at {root}", hint="check the benchdata path")
    docs: list[GoldDoc] = []
    for corpus in corpora:
        files = sorted((root / corpus).glob("*.tml"))
        if limit is not None:
            files = files[:limit]
        for f in files:
            docs.append(parse_tml(f.read_text("utf-8"), f.stem, corpus))
    return docs


@dataclass
class Tally:
    """Counts behind one row group: strict/relaxed span matches and correct values."""

    gold: int = 0
    pred: int = 0
    strict: int = 0
    relaxed: int = 0
    value_ok: int = 0

    def add(self, other: Tally) -> None:
        self.gold += other.gold
        self.pred += other.pred
        self.strict += other.strict
        self.relaxed += other.relaxed
        self.value_ok += other.value_ok

    def scores(self) -> dict[str, float]:
        sp, sr, sf = prf(self.strict, self.pred - self.strict, self.gold - self.strict)
        rp, rr, rf = prf(self.relaxed, self.pred - self.relaxed, self.gold - self.relaxed)
        acc = self.value_ok / self.relaxed if self.relaxed else 0.0
        return {
            "strict P": sp, "strict R": sr, "strict F1": sf,
            "relaxed P": rp, "relaxed R": rr, "relaxed F1": rf,
            "value accuracy": acc, "value F1": rf * acc,
        }  # fmt: skip


def score_doc(gold: list[tuple[tuple[int, int], str]], pred: list[tuple[tuple[int, int], str | None]]) -> Tally:
    """Match predicted to gold spans one-to-one (exact first, then largest overlap) and count."""
    t = Tally(gold=len(gold), pred=len(pred))
    used: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for gi, (gs, _) in enumerate(gold):
        for pi, (ps, _) in enumerate(pred):
            if pi not in used and ps == gs:
                used.add(pi)
                pairs.append((gi, pi))
                t.strict += 1
                break
    matched_gold = {g for g, _ in pairs}
    for gi, (gs, _) in enumerate(gold):
        if gi in matched_gold:
            continue
        best, best_ov = None, 0
        for pi, (ps, _) in enumerate(pred):
            if pi in used:
                continue
            ov = min(gs[1], ps[1]) - max(gs[0], ps[0])
            if ov > best_ov:
                best, best_ov = pi, ov
        if best is not None:
            used.add(best)
            pairs.append((gi, best))
    t.relaxed = len(pairs)
    t.value_ok = sum(1 for g, p in pairs if pred[p][1] is not None and pred[p][1] == gold[g][1])
    return t


def evaluate_docs(docs: list[GoldDoc], nlp: Any = None) -> dict[tuple[str, str], Tally]:
    """Tallies keyed by (corpus or "total", "DATE" or "all types")."""
    from ..extract.dates import find_dates

    tallies: dict[tuple[str, str], Tally] = {}
    texts = [d.text for d in docs]
    spacy_docs: Iterable[Any] = nlp.pipe(texts, batch_size=16) if nlp is not None else (None for _ in texts)
    for doc, sdoc in zip(docs, spacy_docs, strict=True):
        found = find_dates(doc.text, doc.dct, sdoc)
        for scope in ("DATE", "all types"):
            g = [(x.span, x.value) for x in doc.timexes if scope != "DATE" or x.type == "DATE"]
            p = [(x.span, x.value) for x in found if scope != "DATE" or x.type == "DATE"]
            t = score_doc(g, p)
            for key in ((doc.corpus, scope), ("total", scope)):
                tallies.setdefault(key, Tally()).add(t)
    return tallies


def rows_from_tallies(tallies: dict[tuple[str, str], Tally], *, limit: int | None = None) -> list[EvalRow]:
    rows: list[EvalRow] = []
    for (corpus, scope), tally in sorted(tallies.items(), key=lambda kv: (kv[0][0] == "total", kv[0])):
        dataset = f"TempEval-3 TBAQ {corpus} (train)" + (f", first {limit} docs per corpus" if limit else "")
        for metric, value in tally.scores().items():
            headline = scope == "all types" and metric == "value F1"
            rows.append(
                EvalRow(
                    task="dates",
                    dataset=dataset,
                    metric=f"{metric} [{scope}]",
                    value=value,
                    published=HEIDELTIME_VALUE_F1 / 100 if headline else None,
                    published_by="HeidelTime, TempEval-3 platinum test (not this split)" if headline else None,
                    n=tally.gold,
                    note="value F1 = relaxed span F1 x value accuracy (TempEval-3)" if metric == "value F1" else None,
                )
            )
    return rows


def evaluate(benchdata: Path, *, limit: int | None = None, nlp: Any = None) -> list[EvalRow]:
    """Score date extraction on TBAQ-cleaned; ``limit`` = first n documents of each corpus.

    ``nlp`` is a loaded spaCy pipeline (tense from the parse, DATE entities for bare years); without it
    the extractor runs on text alone. Values are 0..1.
    """
    docs = load_tbaq(Path(benchdata), limit=limit)
    return rows_from_tallies(evaluate_docs(docs, nlp), limit=limit)
