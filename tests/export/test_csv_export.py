"""The CSV export of the articles table."""

from __future__ import annotations

import csv
import io

import pytest

from crosswire.errors import NotFound
from crosswire.export import CSV_COLUMNS, export_csv


def rows(store, **kw):
    buf = io.StringIO(newline="")
    export_csv(store, buf, **kw)
    return list(csv.DictReader(io.StringIO(buf.getvalue(), newline="")))


def test_columns_and_values(store):
    got = rows(store)
    assert CSV_COLUMNS == (
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
    assert list(got[0]) == list(CSV_COLUMNS)
    assert [r["id"] for r in got] == ["a1", "a2", "a3"]
    assert got[0]["url"] == "https://example.org/1" and got[0]["word_count"] == "16"
    assert got[1]["title"] == "Soybeans" and got[1]["byline"] == "Jane Doe"
    assert got[2]["outlet"] == "" and got[2]["published"] == "" and got[2]["published_from"] == "unknown"


def test_awkward_values_are_quoted(store):
    from crosswire.models import Article

    store.add_articles(
        [
            Article(
                id="a4",
                source="s",
                external_id="e",
                text="t",
                title='He said, "yes"\nthen left',
                outlet="A, B",
            )
        ]
    )
    got = rows(store)
    assert got[-1]["title"] == 'He said, "yes"\nthen left' and got[-1]["outlet"] == "A, B"


def test_event_filter(store):
    assert [r["id"] for r in rows(store, event="ev-call")] == ["a1", "a2"]
    with pytest.raises(NotFound):
        rows(store, event="nope")
