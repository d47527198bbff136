"""crosswire: follow one story through many outlets.

The public API is small; everything else is reachable through its modules.
"""

import logging

from .config import Settings, load_settings
from .errors import CrosswireError
from .models import Article, ArticleFacts, Check, Claim, DateExpr, Entity, Event, Quantity, Quote, Track
from .pipeline import Pipeline, RunReport, ingest_paths, ingest_records

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ArticleFacts",
    "Check",
    "Claim",
    "CrosswireError",
    "DateExpr",
    "Entity",
    "Event",
    "Pipeline",
    "Quantity",
    "Quote",
    "RunReport",
    "Settings",
    "Track",
    "__version__",
    "ingest_paths",
    "ingest_records",
    "load_settings",
    "open_store",
]


def open_store(url: str, *, create: bool = True):  # type: ignore[no-untyped-def]
    """Open (and migrate) a store: a SQLite path or SQLAlchemy URL, PostgreSQL for teams."""
    from .store import open_store as _open

    return _open(url, create=create)


logging.getLogger(__name__).addHandler(logging.NullHandler())
