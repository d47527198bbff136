"""WARC archives (``.warc``, ``.warc.gz``) -> articles from their HTML ``response`` records (warcio).

Every other record (request, metadata, warcinfo, revisit, non-HTML or non-200 responses) is skipped
and counted in :class:`~crosswire.ingest.common.IngestStats` ``skipped`` as ``"warc:<type>"`` or
``"warc:response:<content type>"`` / ``"warc:response:status <code>"``. A record that cannot be read
is an IngestError naming the record (its number, and the WARC-Record-ID of the last good one). warcio cannot
resynchronise after a corrupt record, so the rest of that file is given up (and the error says so).

A WARC file given as a path is streamed record by record from disk (a 1 GB CC-NEWS file is never held in
memory, so the whole-file ``ingest.max_file_bytes`` limit does not apply to it); one HTML response body larger
than ``max_record_bytes`` is skipped and counted as ``"warc:response:too large"``.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import BinaryIO

from ..errors import EmptyInput, IngestError
from ..models import RawDocument
from .common import IngestStats
from .html import extract_html

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def iter_warc(
    data: bytes | Path | BinaryIO,
    *,
    source: str,
    stats: IngestStats | None = None,
    max_record_bytes: int | None = None,
) -> Iterator[RawDocument | IngestError]:
    """Articles of one WARC file (gzip-compressed or not), given as bytes, as a path (streamed from the file,
    which stays open only while the iterator runs) or as a binary stream."""
    stats = stats if stats is not None else IngestStats()
    with ExitStack() as stack:
        if isinstance(data, Path):
            try:
                stream: BinaryIO = stack.enter_context(open(data, "rb"))  # noqa: SIM115 - closed by the stack
            except OSError as exc:
                yield IngestError(f"cannot read file: {exc.strerror}", source=source,
                                  hint="check the path and its permissions")
                return
        elif isinstance(data, (bytes, bytearray, memoryview)):
            stream = io.BytesIO(data)
        else:
            stream = data
        yield from _records(stream, source, stats, max_record_bytes)


def _records(stream: BinaryIO, source: str, stats: IngestStats,
             max_record_bytes: int | None) -> Iterator[RawDocument | IngestError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    n = 0
    last_id = ""
    it = ArchiveIterator(stream)
    while True:
        n += 1
        try:
            rec = next(it)
            rtype = rec.rec_type
            rid = rec.rec_headers.get_header("WARC-Record-ID") or ""
            url = rec.rec_headers.get_header("WARC-Target-URI")
            record = f"record {n} {rid}".strip()
            last_id = rid or last_id
            if rtype != "response":
                stats.skipped[f"warc:{rtype}"] += 1
                continue
            http = rec.http_headers
            status = http.get_statuscode() if http is not None else None
            full_ctype = (http.get_header("Content-Type") if http is not None else None) or ""
            ctype = full_ctype.split(";")[0].strip().lower()
            charset = full_ctype.partition("charset=")[2].strip(" \"'") or "utf-8"
            if status is not None and not str(status).startswith("2"):
                stats.skipped[f"warc:response:status {status}"] += 1
                continue
            if ctype not in _HTML_TYPES:
                stats.skipped[f"warc:response:{ctype or 'unknown'}"] += 1
                continue
            if max_record_bytes is None:
                body = rec.content_stream().read()
            else:
                body = rec.content_stream().read(max_record_bytes + 1)
                if len(body) > max_record_bytes:  # the iterator skips the rest of the record
                    stats.skipped["warc:response:too large"] += 1
                    continue
            last_id = rid
        except StopIteration:
            return
        except (ArchiveLoadFailed, EOFError, OSError, ValueError, AttributeError, KeyError, TypeError) as exc:
            # warcio surfaces damaged headers as assorted exceptions (e.g. AttributeError on a missing URI)
            where = f"record {n}" + (f" (after {last_id})" if last_id else "")
            yield IngestError(
                f"broken WARC record ({type(exc).__name__}: {str(exc)[:200]}); the rest of the file is skipped",
                source=source, record=where,
                hint="the archive is truncated or corrupt; re-fetch it or repair it with `warcio recompress`",
            )
            return
        try:
            try:
                page = body.decode(charset, errors="replace")
            except LookupError:
                page = body.decode("utf-8", errors="replace")
            raw = extract_html(page, source=source, record=url or record, url=url)
        except EmptyInput:
            # index, login and script-rendered pages are normal in a crawl: counted, not errors
            stats.skipped["warc:response:no main text"] += 1
            continue
        except IngestError as exc:
            yield exc
            continue
        raw.kind = "warc"
        raw.external_id = url or record
        yield raw
