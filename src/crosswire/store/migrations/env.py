"""Alembic environment for crosswire's store.

crosswire runs migrations programmatically (``crosswire.store.migrate``): the connection to migrate is passed
in ``config.attributes["connection"]``. Developers may also run the alembic CLI against a database with
``alembic -x url=sqlite:///crosswire.db ...`` (``script_location`` pointing at this folder) to autogenerate
a new revision from ``crosswire/store/schema.py``.
"""

from __future__ import annotations

from alembic import context

from crosswire.store.engine import make_engine, normalize_url
from crosswire.store.schema import include_object, metadata

config = context.config


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=metadata,
        include_object=include_object,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite needs table rebuilds for ALTER
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("pass the database with: alembic -x url=sqlite:///crosswire.db upgrade head")
    engine = make_engine(normalize_url(url))
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()
