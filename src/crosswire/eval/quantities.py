"""Evaluation of the quantity extractor (``crosswire eval quantities``).

Two data sets:

* **MeasEval train** (``benchdata/measeval/train/{text,tsv}``; SemEval-2021 Task 8, scientific paragraphs):
  span P/R/F1 of Quantity annotations, exact and overlapping, and unit accuracy on matched spans where the
  gold unit maps to one of ours (:func:`measeval_unit`). MeasEval ``eval/`` is the held-out test: never read.
  MeasEval annotates every number, including bare ones ("1991", "54.8 years"), which crosswire deliberately
  leaves out (years, durations, bare numbers), so recall there is low by design; precision is what matters.
* **Our news set** (``benchmarks/data/quantities_news.jsonl``; see ``benchmarks/data/README.md``): hand
  annotations of passages of PolNeAR train articles and ECB+ train-topic articles, stored as offsets into
  the benchmark files (no text is copied). Span P/R/F1 (exact, overlap) and value+unit accuracy on matched
  spans.

ECB+ ships token XML; :func:`ecb_text` rebuilds the text the offsets refer to.
"""

from __future__ import annotations

import csv
import json
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..extract.quantity import lexicon as lx
from ..models import Article, Quantity
from .common import EvalRow, prf

#: our annotations, relative to the repository root
NEWS_GOLD = Path(__file__).resolve().parents[3] / "benchmarks" / "data" / "quantities_news.jsonl"
#: relative tolerance for "same value" (float noise of unit factors, not rounding)
VALUE_REL_TOL = 1e-6

Span = tuple[int, int]


@dataclass
class GoldQuantity:
    doc: str
    start: int
    end: int
    text: str
    value: float | None = None
    unit: str | None = None
    measures: str | None = None


# --------------------------------------------------------------------------------------------- texts


_DETOK: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?<=\d) ([.]) (?=\d)"), r"\1"),  # "6 . 1" -> "6.1"
    (re.compile(r"(?<=\d) , (?=\d{3}\b)"), ","),  # "120 , 000" -> "120,000"
    (re.compile(r"(?<=\w) - (?=\w)"), "-"),  # "6.1 - magnitude" -> "6.1-magnitude"
    (re.compile(r" (?=[.,;:!?%)\]]|'s\b|n't\b|'')"), ""),  # no space before closing punctuation
    (re.compile(r"(?<=[$£€(\[]) "), ""),  # no space after opening brackets and currency symbols
]


def ecb_text(path: Path) -> str:
    """The text of an ECB+ XML document: tokens joined by spaces with light detokenization (numbers,
    hyphens, punctuation), one line per sentence. Offsets in our gold file refer to this text."""
    root = ET.parse(path).getroot()
    sents: dict[int, list[str]] = {}
    for tok in root.iter("token"):
        sents.setdefault(int(tok.get("sentence", "0")), []).append(tok.text or "")
    lines = []
    for k in sorted(sents):
        line = " ".join(sents[k])
        for pat, rep in _DETOK:
            line = pat.sub(rep, line)
        lines.append(line)
    return "\n".join(lines)


def doc_text(benchdata: Path, rel: str) -> str:
    """The text of a benchmark document named by its path relative to the benchdata root."""
    p = benchdata / rel
    if p.suffix == ".xml":
        return ecb_text(p)
    return p.read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------------- matching


def match_spans(gold: list[Span], pred: list[Span], *, exact: bool) -> list[tuple[int, int]]:
    """One-to-one matches (gold index, pred index): identical spans when ``exact``, else overlapping ones,
    greedily by largest overlap."""
    pairs: list[tuple[int, int, int]] = []
    for gi, (gs, ge) in enumerate(gold):
        for pi, (ps, pe) in enumerate(pred):
            if exact:
                if (gs, ge) == (ps, pe):
                    pairs.append((ge - gs, gi, pi))
            else:
                ov = min(ge, pe) - max(gs, ps)
                if ov > 0:
                    pairs.append((ov, gi, pi))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def same_value(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=VALUE_REL_TOL, abs_tol=1e-12)


Extractor = Callable[[str], list[Quantity]]


