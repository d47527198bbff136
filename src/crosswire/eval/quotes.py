"""Quotes and speakers on PolNeAR (2016 US election news, brat standoff attributions); dev by default.

Each ``attributions/<article>_<annotator>.ann`` holds Source/Cue/Content spans (possibly discontinuous:
``start end;start end``) and ``E`` lines tying them into one attribution. Two dev articles have six annotators:
the first file in sorted file-name order is used for every article (deterministic; the others are ignored).
``evaluate(..., split="train")`` scores the training split (for development and error analysis); the test split
is held out and is never read here.

Gold attributions are split by whether their content is in quotation marks: *direct* when at least half of the
content characters fall inside quote-mark segments found by :func:`crosswire.extract.quotes.scan_quotes`,
*indirect* otherwise. Reported:

* direct quotes found: R = share of direct gold contents overlapped by one of our ``direct`` quotes (any
  character overlap); P = share of our ``direct`` quotes that overlap the content of a gold attribution, direct
  *or indirect*. The direct/indirect split is ours, not the annotators': a short quoted phrase inside a longer
  paraphrase ('He said Sanders has been "a tremendously important part of my caucus"') is annotated as one
  attribution that is mostly unquoted, hence "indirect" here, yet our partial quote of it is a correct find.
  ``direct quotes P (direct gold only)`` keeps the stricter figure that counts those as false positives;
* speaker correct among found: over our direct quotes that match a gold direct attribution having a Source
  span. A quote with no speaker counts as wrong. Our speaker is correct when

  1. our ``speaker_span`` overlaps the gold Source span (the same words); or
  2. both denote the same person: the gold Source overlaps a PERSON mention and ours overlaps a PERSON mention
     with the same within-article key (``Mention.head``: "Glaser" / "Bonnie Glaser"); or
  3. the gold Source is a singular personal pronoun ("he", "she") or a role noun phrase ("the spokesman",
     "the Republican nominee": its last word is a title in :data:`crosswire.extract.entities.TITLE_WORDS`) and
     our speaker is the person it refers to. PolNeAR has no coreference layer, so the referent is taken from
     the *gold* annotation alone, never from our resolver: the nearest gold Source before it (within
     :data:`REFERENT_WINDOW` characters) that overlaps a PERSON mention. This under-credits rather than
     over-credits: when the pronoun refers to someone who was never a gold source ("Trump visited Ohio. “...,”
     he said") the chain leads to an earlier source and a right answer is counted wrong. Possessive and group
     sources ("his campaign", "they") get no referent: only rules 1, 2 and 4 apply; or
  4. the same words elsewhere: gold and ours are the same text after lowercasing and dropping a leading
     article ("the campaign" / "The campaign").

  The stricter figure "speaker span overlaps gold" (rule 1 only) is reported next to it, so that the effect of
  rules 2-4 is visible;
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
        if line.startswith("T") and "\t" in line:
            tid, info, *_ = line.split("\t")
            kind, _, offs = info.partition(" ")
            spans[tid] = (kind, _spans(offs))
        elif line.startswith("E") and "\t" in line:
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


#: how far back (characters) the gold-chain referent of a pronoun/role Source is looked for (speaker rule 3)
REFERENT_WINDOW = 3000

_ARTICLE = re.compile(r"^(the|a|an)\s+")


def _norm(text: str) -> str:
    return _ARTICLE.sub("", " ".join(text.lower().split()))


#: singular personal pronouns whose referent rule 3 looks up
REFERRING_PRONOUNS = frozenset({"he", "she", "him", "her"})


def _is_pronoun_or_role(source: str) -> bool:
    from ..extract.entities import TITLE_WORDS

    words = source.lower().split()
    if len(words) == 1 and words[0] in REFERRING_PRONOUNS:
        return True
    return bool(words) and words[0] not in ("his", "her", "their", "its") and words[-1] in TITLE_WORDS


def _person_key(spans: list[tuple[int, int]], mentions: list[Any]) -> str | None:
    for m in mentions:
        if m.type == "PERSON" and m.head and _overlap([m.span], spans):
            return m.head
    return None


def gold_referents(gold: list[GoldAttribution], mentions: list[Any], text: str) -> list[str | None]:
    """Person key of each gold Source: its own PERSON mention, else (a pronoun or role) the key of the nearest
    earlier gold Source within :data:`REFERENT_WINDOW` characters that overlaps one (speaker rule 3)."""
    named = sorted(
        (g.source[0][0], k) for g in gold if g.source and (k := _person_key(g.source, mentions)) is not None
    )
    out: list[str | None] = []
    for g in gold:
        if not g.source:
            out.append(None)
            continue
        key = _person_key(g.source, mentions)
        if key is None and _is_pronoun_or_role(" ".join(text[s:e] for s, e in g.source)):
            at = g.source[0][0]
            before = [k for s, k in named if at - REFERENT_WINDOW <= s < at]
            key = before[-1] if before else None
        out.append(key)
    return out


def speaker_verdict(
    q: Any, g: GoldAttribution, gold_key: str | None, text: str, mentions: list[Any]
) -> tuple[bool, bool]:
    """(correct, strict): whether our speaker for quote ``q`` is right for gold ``g`` (module docstring)."""
    if not q.speaker_span:
        return False, False
    if _overlap([q.speaker_span], g.source):
        return True, True
    ours = _person_key([q.speaker_span], mentions)
    if ours is not None and ours == gold_key:
        return True, False
    gold_text = " ".join(text[s:e] for s, e in g.source)
    return _norm(gold_text) == _norm(q.speaker or ""), False


@dataclass
class ArticleScore:
    """Per-article matches (for error analysis): direct (quote, gold or None, correct) and the gold sets."""

    text: str
    gold: list[GoldAttribution]
    quotes: list[Any]
    mentions: list[Any]
    direct: list[tuple[Any, GoldAttribution | None, bool | None, bool | None]] = field(default_factory=list)


def score_article(
    text: str, gold: list[GoldAttribution], quotes: list[Any], mentions: list[Any]
) -> ArticleScore:
    """Match one article's quotes to its gold attributions; speaker verdicts for the matched direct ones."""
    from ..extract.quotes import scan_quotes

    quoted = [(s.start, s.end) for s in scan_quotes(text)]
    for g in gold:
        g.direct = _quoted_fraction(g.content, quoted) >= 0.5
    keys = gold_referents(gold, mentions, text)
    res = ArticleScore(text, gold, quotes, mentions)
    gd = [(g, k) for g, k in zip(gold, keys, strict=True) if g.direct]
    for q in quotes:
        if not q.direct:
            continue
        hit = next(((g, k) for g, k in gd if _overlap([q.span], g.content)), None)
        if hit is None:
            res.direct.append((q, None, None, None))
        elif not hit[0].source:
            res.direct.append((q, hit[0], None, None))
        else:
            ok, strict = speaker_verdict(q, hit[0], hit[1], text, mentions)
            res.direct.append((q, hit[0], ok, strict))
    return res


