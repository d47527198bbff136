"""Web pages -> RawDocument with trafilatura: main text, title, outlet (site name), author, date, URL.

The publication time is read from the page's own metadata (``article:published_time``, JSON-LD
``datePublished``, ``<time datetime>``) when it carries a time zone; trafilatura's date (day precision)
is used otherwise. A page with no main text is an :class:`~crosswire.errors.EmptyInput`.
"""

from __future__ import annotations

import json
import re
import warnings

from ..errors import EmptyInput, IngestError
from ..models import RawDocument

#: minimum characters of main text for a page to count as an article (trafilatura's own
#: min_extracted_size default is 250; a short news brief is ~150)
MIN_MAIN_TEXT_CHARS = 100

_META_TIME = re.compile(
    r"""<meta[^>]+(?:property|name|itemprop)=["'](?:article:published_time|og:published_time|"""
    r"""datePublished|pubdate|publishdate|date)["'][^>]*content=["']([^"']+)["']""",
    re.I,
)
_META_TIME_REV = re.compile(
    r"""<meta[^>]+content=["']([^"']+)["'][^>]*(?:property|name|itemprop)=["'](?:article:published_time|"""
    r"""og:published_time|datePublished)["']""",
    re.I,
)
_JSONLD = re.compile(r"""<script[^>]+application/ld\+json[^>]*>(.*?)</script>""", re.I | re.S)


def _published_time(html: str) -> str | None:
    """An explicit publication timestamp from the page metadata (the first found), if any."""
    for rx in (_META_TIME, _META_TIME_REV):
        m = rx.search(html)
        if m:
            return m.group(1).strip()
    for block in _JSONLD.findall(html):
        try:
            data = json.loads(block)
        except ValueError:
            continue
        items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
        for item in items:
            if isinstance(item, dict) and isinstance(item.get("datePublished"), str):
                return item["datePublished"]
    return None


def extract_html(
    html: str | bytes, *, source: str, record: str | None = None, url: str | None = None
) -> RawDocument:
    """Extract the article from one page. Raises EmptyInput for a page without main text."""
    import trafilatura

    if isinstance(html, bytes):
        html_text = html.decode("utf-8", errors="replace")
    else:
        html_text = html
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # lxml FutureWarnings inside trafilatura
        try:
            doc = trafilatura.bare_extraction(
                html_text, url=url, with_metadata=True, include_comments=False, include_tables=False,
            )
        except Exception as exc:  # trafilatura/lxml raise a variety of parser errors
            raise IngestError(f"HTML could not be parsed ({type(exc).__name__}: {exc})", source=source,
                              record=record, hint="check that the file is a complete web page") from None
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or len(text.strip()) < MIN_MAIN_TEXT_CHARS:
        raise EmptyInput("page has no main article text", source=source, record=record,
                         hint="it may be an index, login or script-rendered page; save the article page "
                              "itself, or paste its text into a .txt file")
    title = doc.title or None
    lines = text.split("\n")
    if title and lines and lines[0].strip() == title.strip():
        text = "\n".join(lines[1:])
    published = doc.date or None
    explicit = _published_time(html_text)
    if explicit and (published is None or explicit[:10] == published[:10]):
        published = explicit
    return RawDocument(
        source=source,
        external_id=record or source,
        text="\n\n".join(ln for ln in text.split("\n") if ln.strip()),  # one paragraph per extracted line
        html=html_text,
        kind="html",
        outlet=doc.sitename or None,
        title=title,
        url=doc.url or url,
        published=published,
        published_from="metadata" if published else "unknown",
        byline=doc.author or None,
    )
