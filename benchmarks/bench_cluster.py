"""Cost of adding one article to the event index at 1k, 10k and 100k indexed articles (synthetic data).

Synthetic stories: each event has a random entity set (Zipf-distributed over a 50k-name vocabulary, so a few
names like "United States" are everywhere), a date over three years, a random unit "topic" vector and topic words;
its articles add noise to all of them. The ONNX model is skipped: vectors are passed to ``assign``. The index is
grown to each size with the ordinary ``assign`` path, then ``PROBE`` further articles are timed.

    python benchmarks/bench_cluster.py            # 1k, 10k, 100k
    python benchmarks/bench_cluster.py 1000 5000  # other sizes
"""

from __future__ import annotations

import sys
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from crosswire.cluster.events import EventIndex  # noqa: E402
from crosswire.config import load_settings  # noqa: E402
from crosswire.models import Article, ArticleFacts, DateExpr, Mention  # noqa: E402

#: articles timed after the index reaches each size
PROBE = 300
#: articles per synthetic event (mean)
PER_EVENT = 4
DIM = 384
N_NAMES = 50_000
N_WORDS = 30_000
SEED = 7


class _Synth:
    def __init__(self, seed: int = SEED) -> None:
        self.rng = np.random.default_rng(seed)
        self.n = 0
        self.event: dict | None = None
        self.left = 0

    def _new_event(self) -> dict:
        r = self.rng
        names = np.minimum(r.zipf(1.3, size=5), N_NAMES) - 1
        return {
            "names": [f"Name{int(i)}" for i in names],
            "words": [f"w{int(i)}" for i in r.integers(0, N_WORDS, size=25)],
            "vec": r.standard_normal(DIM).astype(np.float32),
            "day": date(2023, 1, 1) + timedelta(days=int(r.integers(0, 3 * 365))),
        }

    def next(self) -> tuple[Article, ArticleFacts, np.ndarray]:
        r = self.rng
        if self.left <= 0:
            self.event = self._new_event()
            self.left = int(r.integers(1, 2 * PER_EVENT))
        self.left -= 1
        ev = self.event
        assert ev is not None
        self.n += 1
        aid = f"a{self.n}"
        words = list(r.choice(ev["words"], size=40)) + [f"w{int(i)}" for i in r.integers(0, N_WORDS, size=20)]
        names = [n for n in ev["names"] if r.random() < 0.8]
        text = " ".join(words) + ". " + " and ".join(names) + " met on the day."
        mentions = []
        pos = len(" ".join(words)) + 2
        for nm in names:
            mentions.append(Mention(f"{aid}:m{len(mentions)}", aid, nm, (pos, pos + len(nm)), "PERSON", head=nm.lower()))
            pos += len(nm) + 5
        day = ev["day"] + timedelta(days=int(r.integers(0, 2)))
        dspan = (len(text) - 12, len(text) - 1)
        facts = ArticleFacts(
            article=aid,
            mentions=mentions,
            dates=[DateExpr(f"{aid}:d0", aid, "the day", dspan, day.isoformat(), "day")],
        )
        art = Article(id=aid, source="synthetic", external_id=aid, text=text, published=day.isoformat())
        v = ev["vec"] + 0.6 * r.standard_normal(DIM).astype(np.float32)
        return art, facts, v / np.linalg.norm(v)


def run(sizes: tuple[int, ...] = (1000, 10000, 100000)) -> list[dict]:
    """Grow one index through ``sizes`` and time :data:`PROBE` added articles at each; one dict per size."""
    idx = EventIndex(load_settings(environ={}), embedder=None)
    synth = _Synth()
    rows = []
    t_build = time.perf_counter()
    for size in sorted(sizes):
        while synth.n < size:
            a, f, v = synth.next()
            idx.assign(a, f, vector=v)
        t0 = time.perf_counter()
        for _ in range(PROBE):
            a, f, v = synth.next()
            idx.assign(a, f, vector=v)
        dt = (time.perf_counter() - t0) / PROBE
        rows.append(
            {
                "articles": size,
                "events": len(idx._events),
                "ms_per_article": round(dt * 1000, 3),
                "build_s": round(time.perf_counter() - t_build, 1),
            }
        )
    return rows


def main(argv: list[str]) -> None:
    sizes = tuple(int(x) for x in argv) or (1000, 10000, 100000)
    rows = run(sizes)
    print(f"{'articles':>9} {'events':>8} {'ms/article':>11} {'elapsed s':>10}")
    for r in rows:
        print(f"{r['articles']:>9} {r['events']:>8} {r['ms_per_article']:>11} {r['build_s']:>10}")
    base = rows[0]["ms_per_article"]
    print(f"cost ratio largest/smallest: {rows[-1]['ms_per_article'] / base:.2f} "
          f"for {rows[-1]['articles'] / rows[0]['articles']:.0f}x the articles")  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1:])
