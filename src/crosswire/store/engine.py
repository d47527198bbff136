"""Turning a user's URL or path into a configured SQLAlchemy engine.

* a plain path becomes ``sqlite:///path``; ``:memory:`` an in-memory database shared by all threads;
* ``postgresql://`` / ``postgres://`` URLs get the psycopg 3 driver;
* SQLite connections run in WAL mode with a busy timeout and foreign keys on, so readers (the web server)
  keep working while an ingest writes. The pysqlite driver's own transaction handling is switched off and
  SQLAlchemy emits ``BEGIN`` itself: write transactions use ``BEGIN IMMEDIATE`` (take the write lock up
  front, waiting up to the busy timeout) so two writers queue instead of failing with "database is locked".
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import StaticPool

from ..errors import StoreError

#: seconds a SQLite connection waits for another writer's lock before giving up
SQLITE_BUSY_TIMEOUT = 30.0

#: execution option that makes a SQLite connection begin with BEGIN IMMEDIATE
WRITE_OPTION = "crosswire_write"


def normalize_url(url_or_path: str) -> str:
    """A SQLAlchemy URL for what the user gave: a URL, a file path or ``:memory:``."""
    s = str(url_or_path).strip()
    if not s:
        raise StoreError("empty store URL", hint="pass a file path or a sqlite:/// or postgresql:// URL")
    if s == ":memory:":
        return "sqlite://"
    for prefix in ("postgresql://", "postgres://"):
        if s.startswith(prefix):
            return "postgresql+psycopg://" + s[len(prefix) :]
    if "://" in s:
        return s
    return f"sqlite:///{Path(s).expanduser()}"


def _strict_json(obj: Any) -> str:
    return json.dumps(obj, allow_nan=False)


def sqlite_path(url: sa.URL) -> Path | None:
    """The database file of a SQLite URL, None for an in-memory database."""
    db = url.database
    if not db or db == ":memory:" or db.startswith("file:"):
        return None
    return Path(db)


def make_engine(url: str) -> Engine:
    """An engine for ``url`` (already normalized), with the per-dialect settings described above."""
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError as exc:
        raise StoreError(
            f"not a valid store URL: {url!r} ({exc})",
            hint="use a file path, sqlite:///path.db or postgresql://user@host/db",
        ) from None
    backend = parsed.get_backend_name()
    # NaN/Infinity are not JSON: refuse them on both backends (PostgreSQL would, SQLite would not)
    kw: dict[str, Any] = {"json_serializer": _strict_json}
    if backend == "sqlite":
        kw["connect_args"] = {"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT}
        if sqlite_path(parsed) is None:
            kw["poolclass"] = StaticPool  # one shared in-memory database
    elif backend == "postgresql":
        kw["pool_pre_ping"] = True
    else:
        raise StoreError(
            f"unsupported database {backend!r} in {url!r}",
            hint="crosswire stores data in SQLite (a file path) or PostgreSQL (postgresql://...)",
        )
    try:
        engine = sa.create_engine(parsed, **kw)
    except (ImportError, sa.exc.ArgumentError) as exc:
        raise StoreError(
            f"cannot use {parsed.render_as_string(hide_password=True)}: {exc}",
            hint="for PostgreSQL install the extra: pip install 'crosswire[postgres]'",
        ) from None
    if backend == "sqlite":
        _setup_sqlite(engine, in_memory=sqlite_path(parsed) is None)
    return engine


def _setup_sqlite(engine: Engine, *, in_memory: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (see module docstring)
        cur = dbapi_conn.cursor()
        if not in_memory:
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_TIMEOUT * 1000)}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if conn.get_execution_options().get(WRITE_OPTION):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")
