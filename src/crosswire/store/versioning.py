"""Schema migrations, run programmatically with Alembic (no alembic.ini needed).

The scripts live in ``crosswire/store/migrations`` (packaged with the code). Opening a store that is
already at the head revision costs one small query; otherwise the upgrade runs inside one transaction
that holds the write lock (SQLite ``BEGIN IMMEDIATE``, a PostgreSQL advisory lock), so two processes
opening a fresh store at once do not both try to create it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

from ..errors import StoreError
from .engine import WRITE_OPTION, make_engine, normalize_url, sqlite_path

MIGRATIONS = Path(__file__).with_name("migrations")

#: key of the PostgreSQL advisory lock held while migrating ("crosswire" in ASCII, folded to 63 bits)
_PG_LOCK = 0x63726F7373776972 & 0x7FFFFFFFFFFFFFFF


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config pointing at the packaged migrations (and at ``connection`` when given)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@lru_cache(maxsize=1)
def head_revision() -> str:
    """The newest revision this version of crosswire knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:  # pragma: no cover - the package always ships 0001
        raise StoreError("no migrations found", hint=f"reinstall crosswire; {MIGRATIONS} is missing")
    return head


def _revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def upgrade_engine(engine: Engine) -> str:
    """Bring the database behind ``engine`` to the head revision; return it."""
    head = head_revision()
    try:
        with engine.connect() as probe:
            current = _revision(probe)
        if current == head:
            return head
        known = {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
        if current is not None and current not in known:
            raise StoreError(
                f"the store is at schema revision {current}, which this crosswire does not know",
                hint="it was written by a newer crosswire: upgrade crosswire (pip install -U crosswire)",
            )
        with engine.connect().execution_options(**{WRITE_OPTION: True}) as conn:
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
                if _revision(conn) != head:  # someone else may have migrated while we waited
                    command.upgrade(alembic_config(conn), "head")
        return head
    except sa.exc.SQLAlchemyError as exc:
        raise StoreError(
            f"could not migrate the store {engine.url.render_as_string(hide_password=True)}: {exc}",
            hint="check that the database is reachable and writable; `crosswire db status` shows its revision",
        ) from exc


def migrate(url: str) -> str:
    """Upgrade the store at ``url`` (a URL or a path) to the newest schema; return the revision.

    This is what ``crosswire db migrate`` runs; :func:`crosswire.store.open_store` does it on open.
    """
    engine = make_engine(normalize_url(url))
    try:
        return upgrade_engine(engine)
    finally:
        engine.dispose()


def current_revision(url: str) -> str | None:
    """The schema revision recorded in the store's ``alembic_version`` table, None for an empty database.

    This is what ``crosswire db status`` reports (compare with :func:`head_revision`).
    """
    normalized = normalize_url(url)
    engine = make_engine(normalized)
    path = sqlite_path(engine.url) if engine.dialect.name == "sqlite" else None
    if path is not None and not path.exists():
        engine.dispose()
        return None  # do not create the file just to report on it
    try:
        with engine.connect() as conn:
            return _revision(conn)
    except sa.exc.SQLAlchemyError as exc:
        raise StoreError(
            f"could not read the schema revision of {engine.url.render_as_string(hide_password=True)}: {exc}",
            hint="check the URL and that the database server is running",
        ) from exc
    finally:
        engine.dispose()
