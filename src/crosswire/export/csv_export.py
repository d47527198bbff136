"""The CSV export of the articles table (one row per article, no text)."""

from __future__ import annotations

import csv
from typing import IO

from ..store.base import Store

#: the columns, in order
CSV_COLUMNS = (
    "id",
    "source",
    "external_id",
    "outlet",
    "title",
    "published",
    "published_from",
    "byline",
    "language",
    "duplicate_of",
    "url",
    "word_count",
)


def export_csv(store: Store, fp: IO[str], *, event: str | None = None) -> None:
    """Write the articles (all, or those of ``event``) to the text file ``fp`` as CSV with a header.

    Missing values are empty cells. Open ``fp`` with ``newline=""`` as the csv module asks.
    """
    if event is not None:
        store.get_event(event)  # NotFound for an unknown event
    writer = csv.writer(fp)
    writer.writerow(CSV_COLUMNS)
    for a in store.iter_articles(event=event):
        writer.writerow(["" if getattr(a, c) is None else getattr(a, c) for c in CSV_COLUMNS])
