"""Shared pieces of the evaluation harness: result rows, P/R/F, locating the benchmark data."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError


@dataclass
class EvalRow:
    task: str  # dates | quotes | entities | quantities | events
    dataset: str  # e.g. "TempEval-3 TBAQ (train)"
    metric: str  # e.g. "value F1"
    value: float  # 0..1 (or 0..100 where the published figure uses it; say so in `note`)
    published: float | None = None  # a published reference figure on a comparable split, same scale
    published_by: str | None = None  # who reported it
    n: int | None = None  # number of gold items scored
    note: str | None = None


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def find_benchdata(path: str | os.PathLike[str] | None = None) -> Path:
    """The benchmark data folder: the given path, $CROSSWIRE_BENCHDATA, or ../shared/benchdata."""
    candidates = [path, os.environ.get("CROSSWIRE_BENCHDATA")]
    here = Path(__file__).resolve()
    candidates += [p / "shared" / "benchdata" for p in here.parents]
    candidates.append(Path.cwd().parent / "shared" / "benchdata")
    for c in candidates:
        if c and Path(c).is_dir():
            return Path(c)
    raise ConfigError(
        "benchmark data not found",
        hint="pass --data PATH or set CROSSWIRE_BENCHDATA to the folder holding tempeval3/, polnear/, ...",
    )
