"""WARC archives (``.warc``, ``.warc.gz``) -> articles from their HTML ``response`` records (warcio).

Every other record (request, metadata, warcinfo, revisit, non-HTML or non-200 responses) is skipped
and counted in :class:`~crosswire.ingest.common.IngestStats` ``skipped`` as ``"warc:<type>"`` or
``"warc:response:<content type>"`` / ``"warc:response:status <code>"``. A record that cannot be read
is an IngestError naming the record (its number, and the WARC-Record-ID of the last good one). warcio cannot
resynchronise after a corrupt record, so the rest of that file is given up (and the error says so).
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from ..errors import EmptyInput, IngestError
from ..models import RawDocument
from .common import IngestStats
from .html import extract_html

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def iter_warc(data: bytes, *, source: str, stats: IngestStats | None = None) -> Iterator[RawDocument | IngestError]:
    """Articles of one WARC file given as bytes (gzip-compressed or not)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    stats = stats if stats is not None else IngestStats()
    stream = io.BytesIO(data)
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
            body = rec.content_stream().read()
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
