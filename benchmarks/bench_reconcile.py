"""Cost of the reconcile stage as the store grows: grouping figures into tracks, and a small incremental reconcile.

Synthetic claims in the shapes the extractors give (no NLP): each story has an actor drawn Zipf-like from 60
countries/leaders (so "United States" and "China" are everywhere), a topic (1-3 stemmed core words from a
400-word vocabulary, some with a typo), a unit (tonnes, USD, EUR, %, counts), sometimes a newsroom measure
("killed", "injured"); its articles repeat its figures with drift, qualifiers and relative slots.

* ``group``: ``reconcile.align.group_items(use_slot=False)`` (what ``build_tracks`` runs) over N figure claims,
  blocked (now) and the plain greedy it replaced (``old``, run only up to :data:`OLD_MAX` claims);
* ``incremental``: a SQLite store with N articles (4 figure claims each, events of ~4 articles whose key
  entities include the story actor, and the stored tracks), then :data:`BATCH` new articles' facts (two new
  events of an existing big story) and ``Pipeline.reconcile`` of the touched events: the story-scoped reconcile
  (now) vs the old one (every event sharing any key entity re-read, every track read and rewritten, the plain
  greedy), with the events and articles each one read.

    python benchmarks/bench_reconcile.py              # 1k, 10k, 100k
    python benchmarks/bench_reconcile.py 1000 5000    # other sizes
    python benchmarks/bench_reconcile.py compare 1000 2500  # incremental runs vs one full build_tracks
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from crosswire.config import load_settings  # noqa: E402
from crosswire.models import Article, ArticleFacts, Claim, Event, Mention, Quantity  # noqa: E402
from crosswire.reconcile import align, tracks  # noqa: E402
from crosswire.reconcile.align import ActorResolver, aligned, prepare  # noqa: E402

#: the plain greedy is run up to this many claims (it is quadratic: 10k claims take minutes)
OLD_MAX = 10_000
#: articles added before the timed incremental reconcile
BATCH = 20
#: figure claims per synthetic article
PER_ARTICLE = 4
SEED = 11

ACTORS = [
    "United States",
    "China",
    "Donald Trump",
    "Xi Jinping",
    "European Union",
    "Japan",
    "Germany",
    "India",
    "Brazil",
    "Russia",
    "France",
    "Iran",
    "Turkey",
    "Mexico",
    "Canada",
] + [f"Country{i}" for i in range(45)]
UNITS = ["t", "USD", "USD", "EUR", "%", "count", "count"]
MEASURE_THEMES = ["people", "residents", "villages"]  # with "kill"/"injure" verbs: recognised measures


def _vocab(rng: random.Random) -> list[str]:
    letters = "abcdefghiklmnoprstuvy"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(4, 10))) for _ in range(400)]


def _typo(rng: random.Random, w: str) -> str:
    i = rng.randrange(len(w))
    return w[:i] + rng.choice("aeiou") + w[i + 1 :]


class _Stories:
    """A stream of figure claims grouped into stories (actor, topic, unit, base value)."""

    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.words = _vocab(self.rng)

    def story(self) -> dict[str, Any]:
        r = self.rng
        actor = ACTORS[min(int(r.paretovariate(1.1)) - 1, len(ACTORS) - 1)]
        if r.random() < 0.1:
            return {
                "actor": actor,
                "theme": r.choice(MEASURE_THEMES),
                "unit": "count",
                "action": r.choice(["kill", "injure"]),
                "base": r.choice([10, 37, 300, 2600]),
            }
        topic = " ".join(r.sample(self.words, r.choice([1, 2, 2, 3])))
        return {
            "actor": actor,
            "theme": topic,
            "unit": r.choice(UNITS),
            "action": r.choice(["buy", "say", "raise"]),
            "base": r.choice([12e6, 20e6, 25e6, 11e9, 3.5, 45, 612]),
        }

    def claim(self, st: dict[str, Any], aid: str, n: int) -> tuple[Claim, Quantity]:
        r = self.rng
        v = st["base"] * r.choice([1, 1, 1, 1.02, 1.25, 0.8, 2])
        qual = r.choice([None, None, None, "about", "more than", "nearly"])
        text = (qual + " " if qual else "") + (f"{v:,.0f}" if v >= 10 else f"{v:.1f}")
        q = Quantity(
            id=f"{aid}:q{n}",
            article=aid,
            text=text,
            span=(0, len(text)),
            value=v,
            unit=st["unit"],
            qualifier=qual,
        )
        theme = st["theme"] if r.random() > 0.15 else _typo(r, st["theme"])
        c = Claim(
            id=f"{aid}:c{n}",
            article=aid,
            sentence=f"{st['actor']} {st['action']} {text} {theme}.",
            span=(0, 40),
            action=st["action"],
            actor=st["actor"],
            actor_text=st["actor"],
            theme=theme,
            quantity=q.id,
            slot=r.choice([None, None, None, "current season", "next season", "previously"]),
        )
        return c, q


def _items(n: int) -> list[Any]:
    s = _Stories()
    stories = [s.story() for _ in range(max(1, n // 12))]
    quantities: dict[str, Quantity] = {}
    claims = []
    for i in range(n):
        c, q = s.claim(s.rng.choice(stories), f"a{i // PER_ARTICLE:06d}", i % PER_ARTICLE)
        quantities[q.id] = q
        claims.append(c)
    return [prepare(c, "Outlet", quantities) for c in claims]


def reference_group_items(
    items: list[Any], resolver: ActorResolver, tol: float, use_slot: bool = True
) -> list[list[Any]]:
    """The plain greedy ``group_items`` before blocking (for comparison only)."""
    order = sorted(items, key=lambda it: (it.claim.slot is None, it.claim.id))
    groups: list[list[Any]] = []
    for it in order:
        for g in groups:
            if all(aligned(it, other, resolver, tol, use_slot) for other in g):
                g.append(it)
                break
        else:
            groups.append([it])
    return groups


def _group_row(n: int, old: bool) -> dict[str, Any]:
    items = _items(n)
    resolver = ActorResolver()
    t0 = time.perf_counter()
    new = align.group_items(items, resolver, 0.02, use_slot=False)
    dt_new = time.perf_counter() - t0
    row: dict[str, Any] = {"name": f"group {n:,} claims", "claims": n, "groups": len(new), "new_s": round(dt_new, 3)}
    if old:
        t0 = time.perf_counter()
        before = reference_group_items(items, resolver, 0.02, use_slot=False)
        row["old_s"] = round(time.perf_counter() - t0, 3)
        row["same"] = [[i.claim.id for i in g] for g in before] == [[i.claim.id for i in g] for g in new]
        row["speedup"] = round(row["old_s"] / max(dt_new, 1e-9), 1)
    return row


# --------------------------------------------------------------------------------------------- incremental


def _article(s: _Stories, st: dict[str, Any], aid: str, day: str) -> tuple[Article, ArticleFacts]:
    text = f"{st['actor']} and others. " + " ".join(s.words[:5])
    art = Article(
        id=aid,
        source="synthetic",
        external_id=aid,
        text=text,
        outlet=s.rng.choice("ABCDE"),
        published=day,
        content_hash=aid,
    )
    facts = ArticleFacts(
        article=aid, mentions=[Mention(f"{aid}:m0", aid, st["actor"], (0, len(st["actor"])), "GPE")]
    )
    for n in range(PER_ARTICLE):
        c, q = s.claim(st, aid, n)
        facts.claims.append(c)
        facts.quantities.append(q)
    return art, facts


def _generate(
    n_articles: int, seed: int = SEED
) -> tuple[_Stories, list[dict[str, Any]], list[Article], list[ArticleFacts], list[Event]]:
    """The synthetic articles, their facts and events (~4 articles each, key entities: the story actor and two
    random others), in generation order."""
    s = _Stories(seed)
    stories = [s.story() for _ in range(max(1, n_articles // 40))]
    arts: list[Article] = []
    facts: list[ArticleFacts] = []
    evs: list[Event] = []
    i = 0
    while i < n_articles:
        st = s.rng.choice(stories)
        day = f"2025-{s.rng.randint(1, 12):02d}-{s.rng.randint(1, 28):02d}"
        members = []
        for _ in range(min(s.rng.randint(2, 6), n_articles - i)):
            a, f = _article(s, st, f"a{i:06d}", day)
            arts.append(a)
            facts.append(f)
            members.append(a.id)
            i += 1
        others = s.rng.sample(ACTORS, 2)
        evs.append(
            Event(
                id=f"e{len(evs):06d}",
                label=st["theme"],
                date=day,
                articles=members,
                entities=sorted({st["actor"], *others}),
            )
        )
    return s, stories, arts, facts, evs


def _fill(store: Any, n_articles: int) -> tuple[_Stories, list[dict[str, Any]]]:
    s, stories, arts, facts, evs = _generate(n_articles)
    for k in range(0, len(arts), 2000):
        store.add_articles(arts[k : k + 2000])
        store.save_facts(facts[k : k + 2000])
    store.save_events(evs)
    return s, stories


def track_tuples(found: list[Any]) -> set[tuple[Any, ...]]:
    """What a comparison of two track sets looks at: (about, unit, points as (date, value, claims))."""
    return {
        (t.about, t.unit, tuple((p.date, p.value, tuple(p.claims)) for p in t.points)) for t in found
    }


def compare(n_articles: int, batches: int = 5, seed: int = SEED, store: Any = None) -> dict[str, Any]:
    """Incremental vs full: the synthetic store filled in ``batches`` runs of events, each followed by
    ``Pipeline.reconcile`` of its events (the last run also adds articles to events of earlier runs, which
    touches them again), then the stored tracks compared with one ``build_tracks`` over every event."""
    from crosswire.pipeline import Pipeline
    from crosswire.store import open_store

    settings = load_settings(environ={})
    s, stories, arts, facts, evs = _generate(n_articles, seed)
    by_id = {a.id: (a, f) for a, f in zip(arts, facts, strict=True)}
    with tempfile.TemporaryDirectory() as tmp:
        own = store is None
        if own:
            store = open_store(f"sqlite:///{Path(tmp) / 'cmp.db'}")
        pipe = Pipeline(store, settings)
        size = max(1, -(-len(evs) // batches))
        t_inc = 0.0
        for k in range(0, len(evs), size):
            chunk = evs[k : k + size]
            store.add_articles([by_id[a][0] for ev in chunk for a in ev.articles])
            store.save_facts([by_id[a][1] for ev in chunk for a in ev.articles])
            store.save_events(chunk)
            pipe.touched_events = {ev.id for ev in chunk}
            t0 = time.perf_counter()
            pipe.reconcile()
            t_inc += time.perf_counter() - t0
        # late articles of earlier events (their events are touched again)
        late = []
        for j, ev in enumerate(evs[:: max(1, len(evs) // 5)]):
            a, f = _article(s, stories[j % len(stories)], f"late{j:04d}", ev.date or "2025-01-01")
            by_id[a.id] = (a, f)
            late.append(a.id)
            ev.articles.append(a.id)
            store.add_articles([a])
            store.save_facts([f])
            store.save_events([ev])
        pipe.touched_events = {ev.id for ev in evs[:: max(1, len(evs) // 5)]}
        t0 = time.perf_counter()
        pipe.reconcile()
        t_inc += time.perf_counter() - t0
        incremental = track_tuples(store.list_tracks())
        all_ids = [a for ev in evs for a in ev.articles]
        t0 = time.perf_counter()
        full = track_tuples(
            tracks.build_tracks(
                store.list_events(), [by_id[a][0] for a in all_ids], [by_id[a][1] for a in all_ids], settings
            )
        )
        t_full = time.perf_counter() - t0
        if own:
            store.close()
    return {
        "name": f"compare {n_articles:,} articles, {batches} runs",
        "tracks": len(full),
        "only_incremental": len(incremental - full),
        "only_full": len(full - incremental),
        "incremental_s": round(t_inc, 2),
        "full_s": round(t_full, 2),
    }


def _old_reconcile(pipe: Any) -> dict[str, int]:
    """The reconcile of tracks before story scoping: every event read, filtered to those sharing any key
    entity; all their articles re-read; every track read and the whole table rewritten; the plain greedy."""
    from crosswire.reconcile.checks import cross_check

    store = pipe.store
    touched = [store.get_event(e) for e in sorted(pipe.touched_events)]
    read: dict[str, tuple[Article, ArticleFacts]] = {}

    def article_facts(aid: str) -> tuple[Article, ArticleFacts]:
        if aid not in read:
            read[aid] = (store.get_article(aid), store.get_facts(aid))
        return read[aid]

    for ev in touched:
        pairs = [article_facts(a) for a in ev.articles]
        store.replace_checks(
            ev.id, cross_check(ev, [p[0] for p in pairs], [p[1] for p in pairs], {}, pipe.settings)
        )
    keys = {k for ev in touched for k in ev.entities}
    ids = {ev.id for ev in touched}
    related = [ev for ev in store.list_events() if ev.id in ids or keys & set(ev.entities)]
    arts: dict[str, Article] = {}
    all_facts = []
    for ev in related:
        for aid in ev.articles:
            if aid not in arts:
                arts[aid], f = article_facts(aid)
                all_facts.append(f)
    saved = tracks.group_items
    tracks.group_items = reference_group_items  # type: ignore[assignment]
    try:
        built = tracks.build_tracks(related, list(arts.values()), all_facts, pipe.settings)
    finally:
        tracks.group_items = saved  # type: ignore[assignment]
    kept = [
        t
        for t in store.list_tracks()
        if not any(c.split(":", 1)[0] in arts for p in t.points for c in p.claims)
    ]
    store.replace_tracks(kept + built)
    pipe.touched_events.clear()
    return {"events": len(related), "articles": len(arts)}


def _incremental_row(n_articles: int, old: bool) -> dict[str, Any]:
    from crosswire.pipeline import Pipeline
    from crosswire.store import open_store

    settings = load_settings(environ={})
    with tempfile.TemporaryDirectory() as tmp:
        row: dict[str, Any] = {"name": f"incremental {n_articles:,} articles", "articles": n_articles}
        results = {}
        for mode in ("new", "old") if old else ("new",):
            store = open_store(f"sqlite:///{Path(tmp) / f'{mode}.db'}")
            t0 = time.perf_counter()
            s, stories = _fill(store, n_articles)
            row["fill_s"] = round(time.perf_counter() - t0, 1)
            pipe = Pipeline(store, settings)
            pipe.touched_events = {e.id for e in store.list_events(members=False)}
            t0 = time.perf_counter()
            pipe.reconcile()  # the full build (every event touched), as after a backfill
            row["full_build_s"] = (
                round(time.perf_counter() - t0, 1) if mode == "new" else row.get("full_build_s")
            )
            # the batch: two new events of the biggest story (its actor is a key entity of many events)
            st = max(stories, key=lambda x: (x["actor"] == ACTORS[0], x["unit"] == "USD"))
            arts, facts, evs = [], [], []
            for e in range(2):
                members = []
                for k in range(BATCH // 2):
                    a, f = _article(s, st, f"new{e}{k:03d}", f"2026-01-{10 + e:02d}")
                    arts.append(a)
                    facts.append(f)
                    members.append(a.id)
                evs.append(
                    Event(
                        id=f"new{e}",
                        label="new",
                        date=f"2026-01-{10 + e:02d}",
                        articles=members,
                        entities=[st["actor"], "Country44"],
                    )
                )
            store.add_articles(arts)
            store.save_facts(facts)
            store.save_events(evs)
            pipe.touched_events = {e.id for e in evs}
            reads = _count_reads(store)
            t0 = time.perf_counter()
            if mode == "new":
                pipe.reconcile()
            else:
                _old_reconcile(pipe)
            dt = time.perf_counter() - t0
            results[mode] = (
                dt,
                reads(),
                sorted((t.about, tuple(p.value for p in t.points)) for t in store.list_tracks()),
            )
            row[f"{mode}_s"] = round(dt, 3)
            row[f"{mode}_articles_read"] = results[mode][1]
            store.close()
        if old:
            row["speedup"] = round(results["old"][0] / max(results["new"][0], 1e-9), 1)
            row["same_tracks"] = results["old"][2] == results["new"][2]
    return row


def _count_reads(store: Any) -> Any:
    """Counts the articles read from now on (``get_article`` calls); returns a function giving the count."""
    n = {"articles": 0}
    orig = store.get_article

    def get_article(aid: str) -> Article:
        n["articles"] += 1
        return orig(aid)

    store.get_article = get_article
    return lambda: n["articles"]


def run(
    sizes: tuple[int, ...] = (1000, 10000, 100000),
    incremental: tuple[int, ...] | None = None,
    old_max: int = OLD_MAX,
) -> list[dict[str, Any]]:
    """One ``group`` row per claim count in ``sizes`` and one ``incremental`` row per article count in
    ``incremental`` (default: ``sizes`` divided by 4, i.e. the same number of claims); the old code runs up to
    ``old_max`` claims / articles."""
    rows = [_group_row(n, old=n <= old_max) for n in sorted(sizes)]
    for n in sorted(
        incremental if incremental is not None else tuple(max(50, x // PER_ARTICLE) for x in sizes)
    ):
        rows.append(_incremental_row(n, old=n * PER_ARTICLE <= old_max))
    return rows


def main(argv: list[str]) -> None:
    if argv[:1] == ["compare"]:
        for n in [int(x) for x in argv[1:]] or [1000, 2500]:
            print("  ".join(f"{k}={v}" for k, v in compare(n).items()))
        return
    sizes = tuple(int(x) for x in argv) or (1000, 10000, 100000)
    for r in run(sizes):
        print("  ".join(f"{k}={v}" for k, v in r.items()))


if __name__ == "__main__":
    main(sys.argv[1:])
