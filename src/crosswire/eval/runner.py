"""Runs the per-task evaluations; the CLI prints their rows as one table."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from .common import EvalRow

#: task -> module with `evaluate(benchdata, *, ..., nlp=None) -> list[EvalRow]`
TASKS = {
    "dates": "crosswire.eval.dates",
    "quotes": "crosswire.eval.quotes",
    "entities": "crosswire.eval.entities",
    "quantities": "crosswire.eval.quantities",
    "events": "crosswire.eval.events",
}


def run_eval(benchdata: Path, tasks: list[str], *, limit: int | None = None, nlp: Any = None) -> list[EvalRow]:
    rows: list[EvalRow] = []
    if nlp is None:
        from ..extract.nlp import load_nlp

        nlp = load_nlp()
    for task in tasks:
        mod = importlib.import_module(TASKS[task])
        kwargs: dict[str, Any] = {"nlp": nlp}
        if limit is not None and "limit" in mod.evaluate.__code__.co_varnames:
            kwargs["limit"] = limit
        rows.extend(mod.evaluate(benchdata, **kwargs))
    return rows
