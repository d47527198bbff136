"""Quotes and speakers on PolNeAR dev (2016 US election news, brat standoff attributions).

Each ``attributions/<article>_<annotator>.ann`` holds Source/Cue/Content spans (possibly discontinuous:
``start end;start end``) and ``E`` lines tying them into one attribution. Two dev articles have six annotators:
the first file in sorted file-name order is used for every article (deterministic; the others are ignored).

Gold attributions are split by whether their content is in quotation marks: *direct* when at least half of the
content characters fall inside quote-mark segments found by :func:`crosswire.extract.quotes.scan_quotes`,
*indirect* otherwise. Reported:

* direct quotes found: P/R/F1 of our ``direct`` quotes against direct gold contents (any character overlap);
* speaker correct among found: for matched direct quotes, our speaker span overlaps the gold source span, or
  both resolve to a mention with the same person key (e.g. gold "he" -> our "Trump" through the same mention
  chain is *not* counted unless the spans overlap or the gold source itself is a name with the same key);
* indirect attribution P/R/F1: our ``direct=False`` quotes against indirect gold contents (overlap).

PolNeAR also annotates beliefs and intentions ("Trump thinks ...", "voters want ..."), many without a speech
verb, so indirect recall has a low ceiling for a cue-verb extractor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..models import Article
from .common import EvalRow, prf

DATASET = "PolNeAR v1.0 (dev)"


@dataclass
class GoldAttribution:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]] = field(default_factory=list)
    cue: list[tuple[int, int]] = field(default_factory=list)
    direct: bool = False


def _spans(s: str) -> list[tuple[int, int]]:
    out = []
    for part in s.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return out


def read_ann(path: Path) -> list[GoldAttribution]:
    """Attributions of one .ann file (those with a Content span)."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("T"):
            tid, info, *_ = line.split("\t")
            kind, _, offs = info.partition(" ")
            spans[tid] = (kind, _spans(offs))
        elif line.startswith("E"):
            _, args = line.split("\t")[:2]
            roles = {}
            for a in args.split()[1:]:
                role, _, ref = a.partition(":")
                roles[re.sub(r"\d+$", "", role)] = ref
            events.append(roles)
    out = []
    for ev in events:
        if "Content" not in ev or ev["Content"] not in spans:
            continue
        g = GoldAttribution(content=spans[ev["Content"]][1])
        if ev.get("Source") in spans:
            g.source = spans[ev["Source"]][1]
        if ev.get("Cue") in spans:
            g.cue = spans[ev["Cue"]][1]
        out.append(g)
    return out


def pick_annotations(dev: Path) -> list[tuple[Path, Path]]:
    """(text file, first annotator's .ann in sorted order) per dev article."""
    pairs = []
    anns = sorted((dev / "attributions").glob("*.ann"))
    for txt in sorted((dev / "text").glob("*.txt")):
        mine = [a for a in anns if a.stem.rsplit("_", 1)[0] == txt.stem]
        if mine:
            pairs.append((txt, mine[0]))
    return pairs


def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _quoted_fraction(spans: list[tuple[int, int]], quoted: list[tuple[int, int]]) -> float:
    total = sum(e - s for s, e in spans) or 1
    inside = sum(max(0, min(e, qe) - max(s, qs)) for s, e in spans for qs, qe in quoted)
    return inside / total


def evaluate(benchdata: Path, *, limit: int | None = None, nlp: Any = None) -> list[EvalRow]:
    """Score direct quotes, their speakers and indirect attributions on the first ``limit`` dev articles."""
    from ..extract.entities import extract_mentions
    from ..extract.nlp import load_nlp
    from ..extract.quotes import extract_quotes, scan_quotes

    nlp = nlp or load_nlp()
    pairs = pick_annotations(Path(benchdata) / "polnear" / "dev")
    if limit is not None:
        pairs = pairs[:limit]
    d_tp_pred = d_pred = d_tp_gold = d_gold = 0
    i_tp_pred = i_pred = i_tp_gold = i_gold = 0
    spk_ok = spk_n = 0
    for txt, ann in pairs:
        text = txt.read_text("utf-8")
        gold = read_ann(ann)
        quoted = [(s.start, s.end) for s in scan_quotes(text)]
        for g in gold:
            g.direct = _quoted_fraction(g.content, quoted) >= 0.5
        art = Article(id=txt.stem, source=str(txt), external_id=txt.stem, text=text)
        doc = nlp(text)
        mentions = extract_mentions(doc, art)
        quotes = extract_quotes(doc, art, mentions)

        def head_at(spans: list[tuple[int, int]], mentions=mentions) -> str | None:
            for m in mentions:
                if _overlap([m.span], spans) and m.type == "PERSON":
                    return m.head
            return None

        for direct in (True, False):
            gs = [g for g in gold if g.direct == direct]
            ps = [q for q in quotes if q.direct == direct]
            tp_pred = sum(1 for q in ps if any(_overlap([q.span], g.content) for g in gs))
            tp_gold = sum(1 for g in gs if any(_overlap([q.span], g.content) for q in ps))
            if direct:
                d_tp_pred += tp_pred
                d_pred += len(ps)
                d_tp_gold += tp_gold
                d_gold += len(gs)
                for q in ps:
                    g = next((g for g in gs if _overlap([q.span], g.content)), None)
                    if g is None or not g.source:
                        continue
                    spk_n += 1
                    if q.speaker_span and (
                        _overlap([q.speaker_span], g.source)
                        or (
                            head_at([q.speaker_span]) is not None
                            and head_at([q.speaker_span]) == head_at(g.source)
                        )
                    ):
                        spk_ok += 1
            else:
                i_tp_pred += tp_pred
                i_pred += len(ps)
                i_tp_gold += tp_gold
                i_gold += len(gs)
    note = f"{len(pairs)} articles, first annotator per article; content-span overlap"
    dp, dr = (d_tp_pred / d_pred if d_pred else 0.0), (d_tp_gold / d_gold if d_gold else 0.0)
    ip, ir = (i_tp_pred / i_pred if i_pred else 0.0), (i_tp_gold / i_gold if i_gold else 0.0)
    df = 2 * dp * dr / (dp + dr) if dp + dr else 0.0
    if_ = 2 * ip * ir / (ip + ir) if ip + ir else 0.0
    return [
        EvalRow("quotes", DATASET, "direct quotes P", dp, n=d_gold, note=note),
        EvalRow("quotes", DATASET, "direct quotes R", dr, n=d_gold, note=note),
        EvalRow("quotes", DATASET, "direct quotes F1", df, n=d_gold, note=note),
        EvalRow(
            "quotes",
            DATASET,
            "speaker correct (among found direct)",
            spk_ok / spk_n if spk_n else 0.0,
            n=spk_n,
            note="our speaker span overlaps the gold source, or both are mentions of one person",
        ),
        EvalRow("quotes", DATASET, "indirect attribution P", ip, n=i_gold, note=note),
        EvalRow("quotes", DATASET, "indirect attribution R", ir, n=i_gold, note=note),
        EvalRow("quotes", DATASET, "indirect attribution F1", if_, n=i_gold, note=note),
    ]


__all__ = ["evaluate", "read_ann", "pick_annotations", "GoldAttribution", "prf"]
