"""Fixtures of the store tests: an open store on each backend."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from crosswire.store import SqlStore, open_store


@pytest.fixture
def store(store_url: str) -> Iterator[SqlStore]:
    s = open_store(store_url)
    yield s
    s.close()
