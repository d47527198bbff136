"""The store: SQLite (default) or PostgreSQL behind one API (``crosswire.store.base.Store``).

    store = open_store("crosswire.db")                       # a path: SQLite
    store = open_store("postgresql://user@host/crosswire")    # PostgreSQL (psycopg 3)

Opening migrates the schema to the newest revision (cheap when it is current). ``migrate`` and
``current_revision`` back the ``crosswire db migrate`` / ``crosswire db status`` commands.
"""

from __future__ import annotations

import sqlalchemy as sa

from ..errors import StoreError
from .base import Store
from .engine import make_engine, normalize_url, sqlite_path
from .sql import SqlStore
from .versioning import current_revision, head_revision, migrate, upgrade_engine

__all__ = [
    "SqlStore",
    "Store",
    "current_revision",
    "head_revision",
    "migrate",
    "normalize_url",
    "open_store",
]


def open_store(url_or_path: str, *, create: bool = True) -> SqlStore:
    """Open (and, with ``create``, create or upgrade) the store at ``url_or_path``.

    ``url_or_path`` is a SQLAlchemy URL (``sqlite:///file.db``, ``postgresql://...``), a plain file path
    (SQLite) or ``:memory:``. With ``create=False`` the store must already exist at the newest schema
    revision; nothing is created or migrated (for read-only users such as a web server).
    Raises StoreError with a hint when the database cannot be reached, created or migrated.
    """
    url = normalize_url(url_or_path)
    engine = make_engine(url)
    try:
        if engine.dialect.name == "sqlite":
            path = sqlite_path(engine.url)
            if path is not None and not path.exists():
                if not create:
                    raise StoreError(
                        f"no store at {path}",
                        hint="check the path, or run `crosswire db migrate` to create it",
                    )
                if not path.parent.is_dir():
                    raise StoreError(
                        f"cannot create the store {path}: folder {path.parent} does not exist",
                        hint="create the folder first or pick another --db path",
                    )
        if create:
            upgrade_engine(engine)
        else:
            _check_current(engine)
    except BaseException:
        engine.dispose()
        raise
    return SqlStore(engine, url)


def _check_current(engine: sa.Engine) -> None:
    from alembic.migration import MigrationContext

    try:
        with engine.connect() as conn:
            rev = MigrationContext.configure(conn).get_current_revision()
    except sa.exc.SQLAlchemyError as exc:
        raise StoreError(
            f"cannot open the store {engine.url.render_as_string(hide_password=True)}: {exc}",
            hint="check the URL and that the database server is running",
        ) from exc
    if rev != head_revision():
        raise StoreError(
            f"the store is at schema revision {rev or 'none'}, this crosswire needs {head_revision()}",
            hint="run `crosswire db migrate --db URL` to upgrade it",
        )
