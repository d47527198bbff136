"""One transaction per write: idempotent re-ingest, a crash mid-batch loses only that batch, threads."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from store_factories import make_article

from crosswire.errors import StoreError
from crosswire.models import Article
from crosswire.store import open_store


class Crash(Exception):
    pass


def _crashing(articles: list[Article], after: int) -> Iterator[Article]:
    for i, a in enumerate(articles):
        if i == after:
            raise Crash("power cut")
        yield a


def test_reingest_is_idempotent(store):
    batch = [make_article(i) for i in range(5)]
    assert store.add_articles(batch) == [a.id for a in batch]
    assert store.add_articles(batch) == []
    # duplicates inside one batch and a mix of old and new ids
    more = [make_article(3), make_article(7), make_article(7), make_article(8)]
    assert store.add_articles(more) == ["a007", "a008"]
    assert store.count_articles() == 7


def test_crash_mid_batch_rolls_back_that_batch_only(store):
    batch1 = [make_article(i) for i in range(3)]
    batch2 = [make_article(i) for i in range(3, 1200)]  # spans several insert chunks
    store.add_articles(batch1)
    with pytest.raises(Crash):
        store.add_articles(_crashing(batch2, after=1100))
    assert store.count_articles() == 3
    assert [a.id for a in store.iter_articles()] == [a.id for a in batch1]
    assert store.get_article("a001") == batch1[1]
    assert store.search("soybeans", limit=100)  # FTS still in sync with the table
    assert len(store.search("soybeans", limit=10_000)) == 3
    # re-running completes without duplicates
    assert store.add_articles(batch1 + batch2) == [a.id for a in batch2]
    assert store.count_articles() == 1200
    assert len({a.id for a in store.iter_articles(batch=250)}) == 1200


def test_refused_row_rolls_back_the_batch(store):
    store.add_articles([make_article(0)])
    bad = make_article(2, text=None)  # text is required
    with pytest.raises(StoreError):
        store.add_articles([make_article(1), bad, make_article(3)])
    assert [a.id for a in store.iter_articles()] == ["a000"]


def test_failed_fact_write_keeps_previous_facts(store):
    from crosswire.models import ArticleFacts, Quote

    store.add_articles([make_article(1)])
    good = ArticleFacts(article="a001", quotes=[Quote(id="a001:q1", article="a001", text="hi", span=(0, 2))])
    store.save_facts([good])
    ghost = ArticleFacts(article="ghost")
    with pytest.raises(StoreError):
        store.save_facts([ArticleFacts(article="a001"), ghost])
    assert store.get_facts("a001") == good


def test_readers_see_committed_state_while_a_batch_is_written(store_url):
    writer, reader = open_store(store_url), open_store(store_url)
    writer.add_articles([make_article(0)])
    seen: list[int] = []

    def batch() -> Iterator[Article]:
        yield make_article(1)
        yield make_article(2)
        seen.append(reader.count_articles())  # another connection, while the write transaction is open
        seen.append(len(reader.search("soybeans")))
        yield make_article(3)

    writer.add_articles(batch())
    assert seen == [1, 1]
    assert reader.count_articles() == 4
    writer.close()
    reader.close()


def test_sqlite_runs_in_wal_mode_with_busy_timeout(sqlite_url):
    s = open_store(sqlite_url)
    with s.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    s.close()


def test_many_threads_share_one_store(store):
    errors: list[BaseException] = []

    def write(k: int) -> None:
        try:
            for j in range(5):
                # overlapping ids between threads: each id must end up stored exactly once
                store.add_articles([make_article(n) for n in range(k * 20 + j * 10, k * 20 + j * 10 + 15)])
                store.search("soybeans tariffs", limit=5)
                store.list_articles(outlet="Outlet A", limit=10)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    ids = [a.id for a in store.iter_articles()]
    assert len(ids) == len(set(ids)) == 115  # 0..114
    with store.engine.connect() as conn:
        assert conn.scalar(sa.text("SELECT count(*) FROM articles")) == 115
