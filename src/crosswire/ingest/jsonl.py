"""JSON Lines (one article per line) and JSON (one article object, or a list of them).

Fields: ``text`` (required), ``id``, ``title``, ``url``, ``outlet``, ``published``, ``byline`` (optional;
``author`` is accepted for ``byline``, ``date`` for ``published``). A bad line is an IngestError naming
the file and line number; the other lines go on. Blank lines are skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..errors import EmptyInput, IngestError
from ..models import RawDocument

_ALIASES = {"byline": ("byline", "author"), "published": ("published", "date", "published_at")}


def _field(obj: dict[str, Any], name: str) -> str | None:
    for key in _ALIASES.get(name, (name,)):
        v = obj.get(key)
        if v is not None and str(v).strip():
            return str(v).strip()
    return None


def record_to_raw(obj: Any, *, source: str, record: str, kind: str = "jsonl") -> RawDocument:
    """One JSON object -> RawDocument; IngestError/EmptyInput when it is not an article record."""
    if not isinstance(obj, dict):
        raise IngestError(f"expected a JSON object, got {type(obj).__name__}", source=source, record=record,
                          hint='each line must be an object like {"text": "...", "outlet": "..."}')
    if "text" not in obj:
        raise IngestError("record has no `text` field", source=source, record=record,
                          hint='add the article body as "text" (id, title, url, outlet, published, byline '
                               "are optional)")
    text = obj["text"]
    if not isinstance(text, str):
        raise IngestError("`text` is not a string", source=source, record=record,
                          hint="put the article body in `text` as one string")
    if not text.strip():
        raise EmptyInput("`text` is empty", source=source, record=record,
                         hint="remove the record or fill in its text")
    published = _field(obj, "published")
    return RawDocument(
        source=source,
        external_id=_field(obj, "id") or record,
        text=text,
        kind=kind,
        outlet=_field(obj, "outlet"),
        title=_field(obj, "title"),
        url=_field(obj, "url"),
        published=published,
        published_from="metadata" if published else "unknown",
        byline=_field(obj, "byline"),
    )


def parse_line(line: str, n: int, *, source: str) -> RawDocument | IngestError | None:
    """Line ``n`` (1-based) of a JSONL file: a document, the error naming ``line N``, or None when blank.
    Shared by :func:`iter_jsonl` and the batch mode's line-range shards, so both give the same ids."""
    if not line.strip():
        return None
    record = f"line {n}"
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return IngestError(f"not valid JSON ({exc.msg} at column {exc.colno})", source=source, record=record,
                           hint="each line must be one complete JSON object")
    try:
        raw = record_to_raw(obj, source=source, record=record)
    except IngestError as exc:
        return exc
    if raw.external_id == record:
        raw.external_id = f"{source}#{n}"
    return raw


def iter_jsonl(text: str, *, source: str) -> Iterator[RawDocument | IngestError]:
    """Records of a JSONL document; errors name ``line N``."""
    # split on newlines only: str.splitlines() also breaks on U+2028/U+2029 and other separators that are
    # valid inside JSON strings, which would cut a record in two
    for n, line in enumerate(text.replace("\r\n", "\n").split("\n"), 1):
        item = parse_line(line, n, source=source)
        if item is not None:
            yield item


def iter_json(text: str, *, source: str) -> Iterator[RawDocument | IngestError]:
    """A .json file: one article object or a list of them (errors name ``item N``)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        # a .json file that is really JSON Lines
        if exc.msg == "Extra data":
            yield from iter_jsonl(text, source=source)
            return
        yield IngestError(f"not valid JSON ({exc.msg} at line {exc.lineno})", source=source,
                          hint="fix the JSON, or use .jsonl with one article object per line")
        return
    items = data if isinstance(data, list) else [data]
    for n, obj in enumerate(items, 1):
        record = f"item {n}" if isinstance(data, list) else None
        try:
            raw = record_to_raw(obj, source=source, record=record or "", kind="jsonl")
        except IngestError as exc:
            yield exc
            continue
        if not raw.external_id:
            raw.external_id = source if record is None else f"{source}#{n}"
        yield raw
