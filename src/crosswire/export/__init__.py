"""Exports: the versioned JSON document (docs/export.md, ``schema.json``) and a CSV of the articles."""

from __future__ import annotations

from .csv_export import CSV_COLUMNS, export_csv
from .json_export import EXPORT_VERSION, export_json
from .validate import load_schema, validate_export

__all__ = ["CSV_COLUMNS", "EXPORT_VERSION", "export_csv", "export_json", "load_schema", "validate_export"]
