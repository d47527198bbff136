"""Fixtures for the API, web UI and browser tests: real stores filled with the sample (two events)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from crosswire.config import Settings, load_settings
from crosswire.serve.app import create_app
from crosswire.serve.sample import Sample, add_hostile_article, populate
from crosswire.store import open_store

TOKEN = "test-token-0123456789"


@pytest.fixture
def settings() -> Settings:
    return load_settings(environ={}, serve={"token": TOKEN, "max_body_bytes": 20_000, "page_size": 50})


@pytest.fixture
def store(sqlite_url):
    s = open_store(sqlite_url)
    yield s
    s.close()


@pytest.fixture
def sample(store) -> Sample:
    return populate(store)


@pytest.fixture
def hostile(store, sample) -> str:
    return add_hostile_article(store, sample.events["feb"])


@pytest.fixture
def client(settings, store, sample):
    with TestClient(create_app(settings, store), raise_server_exceptions=False) as c:
        yield c
