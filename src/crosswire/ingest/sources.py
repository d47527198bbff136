"""One entry point for every input: files, folders, ``-`` (stdin) and http(s) URLs.

:func:`iter_documents` yields :class:`~crosswire.models.RawDocument` items and, for each bad file or
record, an :class:`~crosswire.errors.IngestError` item; it never raises for one bad input, so a batch
goes on. Folders are walked recursively in sorted order; hidden files and folders (``.name``) and the
metadata file are skipped. A folder holding ``sources.json`` uses it as metadata when no ``meta`` is
given (the layout of the packaged sample corpus); an explicit ``meta`` always wins. Files named
README/LICENSE/COPYING/CHANGELOG/NOTICE inside a folder describe it and are skipped (counted in
``IngestStats.skipped``); passed by name they are read like any file.

The kind of each file comes from its extension (``.txt .html .jsonl .json .rss .atom .xml .warc``,
each optionally ``.gz``), else from its content.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..config import Settings, load_settings
from ..errors import IngestError, UnsupportedInput
from ..models import RawDocument
from .common import IngestStats, decode_text, gunzip, is_gzip, kind_from_name, read_limited, sniff_kind
from .meta import MetaTable, load_meta

#: name of a metadata file picked up automatically inside a folder when no --meta is given
AUTO_META_NAME = "sources.json"
#: files inside a folder that describe the folder rather than hold an article (skipped and counted)
_NOT_ARTICLES = re.compile(r"^(?:readme|license|licence|copying|changelog|notice)(?:\.[a-z]+)?$", re.I)
#: seconds for fetching a URL the user passed
HTTP_TIMEOUT_S = 30.0


def _parse_bytes(
    data: bytes, *, source: str, name: str, external_id: str, stats: IngestStats, max_bytes: int
) -> Iterator[RawDocument | IngestError]:
    """Dispatch bytes of one input to its reader."""
    from .feeds import iter_feed
    from .html import extract_html
    from .jsonl import iter_json, iter_jsonl
    from .text import read_text
    from .warc import iter_warc

    kind, gz = kind_from_name(name)
    if is_gzip(data) and kind != "warc":
        data = gunzip(data, source, max_bytes=max_bytes)
        kind = kind if gz else None
    if kind is None:
        kind = sniff_kind(data)
    if kind == "warc":
        yield from iter_warc(data, source=source, stats=stats)
        return
    if kind == "feed":
        yield from iter_feed(data, source=source)
        return
    text = decode_text(data, source)
    if kind is None:
        kind = "text"
    if kind == "html":
        raw = extract_html(text, source=source, record=None)
        raw.external_id = external_id
        yield raw
    elif kind == "jsonl":
        yield from iter_jsonl(text, source=source)
    elif kind == "json":
        yield from iter_json(text, source=source)
    elif kind == "text":
        yield read_text(text, source=source, external_id=external_id)
    else:  # pragma: no cover - kind_from_name only returns the kinds above
        raise UnsupportedInput(f"unknown input kind {kind!r}", source=source)


def _walk(folder: Path, skip: set[Path], stats: IngestStats) -> Iterator[Path]:
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or not p.is_file() or p.resolve() in skip:
            continue
        if _NOT_ARTICLES.match(p.name):
            stats.skipped[f"not an article: {p.name}"] += 1
            continue
        yield p


def _fetch(url: str, settings: Settings) -> tuple[bytes, str]:
    import httpx

    if not settings.ingest.allow_remote:
        raise IngestError("fetching URLs is disabled", source=url,
                          hint="set ingest.allow_remote = true, or download the page and pass the file")
    try:
        r = httpx.get(url, follow_redirects=True, timeout=HTTP_TIMEOUT_S,
                      headers={"User-Agent": "crosswire (+https://github.com/crosswire)"})
        r.raise_for_status()
    except httpx.HTTPError as exc:
        raise IngestError(f"could not fetch URL ({exc})", source=url,
                          hint="check the address and your network connection, or save the page and pass the file"
                          ) from None
    if len(r.content) > settings.ingest.max_file_bytes:
        raise IngestError(f"response is over the limit of {settings.ingest.max_file_bytes:,} bytes", source=url,
                          hint="raise ingest.max_file_bytes")
    return r.content, r.headers.get("content-type", "")


def _one_input(
    data_or_path: Path | bytes, *, source: str, name: str, external_id: str, stats: IngestStats,
    settings: Settings,
) -> Iterator[RawDocument | IngestError]:
    """Items of one input with every exception turned into a yielded IngestError."""
    stats.files += 1
    try:
        if isinstance(data_or_path, Path) and kind_from_name(name)[0] == "warc":
            from .warc import iter_warc  # a crawl file is streamed record by record, never read whole

            yield from iter_warc(data_or_path, source=source, stats=stats,
                                 max_record_bytes=settings.ingest.max_file_bytes)
            return
        data = (read_limited(data_or_path, settings.ingest.max_file_bytes)
                if isinstance(data_or_path, Path) else data_or_path)
        yield from _parse_bytes(data, source=source, name=name, external_id=external_id, stats=stats,
                                max_bytes=settings.ingest.max_file_bytes)
    except IngestError as exc:
        yield exc
    except Exception as exc:  # a reader bug or a parser crash must not stop the batch
        yield IngestError(f"unexpected {type(exc).__name__} while reading: {exc}", source=source,
                          hint="please report this with the file attached; the other inputs were read")


def iter_documents(
    paths: Iterable[str],
    *,
    meta: str | None = None,
    settings: Settings | None = None,
    stdin: BinaryIO | None = None,
    stats: IngestStats | None = None,
) -> Iterator[RawDocument | IngestError]:
    """Documents from files, folders, ``-`` (stdin, format sniffed) and http(s) URLs.

    ``meta`` is a metadata file (see :mod:`crosswire.ingest.meta`) whose values win over the inputs'.
    Pass an :class:`IngestStats` as ``stats`` to read counts (files, documents, errors, skipped WARC
    records) afterwards. Only a malformed ``meta`` file raises (before anything is read): every
    problem with an input is yielded as an IngestError and the batch goes on.
    """
    settings = settings or load_settings()
    stats = stats if stats is not None else IngestStats()
    explicit = load_meta(meta) if meta else None
    skip = {Path(meta).resolve()} if meta else set()
    for item in _iter_inputs(list(paths), explicit, skip, settings, stdin, stats):
        if isinstance(item, IngestError):
            stats.errors += 1
        else:
            stats.documents += 1
            stats.by_kind[item.kind] += 1
        yield item


def _iter_inputs(
    paths: list[str], explicit: MetaTable | None, skip: set[Path], settings: Settings,
    stdin: BinaryIO | None, stats: IngestStats,
) -> Iterator[RawDocument | IngestError]:
    for spec in paths:
        if spec == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read()
            if len(data) > settings.ingest.max_file_bytes:
                stats.files += 1
                yield IngestError("stdin is over the size limit", source="<stdin>",
                                  hint="raise ingest.max_file_bytes or pass a file")
                continue
            yield from _with_meta(_one_input(data, source="<stdin>", name="", external_id="stdin",
                                             stats=stats, settings=settings), explicit)
        elif spec.startswith(("http://", "https://")):
            stats.files += 1
            try:
                data, ctype = _fetch(spec, settings)
            except IngestError as exc:
                yield exc
                continue
            stats.files -= 1  # counted again by _one_input
            name = spec.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
            if "xml" in ctype or "rss" in ctype or "atom" in ctype:
                name = "feed.xml"
            elif "html" in ctype and "." not in name:
                name = "page.html"
            yield from _with_meta(_url_items(data, spec, name, stats, settings), explicit)
        else:
            p = Path(spec)
            if p.is_dir():
                table = explicit
                auto = p / AUTO_META_NAME
                dir_skip = set(skip)
                if auto.is_file():
                    dir_skip.add(auto.resolve())
                    if table is None:
                        try:
                            table = load_meta(auto)
                        except IngestError as exc:
                            yield exc
                for f in _walk(p, dir_skip, stats):
                    # the spec's external_id is the file name: the same file gets the same id whether it is
                    # passed alone or inside a folder, so re-ingesting it is idempotent
                    yield from _with_meta(_one_input(f, source=str(f), name=f.name, external_id=f.name,
                                                     stats=stats, settings=settings), table)
            elif p.is_file():
                if p.resolve() in skip:
                    continue
                yield from _with_meta(_one_input(p, source=str(p), name=p.name, external_id=p.name,
                                                 stats=stats, settings=settings), explicit)
            else:
                stats.files += 1
                yield IngestError("no such file or folder", source=spec,
                                  hint="check the path (use `-` for stdin, or an http(s) URL)")


def _url_items(data: bytes, url: str, name: str, stats: IngestStats,
               settings: Settings) -> Iterator[RawDocument | IngestError]:
    for item in _one_input(data, source=url, name=name, external_id=url, stats=stats, settings=settings):
        if isinstance(item, RawDocument) and item.kind == "html":
            item.url = item.url or url
        yield item


def _with_meta(items: Iterator[RawDocument | IngestError],
               table: MetaTable | None) -> Iterator[RawDocument | IngestError]:
    for item in items:
        if table is not None and isinstance(item, RawDocument):
            table.apply(item)
        yield item