def make_extractor(nlp: Any | None = None) -> Extractor:
    """``find_quantities`` (no model), or ``extract_quantities`` over ``nlp(text)`` when a pipeline is given."""
    from ..extract.quantities import extract_quantities, find_quantities

    if nlp is None:
        return find_quantities

    def run(text: str) -> list[Quantity]:
        return extract_quantities(nlp(text), Article(id="", source="", external_id="", text=text))

    return run


# --------------------------------------------------------------------------------------------- MeasEval


def measeval_unit(unit: str | None) -> str | None:
    """Our canonical unit for a MeasEval gold unit string, or None when ours has no equivalent
    (e.g. "mg/L", "years"). Units in our lexicon map to their canonical unit ("kg" -> "t", "%" -> "%");
    a plain plural word ("participants", "samples") is a count."""
    if not unit:
        return None
    u = unit.strip()
    key = u.lower()
    if u in ("%", "percent", "per cent"):
        return "%"
    if key in lx.UNITS and (key not in lx.CASE_SENSITIVE_UNITS or u == lx.CASE_SENSITIVE_UNITS[key]):
        return lx.UNITS[key][0]
    if key in ("°c", "° c", "oc"):
        return "C"
    if re.fullmatch(r"[a-z]{4,}s", u) and key not in lx.NOT_COUNT_NOUNS:
        return "count"
    return None


def load_measeval(benchdata: Path) -> Iterable[tuple[str, str, list[tuple[Span, str | None]]]]:
    """(doc id, text, [(span, unit)]) for each MeasEval train paragraph."""
    root = benchdata / "measeval" / "train"
    for tsv in sorted((root / "tsv").glob("*.tsv")):
        text = (root / "text" / (tsv.stem + ".txt")).read_text(encoding="utf-8")
        golds: list[tuple[Span, str | None]] = []
        with tsv.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                if row["annotType"] != "Quantity":
                    continue
                other = json.loads(row["other"]) if row.get("other") else {}
                golds.append(((int(row["startOffset"]), int(row["endOffset"])), other.get("unit")))
        yield tsv.stem, text, golds


def eval_measeval(benchdata: Path, extract: Extractor) -> list[EvalRow]:
    ds = "MeasEval (train)"
    tp_e = tp_o = n_gold = n_pred = 0
    unit_ok = unit_n = 0
    for _doc, text, golds in load_measeval(benchdata):
        preds = extract(text)
        gspans = [g[0] for g in golds]
        pspans = [q.span for q in preds]
        n_gold += len(gspans)
        n_pred += len(pspans)
        tp_e += len(match_spans(gspans, pspans, exact=True))
        for gi, pi in match_spans(gspans, pspans, exact=False):
            tp_o += 1
            want = measeval_unit(golds[gi][1])
            if want is not None:
                unit_n += 1
                unit_ok += preds[pi].unit == want
    rows = []
    for kind, tp in (("exact", tp_e), ("overlap", tp_o)):
        p, r, f = prf(tp, n_pred - tp, n_gold - tp)
        rows += [
            EvalRow("quantities", ds, f"span P ({kind})", p, n=n_gold),
            EvalRow("quantities", ds, f"span R ({kind})", r, n=n_gold),
            EvalRow("quantities", ds, f"span F1 ({kind})", f, n=n_gold,
                    note="MeasEval marks bare numbers, years and durations, which crosswire leaves out"),
        ]  # fmt: skip
    rows.append(
        EvalRow("quantities", ds, "unit accuracy (overlap matches, mappable units)",
                unit_ok / unit_n if unit_n else 0.0, n=unit_n, note="mapping: crosswire.eval.quantities.measeval_unit")
    )  # fmt: skip
    return rows


# --------------------------------------------------------------------------------------------- news set


def load_news_gold(path: Path = NEWS_GOLD) -> tuple[list[tuple[str, int, int]], list[GoldQuantity]]:
    """(passages as (doc, start, end), gold quantities) from our JSONL annotation file."""
    passages: list[tuple[str, int, int]] = []
    golds: list[GoldQuantity] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line or line.startswith("//"):
                continue
            rec = json.loads(line)
            if rec["type"] == "passage":
                passages.append((rec["doc"], rec["start"], rec["end"]))
            elif rec["type"] == "quantity":
                golds.append(
                    GoldQuantity(rec["doc"], rec["start"], rec["end"], rec["text"], rec.get("value"),
                                 rec.get("unit"), rec.get("measures"))
                )  # fmt: skip
    return passages, golds