def run_split(
    benchdata: Path, *, split: str = "dev", limit: int | None = None, nlp: Any = None
) -> list[ArticleScore]:
    """Extract and match every article of ``split`` ("train" or "dev"; the test split is refused)."""
    from ..extract.entities import extract_mentions
    from ..extract.nlp import load_nlp
    from ..extract.quotes import extract_quotes

    if split not in ("train", "dev"):
        raise ValueError(f"split must be 'train' or 'dev' (the test split is held out), not {split!r}")
    nlp = nlp or load_nlp()
    pairs = pick_annotations(Path(benchdata) / "polnear" / split)
    if limit is not None:
        pairs = pairs[:limit]
    out = []
    for txt, ann in pairs:
        text = txt.read_text("utf-8")
        art = Article(id=txt.stem, source=str(txt), external_id=txt.stem, text=text)
        doc = nlp(text)
        mentions = extract_mentions(doc, art)
        quotes = extract_quotes(doc, art, mentions)
        out.append(score_article(text, read_ann(ann), quotes, mentions))
    return out


def evaluate(
    benchdata: Path, *, limit: int | None = None, nlp: Any = None, split: str = "dev"
) -> list[EvalRow]:
    """Score direct quotes, their speakers and indirect attributions on the first ``limit`` articles of
    ``split`` (default dev)."""
    scores = run_split(benchdata, split=split, limit=limit, nlp=nlp)
    dataset = f"PolNeAR v1.0 ({split})"
    d_tp_pred = d_pred = d_tp_gold = d_gold = d_tp_strict = 0
    i_tp_pred = i_pred = i_tp_gold = i_gold = 0
    spk_ok = spk_strict = spk_n = 0
    for sc in scores:
        for direct in (True, False):
            gs = [g for g in sc.gold if g.direct == direct]
            ps = [q for q in sc.quotes if q.direct == direct]
            tp_pred = sum(1 for q in ps if any(_overlap([q.span], g.content) for g in gs))
            tp_gold = sum(1 for g in gs if any(_overlap([q.span], g.content) for q in ps))
            if direct:
                d_tp_strict += tp_pred
                tp_pred = sum(1 for q in ps if any(_overlap([q.span], g.content) for g in sc.gold))
                d_tp_pred, d_pred = d_tp_pred + tp_pred, d_pred + len(ps)
                d_tp_gold, d_gold = d_tp_gold + tp_gold, d_gold + len(gs)
            else:
                i_tp_pred, i_pred = i_tp_pred + tp_pred, i_pred + len(ps)
                i_tp_gold, i_gold = i_tp_gold + tp_gold, i_gold + len(gs)
        for _q, _g, ok, strict in sc.direct:
            if ok is None:
                continue
            spk_n += 1
            spk_ok += bool(ok)
            spk_strict += bool(strict)
    note = f"{len(scores)} articles, first annotator per article; content-span overlap"
    dp, dr = (d_tp_pred / d_pred if d_pred else 0.0), (d_tp_gold / d_gold if d_gold else 0.0)
    ip, ir = (i_tp_pred / i_pred if i_pred else 0.0), (i_tp_gold / i_gold if i_gold else 0.0)
    df = 2 * dp * dr / (dp + dr) if dp + dr else 0.0
    if_ = 2 * ip * ir / (ip + ir) if ip + ir else 0.0
    return [
        EvalRow("quotes", dataset, "direct quotes P", dp, n=d_gold, note=note),
        EvalRow("quotes", dataset, "direct quotes R", dr, n=d_gold, note=note),
        EvalRow("quotes", dataset, "direct quotes F1", df, n=d_gold, note=note),
        EvalRow(
            "quotes",
            dataset,
            "direct quotes P (direct gold only)",
            d_tp_strict / d_pred if d_pred else 0.0,
            n=d_gold,
            note=note + "; partial quotes inside mostly-unquoted gold attributions count as false positives",
        ),
        EvalRow(
            "quotes",
            dataset,
            "speaker correct (among found direct)",
            spk_ok / spk_n if spk_n else 0.0,
            n=spk_n,
            note="same words, same person, or the gold-chain referent of a pronoun/role source (docstring)",
        ),
        EvalRow(
            "quotes",
            dataset,
            "speaker span overlaps gold (strict)",
            spk_strict / spk_n if spk_n else 0.0,
            n=spk_n,
            note="our speaker span overlaps the gold Source span",
        ),
        EvalRow("quotes", dataset, "indirect attribution P", ip, n=i_gold, note=note),
        EvalRow("quotes", dataset, "indirect attribution R", ir, n=i_gold, note=note),
        EvalRow("quotes", dataset, "indirect attribution F1", if_, n=i_gold, note=note),
    ]


__all__ = [
    "evaluate",
    "run_split",
    "score_article",
    "speaker_verdict",
    "gold_referents",
    "read_ann",
    "pick_annotations",
    "GoldAttribution",
    "ArticleScore",
    "prf",
]
