"""RSS / Atom feeds -> one RawDocument per entry (feedparser).

Each entry's full content (``content:encoded`` / Atom ``<content>``) is preferred over its summary;
either is HTML and becomes plain text here. The feed's title is the outlet. A feed that feedparser
flags as malformed *and* that has no entry with text is one IngestError; a malformed feed that still yields
entries (e.g. a truncated download) gives those entries. An entry without text is an EmptyInput
naming the entry; the other entries go on.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator

from ..errors import EmptyInput, IngestError
from ..models import RawDocument

_BLOCK_TAGS = re.compile(r"(?i)</?(?:p|div|br|li|h[1-6]|blockquote|section|article|tr)\b[^>]*>")
_TAGS = re.compile(r"<[^>]+>")
_DROP = re.compile(r"(?is)<(script|style|figure|figcaption)\b.*?</\1>")


def html_to_text(fragment: str) -> str:
    """A feed's HTML fragment as plain text with paragraph breaks (no full-page extraction needed)."""
    s = _DROP.sub(" ", fragment)
    s = _BLOCK_TAGS.sub("\n\n", s)
    s = html_lib.unescape(_TAGS.sub("", s))
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", s)]
    return "\n\n".join(p for p in paras if p)


def iter_feed(data: bytes, *, source: str) -> Iterator[RawDocument | IngestError]:
    """Entries of one RSS/Atom document."""
    import feedparser

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    items = list(_entries(parsed, entries, source))
    if not any(isinstance(i, RawDocument) for i in items) and (parsed.get("bozo") or not entries):
        # a broken feed whose only "entries" are fragments without text: one error for the file
        reason = str(parsed.get("bozo_exception") or "no <item> or <entry> elements")
        yield IngestError(f"malformed or empty feed ({reason})", source=source,
                          hint="check that the file is a complete RSS/Atom document (re-download it)")
        return
    yield from items


def _entries(parsed, entries: list, source: str) -> Iterator[RawDocument | IngestError]:
    outlet = (parsed.get("feed") or {}).get("title") or None
    for n, e in enumerate(entries, 1):
        record = e.get("id") or e.get("link") or f"entry {n}"
        body = ""
        for c in e.get("content") or []:
            if c.get("value") and len(c["value"]) > len(body):
                body = c["value"]
        if not body:
            body = e.get("summary") or ""
        text = html_to_text(body)
        if not text.strip():
            yield EmptyInput("feed entry has no content or summary text", source=source, record=str(record),
                             hint="the feed may carry only titles; fetch the linked pages instead")
            continue
        author = e.get("author") or None
        published = e.get("published") or e.get("updated") or None
        yield RawDocument(
            source=source,
            external_id=str(record),
            text=text,
            kind="feed",
            outlet=outlet,
            title=e.get("title") or None,
            url=e.get("link") or None,
            published=published,
            published_from="metadata" if published else "unknown",
            byline=author,
        )