def check_news_gold(benchdata: Path, path: Path = NEWS_GOLD) -> list[str]:
    """Problems in the gold file: offsets that do not give the stored surface string, quantities outside
    every annotated passage. Empty when the file is consistent with the benchmark data."""
    passages, golds = load_news_gold(path)
    texts: dict[str, str] = {}
    problems = []
    for g in golds:
        t = texts.setdefault(g.doc, doc_text(benchdata, g.doc))
        if t[g.start : g.end] != g.text:
            problems.append(f"{g.doc} {g.start}-{g.end}: {t[g.start:g.end]!r} != {g.text!r}")
        if not any(d == g.doc and s <= g.start and g.end <= e for d, s, e in passages):
            problems.append(f"{g.doc} {g.start}-{g.end}: outside every passage")
    return problems


def eval_news(
    benchdata: Path, extract: Extractor, path: Path = NEWS_GOLD, *, score_measures: bool | None = None
) -> list[EvalRow]:
    """Span, unit and value scores on our news set; ``measures`` accuracy too when ``score_measures`` (by
    default: when ``extract`` is not the model-free ``find_quantities``, whose few grammar-read measures,
    such as implied casualty counts, are not what this metric scores)."""
    from ..extract.quantities import find_quantities

    if score_measures is None:
        score_measures = extract is not find_quantities
    ds = "crosswire news quantities (PolNeAR/ECB+ train passages)"
    passages, golds = load_news_gold(path)
    tp_e = tp_o = n_gold = n_pred = 0
    vu_ok = unit_ok = 0
    meas_ok = meas_n = 0
    cache: dict[str, list[Quantity]] = {}
    for doc, ps, pe in passages:
        if doc not in cache:
            cache[doc] = extract(doc_text(benchdata, doc))
        preds = [q for q in cache[doc] if ps <= q.span[0] and q.span[1] <= pe]
        gold = [g for g in golds if g.doc == doc and ps <= g.start and g.end <= pe]
        n_gold += len(gold)
        n_pred += len(preds)
        gspans = [(g.start, g.end) for g in gold]
        pspans = [q.span for q in preds]
        tp_e += len(match_spans(gspans, pspans, exact=True))
        for gi, pi in match_spans(gspans, pspans, exact=False):
            tp_o += 1
            g, q = gold[gi], preds[pi]
            unit_ok += q.unit == g.unit
            vu_ok += q.unit == g.unit and same_value(q.value, g.value)
            if score_measures and g.measures is not None:
                meas_n += 1
                meas_ok += q.measures == g.measures
    rows = []
    for kind, tp in (("exact", tp_e), ("overlap", tp_o)):
        p, r, f = prf(tp, n_pred - tp, n_gold - tp)
        rows += [
            EvalRow("quantities", ds, f"span P ({kind})", p, n=n_gold),
            EvalRow("quantities", ds, f"span R ({kind})", r, n=n_gold),
            EvalRow("quantities", ds, f"span F1 ({kind})", f, n=n_gold),
        ]
    rows.append(EvalRow("quantities", ds, "unit accuracy (overlap matches)", unit_ok / tp_o if tp_o else 0.0, n=tp_o))
    rows.append(
        EvalRow("quantities", ds, "value+unit accuracy (overlap matches)", vu_ok / tp_o if tp_o else 0.0, n=tp_o)
    )
    if meas_n:
        rows.append(EvalRow("quantities", ds, "measures accuracy (matches with gold measures)", meas_ok / meas_n,
                            n=meas_n, note="exact string match of the lowercased noun phrase"))  # fmt: skip
    return rows


def evaluate(benchdata: Path, *, nlp: Any | None = None) -> list[EvalRow]:
    """All quantity scores. Without ``nlp`` the regex grammar alone runs (no ``measures``); with a spaCy
    pipeline, :func:`~crosswire.extract.quantities.extract_quantities` runs and measures are scored too."""
    extract = make_extractor(nlp)
    rows: list[EvalRow] = []
    if (benchdata / "measeval" / "train").is_dir():
        rows += eval_measeval(benchdata, extract)
    if NEWS_GOLD.is_file():
        rows += eval_news(benchdata, extract)
    return rows
