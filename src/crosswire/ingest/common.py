"""Pieces every reader shares: reading bytes safely, decoding text, sniffing formats, counting.

Readers never raise for one bad file: :func:`crosswire.ingest.sources.iter_documents` turns the
:class:`~crosswire.errors.IngestError` raised here into an item of the stream and goes on.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EmptyInput, IngestError, UnsupportedInput

#: bytes looked at to decide whether a file is binary (same window as `file(1)` uses for text tests)
SNIFF_BYTES = 8192
#: share of control characters (other than tab/newline/CR/FF) above which a file is treated as binary;
#: real text has ~0, random bytes have ~12%; 2% leaves room for a few stray form feeds or escapes
MAX_CONTROL_RATIO = 0.02
#: after a non-UTF-8 fallback decode, share of non-ASCII characters above which we give up: a real
#: Latin-1/cp1252 English or Western-European article has < 5%, random high bytes decode to > 40%
MAX_FALLBACK_NON_ASCII = 0.30

#: extensions -> reader kind (".warc.gz" and friends are handled by stripping ".gz" first)
EXT_KINDS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".feed": "feed",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".warc": "warc",
}


@dataclass
class IngestStats:
    """Counts a caller can read after (or during) a run of ``iter_documents``.

    ``skipped`` counts records that were read fine but are not articles, keyed by a short reason
    such as ``"warc:request"``, ``"warc:response:image/png"`` or ``"warc:metadata"``.
    """

    files: int = 0
    documents: int = 0
    errors: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    by_kind: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, object]:
        return {
            "files": self.files,
            "documents": self.documents,
            "errors": self.errors,
            "skipped": dict(self.skipped),
            "by_kind": dict(self.by_kind),
        }


def read_limited(path: Path, max_bytes: int) -> bytes:
    """The whole file, refusing files above ``max_bytes`` (before reading them)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise IngestError(f"cannot read file: {exc.strerror}", source=str(path),
                          hint="check the path and its permissions") from None
    if size > max_bytes:
        raise IngestError(
            f"file is {size:,} bytes, over the limit of {max_bytes:,}",
            source=str(path),
            hint="split it, or raise ingest.max_file_bytes (CROSSWIRE_INGEST__MAX_FILE_BYTES)",
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read file: {exc.strerror}", source=str(path),
                          hint="check the path and its permissions") from None


def gunzip(data: bytes, source: str, max_bytes: int) -> bytes:
    """Decompress a gzip member, refusing truncated or corrupt data and decompression bombs."""
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise IngestError(f"corrupt gzip data ({exc})", source=source,
                          hint="re-download or re-compress the file; `gzip -t FILE` checks it") from None
    if len(out) > max_bytes:
        raise IngestError(f"decompressed size is over the limit of {max_bytes:,} bytes", source=source,
                          hint="split it, or raise ingest.max_file_bytes")
    if not d.eof:
        raise IngestError("truncated gzip file (the compressed stream ends early)", source=source,
                          hint="re-download or re-compress the file; `gzip -t FILE` checks it")
    return out


def is_gzip(data: bytes) -> bool:
    return data[:2] == b"\x1f\x8b"


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: NUL bytes or many control characters in the first block."""
    head = data[:SNIFF_BYTES]
    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with BOM has NULs but is text
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(head) > MAX_CONTROL_RATIO


_CHARSET_RE = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_\-]+)""", re.I)


def decode_text(data: bytes, source: str, *, record: str | None = None) -> str:
    """Bytes -> str: BOMs, UTF-8, a declared HTML charset, then cp1252 when it yields plausible text.

    Raises :class:`EmptyInput` for nothing but whitespace and :class:`UnsupportedInput` for binary data
    or bytes that no encoding turns into plausible text.
    """
    if not data.strip():
        raise EmptyInput("the file is empty (nothing but whitespace)", source=source, record=record,
                         hint="remove it or put the article text in it")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if looks_binary(data):
        raise UnsupportedInput("binary data, not text", source=source, record=record,
                               hint="pass .txt, .html, .jsonl, RSS/Atom or WARC files; "
                                    "convert PDFs or Word files to text first")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    m = _CHARSET_RE.search(data[:SNIFF_BYTES])
    if m:
        try:
            return data.decode(m.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    text = data.decode("cp1252", errors="replace")
    non_ascii = sum(1 for ch in text if ord(ch) > 127)
    if non_ascii / max(1, len(text)) > MAX_FALLBACK_NON_ASCII:
        raise UnsupportedInput(
            "undecodable text: not UTF-8, and as Latin-1/cp1252 it is mostly non-ASCII garbage",
            source=source, record=record,
            hint="re-save the file as UTF-8 (e.g. `iconv -f <encoding> -t utf-8 FILE`)",
        )
    return text


def kind_from_name(name: str) -> tuple[str | None, bool]:
    """Reader kind from a file name and whether it is gzip-compressed (``a.jsonl.gz`` -> jsonl, True)."""
    lower = name.lower()
    gz = lower.endswith(".gz")
    if gz:
        lower = lower[:-3]
    if lower.endswith(".warc") or lower.endswith(".arc"):
        return "warc", gz
    return EXT_KINDS.get(Path(lower).suffix), gz


def sniff_kind(data: bytes) -> str | None:
    """Reader kind from content, for stdin and files with an unknown extension."""
    if data.startswith(b"WARC/"):
        return "warc"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed", b"<rdf")):
        if re.search(rb"<(rss|feed|rdf:rdf)\b", head):
            return "feed"
        if b"<html" in head:
            return "html"
        return "feed"
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or b"<html" in head[:512]:
        return "html"
    if head.startswith(b"{"):
        first = head.split(b"\n", 1)[0].strip()
        return "jsonl" if first.endswith(b"}") else "json"
    if head.startswith(b"["):
        return "json"
    return None


def require_text(text: str | None, source: str, record: str | None = None) -> str:
    """The text itself, or :class:`EmptyInput` when there is none."""
    if text is None or not text.strip():
        raise EmptyInput("no article text", source=source, record=record,
                         hint="the record needs a non-empty text (or a page with readable main content)")
    return text

