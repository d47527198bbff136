"""End-to-end throughput and memory of the whole pipeline on real news text, against the bare spaCy pass.

Texts: PolNeAR raw articles (political news, ``polnear/{train,dev}/text``) from the benchmark data, taken in
sorted order until ``words`` words (default 200,000, ~300 articles: large enough that the fixed start-up of the
worker processes is a small part of the run, as on a real corpus); written as one JSONL file in a temporary folder (deleted afterwards,
nothing goes into the repository). One run measures, on the same normalized texts:

* ``spacy bare xN``: ``nlp.pipe`` alone, N = 1 and N = ``workers`` processes, the same model, the same pipes
  (the pipeline disables none) and batch size the pipeline uses (the model is loaded before timing; with N > 1
  spaCy forks its workers inside the timing);
* ``extractors only``: every extractor (``extract_doc``) over Docs parsed beforehand, so the cost of our code
  on top of the model is visible;
* ``batch local xN``: ``crosswire.batch.run_batch`` with the local engine and N workers into a temp SQLite
  store (read, normalize, dedup, store, extract, link, cluster, reconcile), end to end including the start
  of the worker processes, which is also reported on its own (``startup_s``);
* ``ingest x1``: plain ``ingest_paths`` (one process) into another temp SQLite store.

CPU: ``cpu_s`` is the CPU time (user + system) of this process plus its children (the spaCy processes of
``bare x2``, the batch workers): unlike words/s it barely moves when other jobs share the cores. The batch row
splits it into ``driver_cpu_s`` and ``workers_cpu_s``, and ``cpu_ratio_to_bare`` = bare x1 ``cpu_s`` / the
row's ``cpu_s``: the throughput ratio the row would reach on idle cores (1.0 = no CPU beyond the model's).

Memory: the RSS high-water mark of this process plus its children (sampled every 50 ms by a thread), and the
RSS after N/4, N/2 and N articles have been stored by the batch run (flat = the driver does not grow with the
articles streamed; the dedup index and the event index do grow, by design, ~2 KB per article).

    python -m benchmarks.bench_pipeline --words 200000 --workers 2
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil

from crosswire.config import Settings, load_settings
from crosswire.errors import IngestError
from crosswire.eval.common import find_benchdata

DEFAULT_WORDS = 200_000
QUICK_WORDS = 12_000


class RssSampler:
    """Samples the RSS of this process plus all its children; keeps the high-water mark."""

    def __init__(self, interval: float = 0.05) -> None:
        self.proc = psutil.Process()
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def rss(self) -> int:
        total = self.proc.memory_info().rss
        for c in self.proc.children(recursive=True):
            try:
                total += c.memory_info().rss
            except psutil.Error:
                pass
        return total

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.rss())
            self._stop.wait(self.interval)

    def __enter__(self) -> RssSampler:
        self.peak = self.rss()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def load_texts(words: int, root: Path | None = None) -> list[tuple[str, str]]:
    """(name, text) of PolNeAR articles in sorted order until ``words`` words."""
    bench = find_benchdata(root)
    out: list[tuple[str, str]] = []
    total = 0
    for split in ("train", "dev"):
        for f in sorted((bench / "polnear" / split / "text").glob("*.txt")):
            text = f.read_text("utf-8", errors="replace")
            out.append((f"{split}/{f.stem}", text))
            total += len(text.split())
            if total >= words:
                return out
    return out


def _cpu_parts() -> tuple[float, float]:
    """CPU seconds of (this process, its reaped children: the batch workers once the pool is closed)."""
    import resource

    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def _cpu() -> float:
    return sum(_cpu_parts())


def _mb(n: int) -> float:
    return round(n / 2**20, 1)


def _row(name: str, articles: int, words: int, seconds: float, **extra: Any) -> dict[str, Any]:
    return {
        "name": name,
        "articles": articles,
        "words": words,
        "seconds": round(seconds, 2),
        "articles_per_s": round(articles / seconds, 2) if seconds else None,
        "words_per_s": round(words / seconds) if seconds else None,
        **extra,
    }


def _settings(url: str, workers: int) -> Settings:
    return load_settings(environ={}, store={"url": url}, nlp={"n_process": 1})


def run(words: int = DEFAULT_WORDS, workers: int = 2, data: str | None = None,
        batch_size: int = 16) -> list[dict[str, Any]]:
    """All measurements of one run (see the module docstring); one dict per row."""
    from crosswire.batch.local import LocalEngine
    from crosswire.batch.run import run_batch
    from crosswire.extract.nlp import load_nlp, pipe
    from crosswire.extract.run import extract_doc
    from crosswire.pipeline import ingest_paths, read_articles
    from crosswire.store import open_store

    texts = load_texts(words, Path(data) if data else None)
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="cw-bench-") as tmp:
        src = Path(tmp) / "polnear.jsonl"
        with open(src, "w", encoding="utf-8") as fh:
            for name, text in texts:
                fh.write(json.dumps({"id": name, "outlet": name.split("/")[1].split("_")[0], "text": text}) + "\n")
        base = _settings(f"sqlite:///{tmp}/unused.db", workers)
        articles = [a for a in read_articles([str(src)], base) if not isinstance(a, IngestError)]
        n, nwords = len(articles), sum(a.word_count for a in articles)
        docs_texts = [a.text for a in articles]
        nlp = load_nlp(settings=base)
        bs = base.nlp.batch_size

        # bare model, 1 process and `workers` processes (same model, same batch size)
        t, c = time.perf_counter(), _cpu()
        docs = list(pipe(nlp, docs_texts, base, n_process=1, batch_size=bs))
        rows.append(_row("spacy bare x1", n, nwords, time.perf_counter() - t, batch_size=bs,
                         cpu_s=round(_cpu() - c, 1)))
        bare_cpu = rows[0]["cpu_s"]
        if workers > 1:
            t, c = time.perf_counter(), _cpu()
            for _ in pipe(nlp, docs_texts, base, n_process=workers, batch_size=bs):
                pass
            rows.append(_row(f"spacy bare x{workers}", n, nwords, time.perf_counter() - t, batch_size=bs,
                             cpu_s=round(_cpu() - c, 1)))
        bare = rows[-1]

        # our extractors alone over the parsed Docs
        t = time.perf_counter()
        for doc, a in zip(docs, articles, strict=True):
            extract_doc(doc, a)
        ext = time.perf_counter() - t
        rows.append(_row("extractors only x1", n, nwords, ext,
                         share_of_model_pass=round(ext / rows[0]["seconds"], 2)))
        del docs

        # worker start-up alone (spawn + model load in each worker)
        t = time.perf_counter()
        with LocalEngine(base, workers) as eng:
            list(eng.map_ordered([[] for _ in range(workers)]))
        startup = time.perf_counter() - t

        # the whole pipeline through the local batch engine
        marks = {max(1, n // 4): "rss_n4_mb", max(1, n // 2): "rss_n2_mb", n: "rss_n_mb"}
        done = {"n": 0}
        mem: dict[str, float] = {}
        with RssSampler() as sampler:
            def progress(k: int) -> None:
                before = done["n"]
                done["n"] += k
                for m, key in marks.items():
                    if before < m <= done["n"]:
                        mem[key] = _mb(sampler.rss())

            settings = _settings(f"sqlite:///{tmp}/batch.db", workers)
            settings = settings.model_copy(update={"store": settings.store.model_copy(update={"batch_size": batch_size})})
            t, (c_me, c_kids) = time.perf_counter(), _cpu_parts()
            rep = run_batch([str(src)], settings=settings, engine="local", workers=workers, progress=progress)
            secs = time.perf_counter() - t
            d_me, d_kids = (x - y for x, y in zip(_cpu_parts(), (c_me, c_kids), strict=True))
            cpu = d_me + d_kids
        row = _row(f"batch local x{workers}", rep.documents, rep.words or nwords, secs,
                   startup_s=round(startup, 2), batch_size=batch_size, cpu_s=round(cpu, 1),
                   driver_cpu_s=round(d_me, 1), workers_cpu_s=round(d_kids, 1),
                   cpu_ratio_to_bare=round(bare_cpu / cpu, 2) if cpu else None,
                   peak_rss_mb=_mb(sampler.peak), **mem)
        row["ratio_to_bare"] = round(row["words_per_s"] / bare["words_per_s"], 2)
        steady = secs - startup
        row["ratio_to_bare_after_startup"] = round((nwords / steady) / bare["words_per_s"], 2) if steady > 0 else None
        rows.append(row)

        # plain ingest, one process (the model is already loaded in this process)
        store = open_store(f"sqlite:///{tmp}/ingest.db")
        try:
            with RssSampler() as sampler:
                t, c = time.perf_counter(), _cpu()
                rep1 = ingest_paths([str(src)], store, _settings(f"sqlite:///{tmp}/ingest.db", 1), nlp=nlp)
                secs, cpu = time.perf_counter() - t, _cpu() - c
        finally:
            store.close()
        row = _row("ingest x1", rep1.documents, rep1.words or nwords, secs, cpu_s=round(cpu, 1),
                   cpu_ratio_to_bare=round(bare_cpu / cpu, 2) if cpu else None, peak_rss_mb=_mb(sampler.peak))
        row["ratio_to_bare"] = round(row["words_per_s"] / rows[0]["words_per_s"], 2)
        rows.append(row)
    for r in rows:
        r.setdefault("cores", os.cpu_count())
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--words", type=int, default=DEFAULT_WORDS)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--data", default=None, help="benchmark data folder (default: find_benchdata())")
    args = ap.parse_args()
    for r in run(args.words, args.workers, args.data):
        print(json.dumps(r))


if __name__ == "__main__":
    main()
