"""Shared fixtures. Area-specific fixtures live in tests/<area>/conftest.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "crosswire" / "data" / "corpus" / "trump-xi"
DATA = Path(__file__).resolve().parent / "data"


def benchdata_dir() -> Path | None:
    p = Path(os.environ.get("CROSSWIRE_BENCHDATA", ROOT.parent / "shared" / "benchdata"))
    return p if p.is_dir() else None


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def benchdata() -> Path:
    p = benchdata_dir()
    if p is None:
        pytest.skip("benchmark data not found: set CROSSWIRE_BENCHDATA or put it at ../shared/benchdata")
    return p


@pytest.fixture(scope="session")
def nlp():
    """The default spaCy pipeline, loaded once per test session."""
    from crosswire.extract.nlp import load_nlp

    return load_nlp()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'crosswire.db'}"


def pg_base_url() -> str | None:
    return os.environ.get("CROSSWIRE_TEST_PG_URL")


@pytest.fixture
def pg_url():
    """A fresh PostgreSQL database on the server `make test` starts; skipped (with the reason) without one."""
    base = pg_base_url()
    if not base:
        if os.environ.get("CI"):
            pytest.fail("CROSSWIRE_TEST_PG_URL is not set in CI: `make test` must start PostgreSQL")
        pytest.skip("no PostgreSQL: set CROSSWIRE_TEST_PG_URL (make test starts one)")
    import uuid

    import sqlalchemy as sa

    name = "cw_" + uuid.uuid4().hex[:12]
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = base.rsplit("/", 1)[0] + "/" + name
    yield url
    with admin.connect() as c:
        c.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request, tmp_path: Path) -> str:
    """Runs a test against both backends."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'crosswire.db'}"
    return request.getfixturevalue("pg_url")
