"""Alembic migrations: recorded revision, schema matching schema.py, cheap re-open, URL handling."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from crosswire.errors import StoreError
from crosswire.store import current_revision, head_revision, migrate, normalize_url, open_store
from crosswire.store import versioning as migrate_mod
from crosswire.store.schema import include_object, metadata


def test_open_records_the_head_revision(store_url):
    assert head_revision() == "0005"
    s = open_store(store_url)
    s.close()
    assert current_revision(store_url) == head_revision()
    with sa.create_engine(normalize_url(store_url)).connect() as conn:
        assert conn.scalar(sa.text("SELECT version_num FROM alembic_version")) == "0005"


def test_migrate_then_status(store_url):
    assert migrate(store_url) == head_revision()
    assert migrate(store_url) == head_revision()  # idempotent
    assert current_revision(store_url) == head_revision()


def test_migrated_schema_matches_schema_py(store_url):
    migrate(store_url)
    engine = sa.create_engine(normalize_url(store_url))
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_object": include_object, "compare_type": True})
        diff = compare_metadata(ctx, metadata)
    engine.dispose()
    assert diff == [], "schema.py and migrations/versions disagree: add a migration for the change"


def test_reopen_does_not_migrate_again(store_url, monkeypatch):
    open_store(store_url).close()

    def boom(*a, **k):
        raise AssertionError("an up-to-date store was migrated again")

    monkeypatch.setattr(migrate_mod.command, "upgrade", boom)
    open_store(store_url).close()


def test_create_false_needs_a_migrated_store(store_url, tmp_path):
    with pytest.raises(StoreError, match="db migrate"):
        open_store(store_url, create=False)
    open_store(store_url).close()
    open_store(store_url, create=False).close()
    with pytest.raises(StoreError, match="no store at"):
        open_store(str(tmp_path / "absent.db"), create=False)


def test_status_of_missing_file_does_not_create_it(tmp_path):
    p = tmp_path / "none.db"
    assert current_revision(str(p)) is None
    assert not p.exists()


def test_plain_path_and_urls(tmp_path, monkeypatch):
    assert normalize_url("/data/x.db") == "sqlite:////data/x.db"
    assert normalize_url("x.db") == "sqlite:///x.db"
    assert normalize_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_url(":memory:") == "sqlite://"
    monkeypatch.chdir(tmp_path)
    s = open_store("relative.db")
    s.close()
    assert Path(tmp_path / "relative.db").exists()


def test_memory_store_is_shared_between_threads():
    import threading

    from crosswire.models import Article

    s = open_store(":memory:")
    t = threading.Thread(
        target=s.add_articles, args=([Article(id="x", source="s", external_id="e", text="t")],)
    )
    t.start()
    t.join()
    assert s.has_article("x")
    s.close()


def test_helpful_errors():
    with pytest.raises(StoreError, match="folder"):
        open_store("/nonexistent-dir/sub/x.db")
    with pytest.raises(StoreError, match="unsupported database"):
        open_store("mysql://u@h/db")
    with pytest.raises(StoreError, match="empty store URL"):
        open_store("")
    with pytest.raises(StoreError, match="reachable|running"):
        open_store("postgresql://nobody@127.0.0.1:1/none")


def test_store_from_newer_crosswire_is_refused(sqlite_url):
    open_store(sqlite_url).close()
    engine = sa.create_engine(sqlite_url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(StoreError, match="newer crosswire"):
        open_store(sqlite_url)


def test_store_at_0003_is_upgraded_in_place_with_story_indexes(store_url):
    """0004 adds ``event_entities`` and ``track_articles`` and fills them from the events and tracks stored."""
    from alembic import command
    from store_factories import make_article

    from crosswire.models import Event, Track, TrackPoint
    from crosswire.store import rows
    from crosswire.store.engine import make_engine
    from crosswire.store.schema import event_articles, events, tracks
    from crosswire.store.sql import SqlStore
    from crosswire.store.versioning import alembic_config

    engine = make_engine(normalize_url(store_url))
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0003")
    engine.dispose()
    assert current_revision(store_url) == "0003"
    old = SqlStore(make_engine(normalize_url(store_url)), normalize_url(store_url))
    old.add_articles([make_article(i) for i in (1, 2, 3)])
    evs = [
        Event(id="ev1", label="call", date="2026-02-04", articles=["a001"], entities=["e-china", "e-us"]),
        Event(id="ev2", label="deal", date="2026-02-05", articles=["a002"], entities=["e-china"]),
        Event(id="ev3", label="quake", date="2026-02-06", articles=["a003"], entities=["e-iran"]),
    ]
    track = Track(about="China soybean purchases", unit="t",
                  points=[TrackPoint(date="2026-02-04", value=12e6, claims=["a001:c0"]),
                          TrackPoint(date="2026-02-05", value=25e6, claims=["a002:c1", "a002:c2"])], id="t1")
    with old.engine.begin() as conn:  # as the 0003 code wrote them
        conn.execute(sa.insert(events), [rows.event_row(e) for e in evs])
        conn.execute(sa.insert(event_articles),
                     [{"article": e.articles[0], "event": e.id, "ord": 0} for e in evs])
        conn.execute(sa.insert(tracks), [rows.track_row(track)])
        assert "event_entities" not in sa.inspect(conn).get_table_names()
    old.close()

    s = open_store(store_url)  # upgraded on open
    try:
        assert current_revision(store_url) == head_revision()
        assert [e.id for e in s.find_events(entities=["e-china"])] == ["ev1", "ev2"]
        assert [e.id for e in s.find_events(entities=["e-iran", "e-us"])] == ["ev1", "ev3"]
        assert s.list_tracks(articles=["a002"]) == [track]
        assert s.list_tracks(articles=["a003"]) == []
        s.replace_tracks_of(["a001"], [])
        assert s.list_tracks() == []
    finally:
        s.close()


def test_0005_adds_the_figure_indexes_and_downgrades(store_url):
    """0005 indexes quantities by unit and claims by quantity (the track rebuild's story queries)."""
    from alembic import command

    from crosswire.store.engine import make_engine
    from crosswire.store.versioning import alembic_config

    def indexes() -> set[str]:
        with sa.create_engine(normalize_url(store_url)).connect() as conn:
            insp = sa.inspect(conn)
            return {ix["name"] for t in ("quantities", "claims") for ix in insp.get_indexes(t)}

    engine = make_engine(normalize_url(store_url))
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0004")
    engine.dispose()
    assert not {"ix_quantities_unit", "ix_claims_quantity"} & indexes()
    open_store(store_url).close()  # upgraded on open
    assert current_revision(store_url) == "0005"
    assert {"ix_quantities_unit", "ix_claims_quantity"} <= indexes()
    engine = make_engine(normalize_url(store_url))
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0004")
    engine.dispose()
    assert not {"ix_quantities_unit", "ix_claims_quantity"} & indexes()
