"""Splitting batch inputs into shards and reading each shard as articles.

A shard is the unit the driver reads (and reports progress on):

* a plain input (a text/HTML/feed/WARC file, a folder, a small JSONL file) is one shard, read with the same
  stage function as ``crosswire ingest`` (:func:`crosswire.pipeline.read_articles`), so article ids, metadata
  from ``sources.json`` / ``--meta`` and error messages are identical. A folder is walked lazily, file by
  file, in sorted order: each of its files is effectively a shard of its own;
* a JSONL file larger than ``jsonl_shard_bytes`` is cut into line ranges. Each range is streamed from disk
  (never the whole file in memory, and no ``ingest.max_file_bytes`` limit) through the same per-record
  functions the JSONL reader uses (``ingest.jsonl.parse_line`` + ``normalize.article.to_article``), with
  the same line numbers, so ids equal those of ``ingest`` on the whole file.

A WARC file is streamed record by record by the ingest reader (``ingest.warc.iter_warc`` over the open file),
so a 1 GB CC-NEWS WARC is accepted without holding it in the driver (``max_file_bytes`` then bounds one record,
not the file).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..config import Settings
from ..errors import IngestError
from ..ingest.common import IngestStats
from ..models import Article

#: a JSONL file larger than this is cut into line-range shards and streamed
JSONL_SHARD_BYTES = 64 * 1024 * 1024
#: lines per JSONL line-range shard
JSONL_SHARD_LINES = 20_000

_JSONL_SUFFIXES = (".jsonl", ".ndjson")


@dataclass(frozen=True)
class Shard:
    """One unit of input: a whole input (``kind="input"``) or lines ``[first_line, end_line)`` of a JSONL
    file starting at byte ``offset`` (``kind="lines"``; line numbers are 1-based like the ingest reader's)."""

    path: str
    kind: str = "input"
    first_line: int = 1
    end_line: int | None = None
    offset: int = 0

    @property
    def label(self) -> str:
        if self.kind == "lines":
            return f"{self.path}:{self.first_line}-{(self.end_line or 0) - 1}"
        return self.path


def _is_big_jsonl(p: Path, limit: int) -> bool:
    return p.is_file() and p.name.lower().endswith(_JSONL_SUFFIXES) and p.stat().st_size > limit


def jsonl_line_shards(path: str, lines_per_shard: int = JSONL_SHARD_LINES) -> list[Shard]:
    """Line-range shards of one JSONL file, found in one pass over its bytes (newline counting only)."""
    shards: list[Shard] = []
    line = 1  # number of the next line to start
    start_line, start_offset, pos = 1, 0, 0
    with open(path, "rb") as fh:
        while True:
            buf = fh.readline()
            if not buf:
                break
            pos += len(buf)
            line += 1
            if line - start_line >= lines_per_shard:
                shards.append(Shard(path, "lines", start_line, line, start_offset))
                start_line, start_offset = line, pos
    if line > start_line:
        shards.append(Shard(path, "lines", start_line, line, start_offset))
    return shards


def plan_shards(
    inputs: list[str],
    *,
    jsonl_shard_bytes: int = JSONL_SHARD_BYTES,
    lines_per_shard: int = JSONL_SHARD_LINES,
) -> list[Shard]:
    """Shards of the inputs, in input order (big JSONL files cut into line ranges, the rest whole)."""
    out: list[Shard] = []
    for spec in inputs:
        p = Path(spec)
        if _is_big_jsonl(p, jsonl_shard_bytes):
            out.extend(jsonl_line_shards(spec, lines_per_shard))
        else:
            out.append(Shard(spec))
    return out


def _iter_lines(shard: Shard, settings: Settings, meta: str | None,
                stats: IngestStats) -> Iterator[Article | IngestError]:
    """Articles of a JSONL line range, as the JSONL reader would yield them for those lines."""
    from ..ingest.jsonl import parse_line
    from ..ingest.meta import load_meta
    from ..normalize.article import to_article

    table = load_meta(meta) if meta else None
    source = str(Path(shard.path))
    if shard.first_line == 1:
        stats.files += 1
    with open(shard.path, "rb") as fh:
        fh.seek(shard.offset)
        n = shard.first_line
        while shard.end_line is None or n < shard.end_line:
            raw_line = fh.readline()
            if not raw_line:
                break
            line = raw_line.decode("utf-8", errors="replace")
            n += 1
            item = parse_line(line, n - 1, source=source)
            if item is None:
                continue
            if isinstance(item, IngestError):
                stats.errors += 1
                yield item
                continue
            try:
                if table is not None:
                    table.apply(item)
                article = to_article(item, settings)
            except IngestError as exc:
                stats.errors += 1
                yield exc
                continue
            stats.documents += 1
            stats.by_kind["jsonl"] += 1
            yield article


def iter_shard(
    shard: Shard, settings: Settings, *, meta: str | None = None, stats: IngestStats | None = None
) -> Iterator[Article | IngestError]:
    """Articles (or the error of each bad file/record) of one shard, in input order."""
    from ..pipeline import read_articles

    stats = stats if stats is not None else IngestStats()
    if shard.kind == "lines":
        yield from _iter_lines(shard, settings, meta, stats)
        return
    yield from read_articles([shard.path], settings, meta=meta, stats=stats)


def iter_shards(
    shards: list[Shard], settings: Settings, *, meta: str | None = None, stats: IngestStats | None = None
) -> Iterator[Article | IngestError]:
    """Articles of every shard, shard after shard."""
    for shard in shards:
        yield from iter_shard(shard, settings, meta=meta, stats=stats)
