"""Bounded loopback load test of the web app: readers on list/detail/search endpoints while a writer adds articles.

uvicorn serves ``create_app`` on 127.0.0.1 (a free port) in a thread. First each endpoint is requested
``PROFILE_REQUESTS`` times in a row, alone, counting the SQL statements it sends (a SQLAlchemy event hook
on the store's engine) and the process CPU time (user+sys, client and server together) per request:
``stmts`` and ``cpu_ms`` of each row, figures that hardly move when the machine is busy. Then the load:
``readers`` asyncio tasks with one ``httpx.AsyncClient`` each send at most ``MAX_PER_READER`` requests
within ``seconds``, while a writer thread adds synthetic articles (with facts) to an event of the same
store the whole time. Prints requests/s, p50/p95 latency and errors per endpoint, and the CPU seconds the
process used under load per request (``all``). ``run()`` returns the rows for ``make bench``.

    python benchmarks/bench_serve.py [--db URL] [--readers 32] [--seconds 10]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa
import uvicorn

from crosswire.config import load_settings
from crosswire.serve.app import create_app
from crosswire.serve.sample import grow_event, populate
from crosswire.store import open_store

MAX_PER_READER = 400
WRITE_BATCH = 10
PROFILE_REQUESTS = 20


def _cpu() -> float:
    """User + system CPU seconds of this process (all threads)."""
    t = os.times()
    return t.user + t.system


def _profile(base: str, engine: Any, paths: list[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """{endpoint: (SQL statements per request, CPU ms per request)}, each endpoint requested alone."""
    seen = [0]

    def hook(*_: Any) -> None:
        seen[0] += 1

    sa.event.listen(engine, "before_cursor_execute", hook)
    out = {}
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            for name, path in paths:
                client.get(path).raise_for_status()  # warm: compiled statements, templates
                seen[0] = 0
                c0 = _cpu()
                for _ in range(PROFILE_REQUESTS):
                    client.get(path).raise_for_status()
                out[name] = (seen[0] / PROFILE_REQUESTS, (_cpu() - c0) / PROFILE_REQUESTS * 1000)
    finally:
        sa.event.remove(engine, "before_cursor_execute", hook)
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pct(xs: list[float], p: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


async def _reader(i: int, base: str, paths: list[tuple[str, str]], deadline: float,
                  lat: dict[str, list[float]], errors: dict[str, int]) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        for n in range(MAX_PER_READER):
            if time.perf_counter() >= deadline:
                return
            name, path = paths[(i + n) % len(paths)]
            t0 = time.perf_counter()
            try:
                r = await client.get(path)
                ok = r.status_code == 200
            except httpx.HTTPError:
                ok = False
            lat[name].append((time.perf_counter() - t0) * 1000)
            if not ok:
                errors[name] += 1


def run(db_url: str | None = None, readers: int = 32, seconds: float = 10) -> list[dict[str, Any]]:
    """Run the load test; one row per endpoint plus ``all`` and the writer."""
    tmp = None
    if db_url is None:
        tmp = tempfile.TemporaryDirectory(prefix="cw-bench-serve-")
        db_url = f"sqlite:///{Path(tmp.name) / 'bench.db'}"
    store = open_store(db_url)
    sample = populate(store)
    grow_event(store, sample.events["feb"], 200)  # a sizeable event before the readers start
    settings = load_settings(environ={}, store={"url": db_url})
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings, store), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)

    feb, nov = sample.events["feb"], sample.events["nov"]
    art = sample.articles["000_9e346072865a3c7c.txt"]
    paths = [
        ("list_articles", "/api/articles?limit=50"),
        ("list_events", "/api/events"),
        ("event_detail", f"/api/events/{nov}"),
        ("article_detail", f"/api/articles/{art}"),
        ("search", "/api/search?q=soybeans"),
        ("event_page", f"/events/{feb}"),
        ("article_page", f"/articles/{art}"),
    ]
    profile = _profile(f"http://127.0.0.1:{port}", store.engine, paths)
    stop = threading.Event()
    written = [0]
    write_errors = [0]

    def writer() -> None:
        k = 1000
        while not stop.is_set():
            try:
                grow_event(store, nov, WRITE_BATCH, start=k)
                written[0] += WRITE_BATCH
            except Exception:  # noqa: BLE001 - counted and reported, the benchmark goes on
                write_errors[0] += 1
            k += WRITE_BATCH

    lat: dict[str, list[float]] = {name: [] for name, _ in paths}
    errors: dict[str, int] = {name: 0 for name, _ in paths}
    wt = threading.Thread(target=writer, daemon=True)
    t0, cpu0 = time.perf_counter(), _cpu()
    wt.start()

    async def main() -> None:
        deadline = time.perf_counter() + seconds
        await asyncio.gather(*(_reader(i, f"http://127.0.0.1:{port}", paths, deadline, lat, errors)
                               for i in range(readers)))

    try:
        asyncio.run(main())
    finally:
        elapsed, cpu = time.perf_counter() - t0, _cpu() - cpu0
        stop.set()
        wt.join(30)
        server.should_exit = True
        thread.join(10)
        store.close()
        if tmp is not None:
            tmp.cleanup()

    rows = []
    everything = [x for xs in lat.values() for x in xs]
    for name, xs in [*lat.items(), ("all", everything)]:
        stmts, cpu_ms = profile.get(name, (None, None))
        if name == "all":  # CPU of the whole process under load (readers, server and writer) per request
            cpu_ms = cpu / len(xs) * 1000 if xs else None
        rows.append({"bench": "serve", "name": name, "requests": len(xs), "rps": round(len(xs) / elapsed, 1),
                     "p50_ms": round(_pct(xs, 50), 1), "p95_ms": round(_pct(xs, 95), 1),
                     "mean_ms": round(statistics.fmean(xs), 1) if xs else None,
                     "errors": sum(errors.values()) if name == "all" else errors[name],
                     "stmts": None if stmts is None else round(stmts, 1),
                     "cpu_ms": None if cpu_ms is None else round(cpu_ms, 1),
                     "readers": readers, "seconds": round(elapsed, 2), "db": db_url.split(":", 1)[0]})
    rows.append({"bench": "serve", "name": "writer", "articles_added": written[0], "write_errors": write_errors[0],
                 "articles_per_s": round(written[0] / elapsed, 1), "seconds": round(elapsed, 2)})
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default=None, help="store URL (default: a temporary SQLite file)")
    ap.add_argument("--readers", type=int, default=32)
    ap.add_argument("--seconds", type=float, default=10)
    args = ap.parse_args()
    rows = run(args.db, args.readers, args.seconds)
    print(f"{'endpoint':16} {'requests':>8} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>6} "
          f"{'stmts':>6} {'cpu ms':>7}")
    for r in rows:
        if r["name"] == "writer":
            print(f"writer: {r['articles_added']} articles added ({r['articles_per_s']}/s), "
                  f"{r['write_errors']} write errors")
        else:
            print(f"{r['name']:16} {r['requests']:8} {r['rps']:8} {r['p50_ms']:8} {r['p95_ms']:8} {r['errors']:6} "
                  f"{r['stmts'] if r['stmts'] is not None else '':>6} {r['cpu_ms']:>7}")


if __name__ == "__main__":
    main()
