"""Parquet output of a batch run: one table of articles and one per kind of fact, written incrementally.

Layout under ``DIR``: ``articles/``, ``mentions/``, ``quotes/``, ``quantities/``, ``dates/``, ``claims/``;
each is a Parquet dataset of part files (``pyarrow.parquet.read_table("DIR/quotes")`` or
``pandas.read_parquet``). Each run writes one part per table, a row group per pipeline batch, closed when the
run ends (also on an exception or Ctrl-C). Next to each part, ``<part>.ids`` lists the article ids written
to it, line by line, flushed after each batch. A part left without its footer by a hard kill (``kill -9``,
power loss) is unreadable: the next run with the same ``DIR`` deletes it and writes those articles again from
the store, so after a resume every processed article appears exactly once.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import fields
from pathlib import Path
from typing import Any, get_args, get_origin, get_type_hints

import pyarrow as pa
import pyarrow.parquet as pq

from ..models import Article, ArticleFacts
from ..store.base import Store
from .records import FACT_KINDS

TABLES: dict[str, type] = {"articles": Article, **FACT_KINDS}


def _arrow_type(tp: Any) -> pa.DataType:
    args = [a for a in get_args(tp) if a is not type(None)]
    if get_origin(tp) is not None and get_origin(tp) not in (list, tuple) and len(args) == 1:
        tp = args[0]  # X | None
    origin = get_origin(tp)
    if origin is tuple:
        return pa.list_(pa.int64())
    if origin is list:
        return pa.list_(_arrow_type(get_args(tp)[0]))
    return {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}.get(tp, pa.string())


def schema_of(cls: type) -> pa.Schema:
    """Arrow schema of a flat record class (spans as ``list<int64>``)."""
    hints = get_type_hints(cls)
    return pa.schema([pa.field(f.name, _arrow_type(hints[f.name])) for f in fields(cls)])


def _rows(records: Iterable[Any], schema: pa.Schema) -> pa.Table:
    cols: dict[str, list[Any]] = {n: [] for n in schema.names}
    for r in records:
        for n in schema.names:
            v = getattr(r, n)
            cols[n].append(list(v) if isinstance(v, tuple) else v)
    return pa.table(cols, schema=schema)


def _has_footer(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            fh.seek(-4, os.SEEK_END)
            return fh.read(4) == b"PAR1"
    except OSError:
        return False


class ParquetSink:
    """Writes each processed batch (articles + their facts) to the Parquet tables under ``root``.

    Per batch the driver calls :meth:`begin` (the ids are recorded in the sidecar before the store is
    written) and then :meth:`write`. Ids begun but never written (the run stopped in between) stay in the
    sidecar, and :meth:`repair` in the next run exports those the store holds complete.
    """

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)
        self.part = f"part-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}"
        self._writers: dict[str, pq.ParquetWriter] = {}
        self._schemas = {name: schema_of(cls) for name, cls in TABLES.items()}
        for name in TABLES:
            (self.root / name).mkdir(parents=True, exist_ok=True)
        self._sidecar = self.root / "articles" / f"{self.part}.parquet.ids"
        self._ids = open(self._sidecar, "a", encoding="utf-8")  # noqa: SIM115
        self._begun: list[str] = []
        self._written: set[str] = set()
        self.rows = 0

    def repair(self, store: Store, is_complete: Callable[[str], bool]) -> int:
        """Finish what earlier runs left: delete parts without a footer (killed mid-write) and export again,
        from the store, every article of theirs and every begun-but-unwritten article that the store holds
        complete. The others are left to this run, which processes them anew. Returns the articles written.
        """
        ids: list[str] = []
        for sidecar in sorted((self.root / "articles").glob("part-*.parquet.ids")):
            if sidecar == self._sidecar:
                continue
            part_name = sidecar.name[: -len(".ids")]
            part = sidecar.with_name(part_name)
            if part.exists() and not _has_footer(part):
                for name in TABLES:
                    (self.root / name / part_name).unlink(missing_ok=True)
            ids += [line.strip() for line in sidecar.read_text("utf-8").splitlines() if line.strip()]
            sidecar.unlink()
        articles, facts = [], []
        for aid in dict.fromkeys(ids):
            if is_complete(aid):
                articles.append(store.get_article(aid))
                if store.has_facts(aid):
                    facts.append(store.get_facts(aid))
        if articles:
            self.begin(articles)
            self.write(articles, facts)
        return len(articles)

    def _write(self, name: str, records: list[Any]) -> None:
        if not records:
            return
        writer = self._writers.get(name)
        if writer is None:
            writer = pq.ParquetWriter(self.root / name / f"{self.part}.parquet", self._schemas[name])
            self._writers[name] = writer
        writer.write_table(_rows(records, self._schemas[name]))

    def begin(self, articles: list[Article]) -> None:
        """Record (flushed) that these articles are about to be written to the store."""
        ids = [a.id for a in articles]
        self._begun += ids
        self._ids.write("".join(f"{i}\n" for i in ids))
        self._ids.flush()

    def write(self, articles: list[Article], facts: Iterable[ArticleFacts]) -> None:
        """One row group per table for this batch."""
        facts = list(facts)
        self._write("articles", articles)
        for name in FACT_KINDS:
            self._write(name, [r for f in facts for r in getattr(f, name)])
        self._written.update(a.id for a in articles)
        self.rows += len(articles)

    def close(self) -> None:
        """Close the parts (articles last: a readable articles part means every table was closed); keep in
        the sidecar only the ids begun but not written, for the next run's :meth:`repair`."""
        for name in [n for n in self._writers if n != "articles"] + ["articles"]:
            w = self._writers.pop(name, None)
            if w is not None:
                w.close()
        if self._ids.closed:
            return
        self._ids.close()
        pending = [i for i in dict.fromkeys(self._begun) if i not in self._written]
        if pending:
            self._sidecar.write_text("".join(f"{i}\n" for i in pending), "utf-8")
        else:
            self._sidecar.unlink(missing_ok=True)
