"""How noisy are the claims? Claims per article and the share that the cross-check can use.

``python -m crosswire.eval.claim_noise sample`` (the bundled sample corpus, one event per month of publication:
its two calls) or
``python -m crosswire.eval.claim_noise ecb BENCHDATA`` (the ECB+ multi-outlet corpus of
:mod:`crosswire.eval.ecb_corpus`, its gold events) ingests the corpus into a temporary store, runs the
cross-check per event and prints, for all claims, figure claims and claims without a figure:

* claims per (non-duplicate) article;
* the share of claims that land in a check carried by two or more outlets (the only checks that can be
  corroborated, consistent, conflicting or report omissions);
* ``--sample N`` prints N claims without a figure (seeded) to eyeball their precision, and ``--groups`` the
  multi-outlet checks without figures.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path


def claim_stats(checks_by_event: dict[str, list], facts_by_article: dict[str, object]) -> dict:
    """Counts over the given events' checks (``facts_by_article``: article id -> ArticleFacts of the events'
    non-duplicate articles)."""
    quantities = {q.id for f in facts_by_article.values() for q in f.quantities}  # type: ignore[attr-defined]
    claims = {c.id: c for f in facts_by_article.values() for c in f.claims}  # type: ignore[attr-defined]
    multi: set[str] = set()
    multi_plain_checks = []
    for checks in checks_by_event.values():
        for c in checks:
            if len(c.outlets) >= 2:
                multi.update(c.claims)
                if all(v.value is None for v in c.values):
                    multi_plain_checks.append(c)
    fig = [c for c in claims.values() if c.quantity and c.quantity in quantities]
    plain = [c for c in claims.values() if not (c.quantity and c.quantity in quantities)]
    n_art = max(len(facts_by_article), 1)

    def share(cs: Sequence) -> float:
        return sum(c.id in multi for c in cs) / len(cs) if cs else 0.0

    return {
        "articles": len(facts_by_article),
        "claims": len(claims),
        "figure_claims": len(fig),
        "plain_claims": len(plain),
        "claims_per_article": len(claims) / n_art,
        "plain_per_article": len(plain) / n_art,
        "multi_share": share(list(claims.values())),
        "figure_multi_share": share(fig),
        "plain_multi_share": share(plain),
        "plain_multi_checks": multi_plain_checks,
        "plain": plain,
    }


def _ingest(paths: list[str], meta: str, workdir: Path):
    from ..config import load_settings
    from ..pipeline import ingest_paths
    from ..store import open_store

    settings = load_settings(environ={})
    store = open_store(str(workdir / "noise.db"))
    ingest_paths(paths, store, settings, meta=meta)
    return store, settings


def _facts_of(store, article_ids) -> dict:
    out = {}
    for aid in article_ids:
        art = store.get_article(aid)
        if art is None or art.duplicate_of:
            continue
        out[aid] = store.get_facts(aid)
    return out


def sample_stats(sample_dir: Path, workdir: Path) -> dict:
    from ..models import Event
    from ..reconcile.checks import cross_check

    store, settings = _ingest([str(sample_dir)], str(sample_dir / "sources.json"), workdir)
    entities = {e.id: e for e in store.list_entities()}
    # the sample's two calls are two months apart: one event per month of publication, whatever the
    # clustering does (so that the counts measure the claims, not the event grouping)
    months: dict[str, list] = {}
    for a in store.list_articles():
        months.setdefault((a.published or "?")[:7], []).append(a.id)
    checks: dict[str, list] = {}
    ids: list[str] = []
    for month, aids in sorted(months.items()):
        ev = Event(id="month:" + month, label=month, articles=aids)
        arts = [store.get_article(a) for a in aids]
        facts = [store.get_facts(a) for a in aids]
        checks[ev.id] = cross_check(ev, arts, facts, entities, settings)
        ids.extend(aids)
    return claim_stats(checks, _facts_of(store, ids))


def ecb_stats(benchdata: Path, workdir: Path) -> dict:
    from .ecb_corpus import gold_event_checks, write_corpus

    _, meta, file_gold = write_corpus(benchdata, workdir / "docs")
    store, settings = _ingest([str(workdir / "docs")], str(meta), workdir)
    checks = gold_event_checks(store, file_gold, settings)
    ids = [a for ev in store.list_events() for a in ev.articles]
    return claim_stats(checks, _facts_of(store, ids))


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description="Claims per article and the share in multi-outlet checks")
    ap.add_argument("corpus", choices=("sample", "ecb"))
    ap.add_argument("benchdata", type=Path, nargs="?", help="the benchmark data folder (ecb only)")
    ap.add_argument("--sample", type=int, default=0, help="print N claims without a figure (seed 7)")
    ap.add_argument("--groups", action="store_true", help="print the multi-outlet checks without figures")
    args = ap.parse_args(argv)

    def say(line: str) -> None:
        sys.stdout.write(line + "\n")

    with tempfile.TemporaryDirectory() as tmp:
        if args.corpus == "sample":
            from ..cli import SAMPLE_DIR

            r = sample_stats(Path(SAMPLE_DIR), Path(tmp))
        else:
            if args.benchdata is None:
                ap.error("ecb needs the benchmark data folder")
            r = ecb_stats(args.benchdata, Path(tmp))
    say(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in r.items()
                    if not isinstance(v, list)}))
    if args.groups:
        for c in r["plain_multi_checks"]:
            say(f"  [{c.status}] {c.about} <- {', '.join(c.outlets)}; missing: {', '.join(c.missing_from)}")
    if args.sample:
        rng = random.Random(7)
        picks = rng.sample(r["plain"], min(args.sample, len(r["plain"])))
        for c in picks:
            say(f"  {c.actor_text!s:25.25} | {c.verb!s:12.12} | {c.theme!s:30.30} | {' '.join(c.sentence.split())[:110]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
