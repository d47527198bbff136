"""Validation of an export document against the packaged JSON Schema (``schema.json``)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from ..errors import ExportError

SCHEMA_FILE = "schema.json"


@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the export, as shipped in the package."""
    text = resources.files("crosswire.export").joinpath(SCHEMA_FILE).read_text("utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(load_schema())


def validate_export(doc: dict[str, Any]) -> None:
    """Raise ExportError naming the JSON path (e.g. ``$.articles[3].published_from``) of the first problem."""
    error = best_match(_validator().iter_errors(doc))
    if error is None:
        return
    raise ExportError(
        f"export does not validate at {error.json_path}: {error.message}",
        hint="the contract is docs/export.md (schema: crosswire/export/schema.json); "
        "a store written by another crosswire version may need `crosswire db migrate` and a re-run",
    )
