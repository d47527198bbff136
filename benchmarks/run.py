"""Run every benchmark that exists and print one table each, plus a summary: ``python -m benchmarks.run``.

``make bench`` runs this. Flags: ``--quick`` (smaller sizes, for a smoke run), ``--only NAME`` (repeatable:
ingest, pipeline, cluster, reconcile, serve), ``--out DIR`` (default ``bench-output``; results.json is written
there).
A benchmark module that is missing is reported as "not available"; one that fails is reported with its
error, and the others still run.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table


@dataclass
class Bench:
    name: str
    module: str
    kwargs: dict[str, Any] = field(default_factory=dict)
    quick: dict[str, Any] = field(default_factory=dict)
    headline: tuple[str, ...] = ()  # keys worth showing in the summary, first found in a row wins
    only_rows: tuple[str, ...] = ()  # rows (by name) to show in the summary; empty = the first four


BENCHES = [
    Bench("ingest", "benchmarks.bench_ingest", {"n": 2000}, {"n": 200}, ("articles_per_s",)),
    Bench("pipeline", "benchmarks.bench_pipeline", {"words": 200_000}, {"words": 12_000},
          ("words_per_s",)),
    Bench("cluster", "benchmarks.bench_cluster", {"sizes": (1000, 10000, 100000)}, {"sizes": (1000, 5000)},
          ("ms_per_article",)),
    Bench("reconcile", "benchmarks.bench_reconcile", {"sizes": (1000, 10000, 100000)}, {"sizes": (1000, 4000)},
          ("new_s",)),
    Bench("serve", "benchmarks.bench_serve", {}, {"seconds": 3, "readers": 8}, ("rps", "articles_per_s"),
          ("all", "writer")),
]


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:,.2f}" if abs(v) < 1000 else f"{v:,.0f}"
    if isinstance(v, int) and not isinstance(v, bool):
        return f"{v:,}"
    if isinstance(v, (dict, list, tuple)):
        return json.dumps(v)
    return "" if v is None else str(v)


def rows_table(title: str, rows: list[dict[str, Any]]) -> Table:
    """One table: a column per key found in any row, rows in order."""
    cols: list[str] = []
    for r in rows:
        cols += [k for k in r if k not in cols]
    t = Table(title=title, title_justify="left")
    for c in cols:
        t.add_column(c, justify="left" if c == "name" else "right", overflow="fold")
    for r in rows:
        t.add_row(*[_fmt(r.get(c)) for c in cols])
    return t


def _headline(bench: Bench, rows: list[dict[str, Any]]) -> str:
    parts = []
    for r in rows:
        label = r.get("name") or r.get("stage") or (f"{r['articles']:,} articles" if "articles" in r else "")
        if bench.only_rows and label not in bench.only_rows:
            continue
        for key in bench.headline:
            if key in r and r[key] is not None:
                parts.append(f"{str(label).strip()}: {key}={_fmt(r[key])}")
                break
    return "; ".join(parts[:5])


def run_one(bench: Bench, quick: bool) -> dict[str, Any]:
    """Import and run one benchmark; never raises (status: ok | not available | failed)."""
    t0 = time.perf_counter()
    try:
        mod = importlib.import_module(bench.module)
    except ModuleNotFoundError as exc:
        if exc.name and (exc.name == bench.module or bench.module.startswith(exc.name + ".")):
            return {"status": "not available", "error": f"{bench.module} does not exist yet", "rows": []}
        return {"status": "failed", "error": f"import: {exc!r}", "rows": []}
    except Exception as exc:  # a broken module must not stop the suite
        return {"status": "failed", "error": f"import: {exc!r}", "rows": []}
    if not hasattr(mod, "run"):
        return {"status": "not available", "error": f"{bench.module} has no run()", "rows": []}
    try:
        rows = mod.run(**(bench.quick if quick else bench.kwargs))
    except Exception as exc:
        return {"status": "failed", "error": f"{exc!r}", "trace": traceback.format_exc(limit=8),
                "rows": [], "seconds": round(time.perf_counter() - t0, 1)}
    return {"status": "ok", "rows": rows, "seconds": round(time.perf_counter() - t0, 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="small sizes (a smoke run of a few minutes)")
    ap.add_argument("--only", action="append", choices=[b.name for b in BENCHES], help="run only this one")
    ap.add_argument("--out", default="bench-output", help="folder for results.json")
    args = ap.parse_args(argv)
    console = Console() if sys.stdout.isatty() else Console(width=200)
    selected = [b for b in BENCHES if not args.only or b.name in args.only]
    results: dict[str, Any] = {}
    for bench in selected:
        console.print(f"[bold]running {bench.name}[/] ({bench.module}{', quick' if args.quick else ''}) ...")
        res = run_one(bench, args.quick)
        results[bench.name] = res
        if res["rows"]:
            console.print(rows_table(f"{bench.name} ({res['seconds']} s)", res["rows"]))
        elif res["status"] != "ok":
            console.print(f"  {bench.name}: [yellow]{res['status']}[/]: {res.get('error', '')}")
            if res.get("trace"):
                console.print(res["trace"], markup=False, highlight=False)
    summary = Table(title="benchmark summary", title_justify="left")
    for c in ("benchmark", "status", "seconds", "headline"):
        summary.add_column(c, overflow="fold")
    for bench in selected:
        res = results[bench.name]
        summary.add_row(bench.name, res["status"], _fmt(res.get("seconds")),
                        _headline(bench, res["rows"]) if res["rows"] else res.get("error", ""))
    console.print(summary)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    doc = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "quick": args.quick,
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0], "platform": platform.platform()},
        "benchmarks": results,
    }
    (out / "results.json").write_text(json.dumps(doc, indent=2, default=str), "utf-8")
    console.print(f"results written to {out / 'results.json'}")
    return 1 if any(r["status"] == "failed" for r in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
