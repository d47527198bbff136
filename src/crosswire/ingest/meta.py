"""``--meta FILE``: what the user knows about each input, which wins over what the text says.

Accepted shapes (JSON or CSV, chosen by extension, else by content):

- a JSON object keyed by file name (or relative path, or record id):
  ``{"a.txt": {"outlet": "Reuters", "published": "2026-02-04"}}`` (the sample's ``sources.json``);
- a JSON list of objects with a ``file`` (or ``id``/``path``/``name``) key and the fields;
- a CSV with a header row holding a ``file`` (or ``id``/``path``/``name``) column and field columns.

Fields: ``outlet``, ``published``, ``title``, ``url``, ``byline`` (``author`` and ``date`` accepted).

Decision on nulls: a null / empty value means "unknown", NOT "none". It never erases what the text
or the page states: ``{"outlet": null}`` keeps an outlet found in a dateline. A given ``published``
sets ``published_from="metadata"``.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import IngestError
from ..models import RawDocument

FIELDS = ("outlet", "published", "title", "url", "byline")
_ALIASES = {"author": "byline", "date": "published", "source": "outlet", "publisher": "outlet"}
_KEY_COLUMNS = ("file", "id", "path", "name", "filename")


@dataclass
class MetaTable:
    """Per-input metadata, looked up by record id, relative path or file name."""

    path: str
    rows: dict[str, dict[str, str]] = field(default_factory=dict)

    def lookup(self, raw: RawDocument) -> dict[str, str] | None:
        keys = [raw.external_id, raw.source, Path(raw.source).name]
        src = Path(raw.source)
        keys += ["/".join(src.parts[-k:]) for k in (2, 3) if len(src.parts) >= k]
        for k in keys:
            if k in self.rows:
                return self.rows[k]
        return None

    def apply(self, raw: RawDocument) -> RawDocument:
        """Overlay the row for ``raw`` (if any); non-empty values win, nulls leave the field alone."""
        row = self.lookup(raw)
        if not row:
            return raw
        for name, value in row.items():
            setattr(raw, name, value)
        if row.get("published"):
            raw.published_from = "metadata"
        return raw


def _clean_row(obj: dict[str, object]) -> dict[str, str]:
    row: dict[str, str] = {}
    for k, v in obj.items():
        name = _ALIASES.get(k.strip().lower(), k.strip().lower())
        if name in FIELDS and v is not None and str(v).strip():
            row[name] = str(v).strip()
    return row


def _key_of(obj: dict[str, object]) -> str | None:
    for k in _KEY_COLUMNS:
        for key in obj:
            if key.strip().lower() == k and obj[key] is not None and str(obj[key]).strip():
                return str(obj[key]).strip()
    return None


def load_meta(path: str | Path) -> MetaTable:
    """Read a metadata file; ConfigError-like IngestError with a fix-it hint when it is malformed."""
    p = Path(path)
    try:
        text = p.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise IngestError(f"cannot read metadata file ({exc})", source=str(p),
                          hint="pass a UTF-8 JSON or CSV file to --meta") from None
    table = MetaTable(path=str(p))
    stripped = text.lstrip()
    if p.suffix.lower() == ".csv" or not stripped.startswith(("{", "[")):
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or not any(f.strip().lower() in _KEY_COLUMNS for f in reader.fieldnames):
            raise IngestError("metadata CSV has no file/id column", source=str(p),
                              hint="add a header row with a `file` (or `id`) column and outlet/published/... columns")
        for n, row in enumerate(reader, 2):
            key = _key_of(row)
            if key is None:
                raise IngestError("row without a file/id value", source=str(p), record=f"line {n}",
                                  hint="fill in the file (or id) column")
            table.rows[key] = _clean_row(row)
        return table
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError(f"metadata file is not valid JSON ({exc.msg} at line {exc.lineno})", source=str(p),
                          hint="fix the JSON (an object keyed by file name, or a list of objects)") from None
    if isinstance(data, dict):
        for key, obj in data.items():
            if not isinstance(obj, dict):
                raise IngestError(f"entry {key!r} is not an object", source=str(p),
                                  hint='use {"file.txt": {"outlet": "...", "published": "YYYY-MM-DD"}}')
            table.rows[key] = _clean_row(obj)
    elif isinstance(data, list):
        for n, obj in enumerate(data, 1):
            key = _key_of(obj) if isinstance(obj, dict) else None
            if key is None:
                raise IngestError("list item without a file/id key", source=str(p), record=f"item {n}",
                                  hint='give each item a "file" (or "id") key')
            table.rows[key] = _clean_row(obj)  # type: ignore[arg-type]
    else:
        raise IngestError("metadata JSON must be an object or a list", source=str(p),
                          hint="see `crosswire ingest --help` for the --meta formats")
    return table
