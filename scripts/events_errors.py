"""Error analysis of article-to-event clustering on ECB+ train/dev topics (never the held-out test topics).

Prints, per topic, the articles the incremental EventIndex put with another subtopic's articles or apart from
their own subtopic's majority event, with the evidence: each misplaced article's event date (and where it came
from), publication day, main-event years, lead figures, and its score parts against its own gold event's and its
predicted event's candidates. Also prints the 5-seed mean B-cubed F1 per split.

Slow parts (spaCy extraction, embeddings) are cached in a pickle (``--cache``) keyed by article id and lead text,
so re-runs after a scoring change take seconds.

    .venv/bin/python scripts/events_errors.py --split dev --seeds 13 --detail
    .venv/bin/python scripts/events_errors.py --split train dev --seeds 13 14 15 16 17   # 5-seed means only
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

from crosswire.cluster.events import EventIndex
from crosswire.cluster.features import article_features
from crosswire.eval import events as E

SEEDS = (13, 14, 15, 16, 17)


def say(*parts: object) -> None:
    print(*parts, flush=True)  # noqa: T201 - a report script


def load_cache(path: Path) -> None:
    if path.is_file():
        with path.open("rb") as fp:
            facts, vecs = pickle.load(fp)
        E._FACTS_CACHE.update({(k[0], k[1], -1): v for k, v in facts.items()})
        E._VEC_CACHE.update(vecs)


def save_cache(path: Path) -> None:
    facts = {(k[0], k[1]): v for k, v in E._FACTS_CACHE.items()}
    with path.open("wb") as fp:
        pickle.dump((facts, E._VEC_CACHE), fp)


def prepare(benchdata: Path, split: str):
    docs = E.load_split(benchdata, split)
    missing = [d for d in docs if (d.article.id, d.article.published, -1) not in E._FACTS_CACHE]
    if missing:
        from crosswire.extract.nlp import load_nlp

        nlp = load_nlp()
        E.make_facts(missing, nlp)  # fills the cache under id(nlp); re-keyed to -1 so it survives the process
        for k in [k for k in E._FACTS_CACHE if k[2] == id(nlp)]:
            E._FACTS_CACHE[(k[0], k[1], -1)] = E._FACTS_CACHE.pop(k)

    import copy

    from crosswire.extract.linking import link_entities

    facts = [copy.deepcopy(E._FACTS_CACHE[(d.article.id, d.article.published, -1)]) for d in docs]
    link_entities(facts, {d.article.id: d.article for d in docs})
    from crosswire.cluster.embed import get_embedder
    from crosswire.cluster.features import lead_text

    leads = [lead_text(d.article, f) for d, f in zip(docs, facts, strict=True)]
    todo = [t for t in dict.fromkeys(leads) if t not in E._VEC_CACHE]
    if todo:
        for t, v in zip(todo, get_embedder().embed(todo), strict=True):
            E._VEC_CACHE[t] = v
    vectors = np.vstack([E._VEC_CACHE[t] for t in leads])
    return docs, facts, vectors


def detail(docs, facts, vectors, seed: int) -> None:
    idx = EventIndex(None, embedder=E._NoEmbedder())
    order = E.stream(len(docs), seed)
    feats = {}
    for i in order:
        idx.assign(docs[i].article, facts[i], vector=vectors[i])
        feats[i] = article_features(docs[i].article, facts[i])
    pred = [idx.event_of(d.article.id) for d in docs]
    by_topic: dict[int, list[int]] = defaultdict(list)
    for i, d in enumerate(docs):
        by_topic[d.topic].append(i)
    for t, items in sorted(by_topic.items()):
        gold = [docs[i].subtopic for i in items]
        pr = [pred[i] for i in items]
        p, r, f = E.bcubed(pr, gold)
        # majority event per subtopic
        maj = {}
        for s in set(gold):
            c = Counter(pred[i] for i in items if docs[i].subtopic == s)
            maj[s] = c.most_common(1)[0][0]
        ev_sub = {}
        for e in set(pr):
            c = Counter(docs[i].subtopic for i in items if pred[i] == e)
            ev_sub[e] = c.most_common(1)[0][0]
        bad = [i for i in items if pred[i] != maj[docs[i].subtopic]]
        if not bad and f > 0.999:
            continue
        say(f"\n== topic {t}: F1 {f:.3f} (P {p:.3f} R {r:.3f}); {len(items)} docs, {len(set(pr))} events")
        for e in sorted(set(pr), key=lambda e: -pr.count(e)):
            c = Counter(docs[i].subtopic for i in items if pred[i] == e)
            say(f"   event {e[:8]}: {dict(c)}")
        for s in sorted(set(gold)):
            ds = [i for i in items if docs[i].subtopic == s]
            dd = Counter(feats[i].date for i in ds)
            say(f"   {s}: dates {dict(dd.most_common(6))}")
        for i in bad:
            d, fe = docs[i], feats[i]
            say(
                f"  - {d.article.external_id} [{d.subtopic}] -> {pred[i][:8]} (majority of {ev_sub[pred[i]]}); "
                f"date {fe.date} {fe.date_precision} {fe.date_source} pub {fe.published} years {sorted(fe.years)} "
                f"figs {dict(fe.lead_figures)}"
            )
            say(f"      lead: {fe.lead[:160]!r}")
            # score against both events as they stand at the end
            for label, eid in (("own", maj[d.subtopic]), ("pred", pred[i])):
                ev = idx._events.get(eid)
                if ev is None:
                    continue
                m = idx._score(fe, vectors[i], [ev])[0]
                say(
                    f"      {label:4s} {eid[:8]} n={len(ev.articles)} date={ev.date()} p={m.prob:.2f} cos={m.cos:.2f} "
                    f"lex={m.lex:.2f} ent={m.ent:.2f} fig={m.fig:.2f} miss={m.miss:.2f} amiss={m.amiss:.2f} "
                    f"near={m.near:.2f} yc={m.year_conflict} dt={m.date_term:.2f} gap={m.date_gap} "
                    f"fc={m.fig_conflict}"
                )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=Path("/work/shared/benchdata"))
    ap.add_argument("--split", nargs="+", default=["dev"])
    ap.add_argument("--seeds", nargs="+", type=int, default=list(SEEDS))
    ap.add_argument("--detail", action="store_true", help="per-topic misplaced articles (first seed)")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/crosswire_events_cache.pkl"))
    args = ap.parse_args(argv)
    load_cache(args.cache)
    for sp in args.split:
        docs, facts, vectors = prepare(args.data, sp)
        save_cache(args.cache)
        f1s = []
        for s in args.seeds:
            sc = E.score(docs, E.cluster_docs(docs, facts, vectors, seed=s))
            f1s.append(sc["f1"])
            say(f"{sp} seed {s}: F1 {sc['f1']:.4f} P {sc['p']:.4f} R {sc['r']:.4f} events {sc['events']}")
        say(f"{sp} mean F1 over {len(f1s)} seeds: {np.mean(f1s):.4f}")
        if args.detail:
            detail(docs, facts, vectors, args.seeds[0])
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
