"""``SqlStore``: the one SQLAlchemy implementation of :class:`crosswire.store.base.Store`.

Serves SQLite and PostgreSQL alike; the only dialect-specific code is full-text search (``fts.py``),
the engine setup (``engine.py``) and the upserts below (both dialects speak ``ON CONFLICT``).

Every write method runs in one transaction: it commits completely or not at all. Reads open a pooled
connection per call, so one store object can serve many threads (the web server).
Lists come back in a stable order: articles and events chronologically (undated last, then in
insertion order), entities by name, facts, checks and tracks in the order they were saved.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.engine import Connection, Engine

from ..errors import NotFound, StoreError
from ..models import Article, ArticleFacts, Check, Claim, Entity, Event, EventRef, Quantity, Quote, Track
from . import fts, rows
from .base import ArticleInfo
from .engine import WRITE_OPTION
from .schema import (
    FACT_TABLES,
    articles,
    checks,
    claims,
    entities,
    entity_aliases,
    entity_labels,
    event_articles,
    event_entities,
    event_refs,
    event_states,
    events,
    fact_sets,
    mentions,
    quantities,
    quotes,
    signatures,
    track_articles,
    tracks,
)

#: rows per statement / IN-list when writing or reading in bulk
CHUNK = 500

_FILTERS = ("outlet", "since", "until", "entity", "event")

#: the article columns of an ``ArticleInfo`` (everything but the text and its hash)
_INFO_COLUMNS = [c for c in articles.c if c.name not in ("seq", "text", "content_hash", "published_day")]


def _chunks(seq: Sequence[Any], n: int = CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(seq), n):
        yield seq[i : i + n]


class SqlStore:
    """A crosswire store in a SQLite file or a PostgreSQL database. Build it with ``open_store``."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self.dialect = engine.dialect.name
        # the connection of the snapshot() block running in this thread / task, if any
        self._snap: ContextVar[Connection | None] = ContextVar(f"crosswire_snapshot_{id(self)}", default=None)

    def __repr__(self) -> str:
        return f"SqlStore({self.engine.url.render_as_string(hide_password=True)!r})"

    def __enter__(self) -> SqlStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close every pooled connection. The object must not be used afterwards."""
        self.engine.dispose()

    # --- plumbing ----------------------------------------------------------------------------------

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        shared = self._snap.get()
        if shared is not None:
            with self._errors():
                yield shared
            return
        with self._errors(), self.engine.connect() as conn:
            yield conn

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Run the reads of the block on one connection inside one read transaction, so that they all see
        the same state even while another process writes (SQLite WAL snapshot; PostgreSQL REPEATABLE READ),
        and pay for one connection checkout and one BEGIN instead of one per call. Nested blocks join the
        outer one; the variable holding the connection is a ContextVar, so threads and tasks do not share it.
        Writes inside the block use their own connection and are not seen by its reads."""
        if self._snap.get() is not None:
            yield
            return
        with self._errors(), self.engine.connect() as conn:
            if self.dialect == "postgresql":
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                token = self._snap.set(conn)
                try:
                    yield
                finally:
                    self._snap.reset(token)

    def _among(self, column: sa.ColumnElement[Any], values: Iterable[str]) -> sa.ColumnElement[bool]:
        """``column IN values`` as ONE bound parameter, whatever the number of values: a PostgreSQL array
        (``= ANY``), a JSON array unpacked by ``json_each`` on SQLite. The statement (and its cached plan)
        is the same for 3 or 30,000 values, and no list is split into several queries."""
        vals = list(dict.fromkeys(values))
        if self.dialect == "postgresql":
            return column == sa.any_(sa.bindparam(None, vals, type_=pg_dialect.ARRAY(sa.Text)))
        each = sa.func.json_each(sa.bindparam(None, json.dumps(vals), type_=sa.Text)).table_valued("value")
        return column.in_(sa.select(each.c.value))

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One transaction: committed when the block ends, rolled back (entirely) on any exception."""
        with self._errors(), self.engine.connect().execution_options(**{WRITE_OPTION: True}) as conn:
            with conn.begin():
                yield conn

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except sa.exc.IntegrityError as exc:
            raise StoreError(
                f"the store refused a write: {exc.orig}",
                hint="facts, events and memberships must refer to stored articles (add_articles first)",
            ) from exc
        except sa.exc.OperationalError as exc:
            raise StoreError(
                f"database error on {self!r}: {exc.orig}",
                hint="check that the database is reachable, writable and not locked by a crashed process",
            ) from exc
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(f"database error on {self!r}: {exc}") from exc

    def _insert(self, table: sa.Table) -> Any:
        return (pg_dialect if self.dialect == "postgresql" else sqlite_dialect).insert(table)

    def _upsert(self, conn: Connection, table: sa.Table, values: list[dict[str, Any]], key: str) -> None:
        if not values:
            return
        stmt = self._insert(table)
        cols = [c for c in values[0] if c != key]
        stmt = stmt.on_conflict_do_update(index_elements=[key], set_={c: stmt.excluded[c] for c in cols})
        for part in _chunks(values):
            conn.execute(stmt, list(part))

    def _missing_articles(self, conn: Connection, ids: Iterable[str]) -> list[str]:
        wanted = list(dict.fromkeys(ids))
        found: set[str] = set()
        for part in _chunks(wanted):
            found.update(conn.scalars(sa.select(articles.c.id).where(articles.c.id.in_(part))))
        return [i for i in wanted if i not in found]

    def _require_articles(self, conn: Connection, ids: Iterable[str], what: str) -> None:
        missing = self._missing_articles(conn, ids)
        if missing:
            shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
            raise StoreError(
                f"{what} refer to articles that are not stored: {shown}",
                hint="store the articles with add_articles before their facts or events",
            )

    # --- articles ----------------------------------------------------------------------------------

    def add_articles(self, articles_in: Iterable[Article]) -> list[str]:
        """Insert the articles whose id is not stored yet, all in one transaction; return the ids inserted.

        The iterable is consumed inside the transaction: if it raises (or a row is refused), nothing of
        this call is kept and re-running it later inserts the whole batch.
        """
        inserted: list[str] = []
        seen: set[str] = set()
        with self._write() as conn:
            pending: list[Article] = []
            for a in articles_in:
                pending.append(a)
                if len(pending) >= CHUNK:
                    inserted += self._insert_articles(conn, pending, seen)
                    pending = []
            if pending:
                inserted += self._insert_articles(conn, pending, seen)
        return inserted

    def _insert_articles(self, conn: Connection, batch: list[Article], seen: set[str]) -> list[str]:
        fresh: dict[str, Article] = {}
        for a in batch:
            if a.id not in seen and a.id not in fresh:
                fresh[a.id] = a
        seen.update(fresh)
        if not fresh:
            return []
        stored = set(conn.scalars(sa.select(articles.c.id).where(articles.c.id.in_(list(fresh)))))
        new = [a for i, a in fresh.items() if i not in stored]
        if new:
            stmt = self._insert(articles).on_conflict_do_nothing(index_elements=["id"])
            conn.execute(stmt, [rows.article_row(a) for a in new])
        return [a.id for a in new]

    def get_article(self, article_id: str) -> Article:
        with self._read() as conn:
            row = conn.execute(sa.select(articles).where(articles.c.id == article_id)).mappings().first()
        if row is None:
            raise NotFound(f"no article {article_id!r} in the store", hint="`crosswire articles` lists them")
        return rows.article_from(row)

    def has_article(self, article_id: str) -> bool:
        with self._read() as conn:
            return conn.scalar(sa.select(articles.c.seq).where(articles.c.id == article_id)) is not None

    def find_by_content_hash(self, content_hash: str) -> str | None:
        with self._read() as conn:
            return conn.scalar(
                sa.select(articles.c.id)
                .where(articles.c.content_hash == content_hash)
                .order_by(articles.c.seq)
                .limit(1)
            )

    def _article_where(
        self,
        *,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        entity: str | None = None,
        event: str | None = None,
    ) -> list[sa.ColumnElement[bool]]:
        where: list[sa.ColumnElement[bool]] = []
        if outlet is not None:
            where.append(articles.c.outlet == outlet)
        if since is not None:
            where.append(articles.c.published_day >= rows.bound_day(since, end=False))
        if until is not None:
            where.append(articles.c.published_day <= rows.bound_day(until, end=True))
        if entity is not None:
            where.append(articles.c.id.in_(sa.select(mentions.c.article).where(mentions.c.entity == entity)))
        if event is not None:
            where.append(
                articles.c.id.in_(sa.select(event_articles.c.article).where(event_articles.c.event == event))
            )
        return where

    def list_articles(
        self,
        *,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        entity: str | None = None,
        event: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Article]:
        """Articles matching every given filter, chronologically (undated last).

        ``since``/``until`` are ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` and include whole periods;
        ``entity`` keeps articles that mention that entity id, ``event`` the articles of that event.
        """
        where = self._article_where(outlet=outlet, since=since, until=until, entity=entity, event=event)
        stmt = (
            sa.select(articles)
            .where(*where)
            .order_by(articles.c.published_day.asc().nulls_last(), articles.c.seq)
            .offset(max(offset, 0))
        )
        if limit is not None:
            stmt = stmt.limit(max(limit, 0))
        with self._read() as conn:
            return [rows.article_from(r) for r in conn.execute(stmt).mappings()]

    def count_articles(self, **filters: Any) -> int:
        """How many articles ``list_articles`` would return with these filters and no limit."""
        unknown = set(filters) - set(_FILTERS)
        if unknown:
            raise StoreError(
                f"unknown article filter(s): {', '.join(sorted(unknown))}",
                hint=f"use {', '.join(_FILTERS)}",
            )
        stmt = sa.select(sa.func.count()).select_from(articles).where(*self._article_where(**filters))
        with self._read() as conn:
            return int(conn.scalar(stmt) or 0)

    def list_article_infos(
        self,
        *,
        ids: Iterable[str] | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        entity: str | None = None,
        event: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[ArticleInfo]:
        """``list_articles`` without the texts, each with its event (one query, whatever the filters);
        ``ids`` keeps only those articles."""
        where = self._article_where(outlet=outlet, since=since, until=until, entity=entity, event=event)
        if ids is not None:
            where.append(self._among(articles.c.id, ids))
        order = (articles.c.published_day.asc().nulls_last(), articles.c.seq)
        if limit is not None or offset > 0:
            # page the keys first, then read the rows of that page only (the sort never carries whole rows)
            keys = sa.select(articles.c.seq).where(*where).order_by(*order).offset(max(offset, 0))
            if limit is not None:
                keys = keys.limit(max(limit, 0))
            where = [articles.c.seq.in_(keys)]
        stmt = (
            sa.select(*_INFO_COLUMNS, event_articles.c.event)
            .select_from(articles.outerjoin(event_articles, event_articles.c.article == articles.c.id))
            .where(*where)
            .order_by(*order)
        )
        with self._read() as conn:
            return [ArticleInfo(**r) for r in conn.execute(stmt).mappings()]

    def iter_articles(self, batch: int = 500, *, event: str | None = None) -> Iterator[Article]:
        """Every article (or every article of ``event``) in insertion order, ``batch`` rows per query."""
        last = 0
        where = self._article_where(event=event)
        while True:
            stmt = (
                sa.select(articles)
                .where(articles.c.seq > last, *where)
                .order_by(articles.c.seq)
                .limit(max(batch, 1))
            )
            with self._read() as conn:
                page = list(conn.execute(stmt).mappings())
            if not page:
                return
            for r in page:
                yield rows.article_from(r)
            last = page[-1]["seq"]

    def set_duplicate_of(self, article_id: str, original_id: str | None) -> None:
        with self._write() as conn:
            res = conn.execute(
                sa.update(articles).where(articles.c.id == article_id).values(duplicate_of=original_id)
            )
            if res.rowcount == 0:
                raise NotFound(f"no article {article_id!r} to mark as a duplicate", hint="add_articles first")

    # --- dedup signatures ----------------------------------------------------------------------------

    def save_signatures(self, sigs: dict[str, bytes]) -> None:
        with self._write() as conn:
            self._upsert(
                conn, signatures, [{"article": k, "sig": bytes(v)} for k, v in sigs.items()], "article"
            )

    def iter_signatures(self) -> Iterator[tuple[str, bytes]]:
        last = ""
        while True:
            stmt = (
                sa.select(signatures.c.article, signatures.c.sig)
                .where(signatures.c.article > last)
                .order_by(signatures.c.article)
                .limit(CHUNK * 4)
            )
            with self._read() as conn:
                page = [(a, bytes(s)) for a, s in conn.execute(stmt)]
            if not page:
                return
            yield from page
            last = page[-1][0]

    # --- facts -------------------------------------------------------------------------------------

    def save_facts(self, facts: Iterable[ArticleFacts]) -> None:
        """Replace the mentions, quotes, quantities, dates, claims, event references and sentences of these
        articles.

        A claim's ``event`` is set from the article's event membership when it has one. An event reference's
        ``event`` is its link as given (``link_event_refs`` sets it later).
        """
        batch = list(facts)
        if not batch:
            return
        for fa in batch:
            for kind in FACT_TABLES:
                for rec in getattr(fa, kind):
                    if rec.article != fa.article:
                        raise StoreError(
                            f"{kind[:-1]} {rec.id!r} belongs to article {rec.article!r}, "
                            f"not to {fa.article!r} whose facts are being saved",
                            hint="put each fact in the ArticleFacts of its own article",
                        )
        ids = list(dict.fromkeys(fa.article for fa in batch))
        with self._write() as conn:
            self._require_articles(conn, ids, "facts")
            membership: dict[str, str] = {}
            for part in _chunks(ids):
                membership.update(
                    conn.execute(
                        sa.select(event_articles.c.article, event_articles.c.event).where(
                            event_articles.c.article.in_(part)
                        )
                    ).all()
                )
            for part in _chunks(ids):
                for table in (*FACT_TABLES.values(), fact_sets):
                    conn.execute(sa.delete(table).where(table.c.article.in_(part)))
            latest = {fa.article: fa for fa in batch}  # the last facts given for an article win
            out: dict[str, list[dict[str, Any]]] = {k: [] for k in FACT_TABLES}
            sets = []
            for fa in latest.values():
                sets.append({"article": fa.article, "sentences": [list(s) for s in fa.sentences]})
                for kind, (to_row, _) in rows.FACT_CODECS.items():
                    for i, rec in enumerate(getattr(fa, kind)):
                        row = to_row(rec, i)
                        if kind == "claims" and fa.article in membership:
                            row["event"] = membership[fa.article]
                        out[kind].append(row)
            conn.execute(sa.insert(fact_sets), sets)
            for kind, values in out.items():
                for part in _chunks(values):
                    conn.execute(sa.insert(FACT_TABLES[kind]), list(part))

    def get_facts(self, article_id: str) -> ArticleFacts:
        """The stored facts of one article (empty lists when none were saved); NotFound for no article."""
        with self._read() as conn:
            if conn.scalar(sa.select(articles.c.seq).where(articles.c.id == article_id)) is None:
                raise NotFound(f"no article {article_id!r} in the store")
            out = ArticleFacts(article=article_id)
            sentences = conn.scalar(sa.select(fact_sets.c.sentences).where(fact_sets.c.article == article_id))
            out.sentences = [(s, e) for s, e in (sentences or [])]
            for kind, table in FACT_TABLES.items():
                from_row = rows.FACT_CODECS[kind][1]
                stmt = sa.select(table).where(table.c.article == article_id).order_by(table.c.ord)
                setattr(out, kind, [from_row(r) for r in conn.execute(stmt).mappings()])
        return out

    def has_facts(self, article_id: str) -> bool:
        with self._read() as conn:
            return (
                conn.scalar(sa.select(fact_sets.c.article).where(fact_sets.c.article == article_id))
                is not None
            )

    def _in_event(self, table: sa.Table, event: str) -> sa.ColumnElement[bool]:
        return table.c.article.in_(sa.select(event_articles.c.article).where(event_articles.c.event == event))

    def iter_facts(self, kind: str, *, event: str | None = None, batch: int = 1000) -> Iterator[Any]:
        """Stream every stored fact of one kind (``mentions``, ``quotes``, ``quantities``, ``dates``,
        ``claims``, ``event_refs``) in the order saved, optionally only those of ``event``'s articles."""
        if kind not in FACT_TABLES:
            raise StoreError(f"unknown fact kind {kind!r}", hint=f"use one of {', '.join(FACT_TABLES)}")
        table, from_row = FACT_TABLES[kind], rows.FACT_CODECS[kind][1]
        where = [self._in_event(table, event)] if event is not None else []
        last = 0
        while True:
            stmt = (
                sa.select(table).where(table.c.seq > last, *where).order_by(table.c.seq).limit(max(batch, 1))
            )
            with self._read() as conn:
                page = list(conn.execute(stmt).mappings())
            if not page:
                return
            for r in page:
                yield from_row(r)
            last = page[-1]["seq"]

    def list_quotes(
        self,
        *,
        article: str | None = None,
        speaker_entity: str | None = None,
        event: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Quote]:
        where = []
        if speaker_entity is not None:
            where.append(quotes.c.speaker_entity == speaker_entity)
        return self._list_facts(quotes, rows.quote_from, where, article, event, limit, offset)

    def list_claims(
        self,
        *,
        article: str | None = None,
        event: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Claim]:
        return self._list_facts(claims, rows.claim_from, [], article, event, limit, offset)

    def get_claims(self, ids: Iterable[str]) -> list[Claim]:
        """The claims with these ids in the order saved, in one query (unknown ids are left out)."""
        wanted = list(ids)
        if not wanted:
            return []
        stmt = sa.select(claims).where(self._among(claims.c.id, wanted)).order_by(claims.c.seq)
        with self._read() as conn:
            return [rows.claim_from(r) for r in conn.execute(stmt).mappings()]

    def get_quantities(self, ids: Iterable[str]) -> list[Quantity]:
        """The quantities with these ids in the order saved, in one query (unknown ids are left out)."""
        wanted = list(ids)
        if not wanted:
            return []
        stmt = sa.select(quantities).where(self._among(quantities.c.id, wanted)).order_by(quantities.c.seq)
        with self._read() as conn:
            return [rows.quantity_from(r) for r in conn.execute(stmt).mappings()]

    def list_figure_actors(self, units: Iterable[str]) -> list[tuple[str, str | None]]:
        """The distinct ``(unit, actor)`` of the claims whose quantity is in one of these units (actor None for
        claims without one), sorted; one query through the claims' quantity, no claim row is loaded."""
        unit_list = list(dict.fromkeys(units))
        if not unit_list:
            return []
        stmt = (
            sa.select(quantities.c.unit, claims.c.actor)
            .select_from(claims.join(quantities, quantities.c.id == claims.c.quantity))
            .where(self._among(quantities.c.unit, unit_list))
            .distinct()
        )
        with self._read() as conn:
            found = [(u, a) for u, a in conn.execute(stmt)]
        return sorted(found, key=lambda ua: (ua[0], ua[1] is not None, ua[1] or ""))

    def list_figure_claims(
        self, *, units: Iterable[str], actors: Iterable[str | None] | None = None
    ) -> list[tuple[Claim, Quantity]]:
        """``(claim, its quantity)`` of the claims whose quantity is in one of these units, in the order saved;
        with ``actors``: only the claims of these actors (None: the claims without an actor)."""
        unit_list = list(dict.fromkeys(units))
        if not unit_list:
            return []
        where: list[sa.ColumnElement[bool]] = [self._among(quantities.c.unit, unit_list)]
        if actors is not None:
            actor_list = list(dict.fromkeys(actors))
            named = [a for a in actor_list if a is not None]
            conds = [self._among(claims.c.actor, named)] if named else []
            if None in actor_list:
                conds.append(claims.c.actor.is_(None))
            if not conds:
                return []
            where.append(sa.or_(*conds))
        q_cols = [c.label(f"q_{c.name}") for c in quantities.c]
        stmt = (
            sa.select(claims, *q_cols)
            .select_from(claims.join(quantities, quantities.c.id == claims.c.quantity))
            .where(*where)
            .order_by(claims.c.seq)
        )
        out: list[tuple[Claim, Quantity]] = []
        with self._read() as conn:
            for r in conn.execute(stmt).mappings():
                qrow = {c.name: r[f"q_{c.name}"] for c in quantities.c}
                out.append((rows.claim_from(r), rows.quantity_from(qrow)))
        return out

    def _list_facts(
        self,
        table: sa.Table,
        from_row: Any,
        where: list[Any],
        article: str | None,
        event: str | None,
        limit: int | None,
        offset: int,
    ) -> list[Any]:
        """Rows of one fact table in the order saved, filtered by article / event (+ ``where``), paged."""
        if article is not None:
            where = [*where, table.c.article == article]
        if event is not None:
            where = [*where, self._in_event(table, event)]
        if limit is not None or offset > 0:
            # page the keys first (from the article index alone), then read the rows of that page only
            keys = sa.select(table.c.seq).where(*where).order_by(table.c.seq).offset(max(offset, 0))
            if limit is not None:
                keys = keys.limit(max(limit, 0))
            where = [table.c.seq.in_(keys)]
        stmt = sa.select(table).where(*where).order_by(table.c.seq)
        with self._read() as conn:
            return [from_row(r) for r in conn.execute(stmt).mappings()]

    # --- entities ----------------------------------------------------------------------------------

    def save_entities(self, entities_in: Iterable[Entity]) -> None:
        """Upsert canonical entities; their aliases and labels are replaced by the ones given."""
        latest = {e.id: e for e in entities_in}
        if not latest:
            return
        ids = list(latest)
        with self._write() as conn:
            self._upsert(
                conn, entities, [{"id": e.id, "name": e.name, "type": e.type} for e in latest.values()], "id"
            )
            for part in _chunks(ids):
                conn.execute(sa.delete(entity_aliases).where(entity_aliases.c.entity.in_(part)))
                conn.execute(sa.delete(entity_labels).where(entity_labels.c.entity.in_(part)))
            aliases = [
                {"entity": e.id, "ord": i, "alias": a}
                for e in latest.values()
                for i, a in enumerate(e.aliases)
            ]
            labels = [rows.label_row(e.id, lab, i) for e in latest.values() for i, lab in enumerate(e.labels)]
            for table, values in ((entity_aliases, aliases), (entity_labels, labels)):
                for part in _chunks(values):
                    conn.execute(sa.insert(table), list(part))

    def _load_entities(self, conn: Connection, base_rows: list[Any], *, labels: bool = True) -> list[Entity]:
        out = {r["id"]: Entity(id=r["id"], name=r["name"], type=r["type"]) for r in base_rows}
        if not out:
            return []
        for r in conn.execute(
            sa.select(entity_aliases)
            .where(self._among(entity_aliases.c.entity, out))
            .order_by(entity_aliases.c.entity, entity_aliases.c.ord)
        ).mappings():
            out[r["entity"]].aliases.append(r["alias"])
        if labels:
            for r in conn.execute(
                sa.select(entity_labels)
                .where(self._among(entity_labels.c.entity, out))
                .order_by(entity_labels.c.entity, entity_labels.c.ord)
            ).mappings():
                out[r["entity"]].labels.append(rows.label_from(r))
        return list(out.values())

    def get_entities(self, ids: Iterable[str], *, labels: bool = True) -> list[Entity]:
        """The entities with these ids by name (unknown ids are left out): two or three queries in all;
        ``labels=False`` leaves ``Entity.labels`` empty."""
        wanted = list(ids)
        if not wanted:
            return []
        stmt = sa.select(entities).where(self._among(entities.c.id, wanted)).order_by(entities.c.name, entities.c.id)
        with self._read() as conn:
            return self._load_entities(conn, list(conn.execute(stmt).mappings()), labels=labels)

    def count_entity_labels(
        self, entity_ids: Iterable[str], *, event: str | None = None
    ) -> list[tuple[str, str | None, str, int]]:
        """``(entity, outlet, label, count)`` counted by the database, in the order each first occurs.

        With ``event``, only the labels found in that event's articles, under the article's outlet; without,
        every label of the entities, under the outlet stored with it."""
        wanted = list(entity_ids)
        if not wanted:
            return []
        lab = entity_labels
        if event is None:
            outlet = lab.c.outlet
            source: Any = lab
            where = [self._among(lab.c.entity, wanted)]
        else:
            outlet = articles.c.outlet
            source = lab.join(event_articles, event_articles.c.article == lab.c.article).join(
                articles, articles.c.id == lab.c.article
            )
            where = [self._among(lab.c.entity, wanted), event_articles.c.event == event]
        first = sa.func.min(lab.c.ord)
        stmt = (
            sa.select(lab.c.entity, outlet.label("outlet"), lab.c.label, sa.func.count().label("n"))
            .select_from(source)
            .where(*where)
            .group_by(lab.c.entity, outlet, lab.c.label)
            .order_by(lab.c.entity, first, outlet, lab.c.label)
        )
        with self._read() as conn:
            return [(e, o, la, int(n)) for e, o, la, n in conn.execute(stmt)]

    def list_entities(
        self,
        *,
        type: str | None = None,
        q: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Entity]:
        """Entities by name; ``q`` matches a part of the name or of an alias, case-insensitively."""
        where = []
        if type is not None:
            where.append(entities.c.type == type)
        if q:
            pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            where.append(
                sa.or_(
                    entities.c.name.ilike(pattern, escape="\\"),
                    entities.c.id.in_(
                        sa.select(entity_aliases.c.entity).where(
                            entity_aliases.c.alias.ilike(pattern, escape="\\")
                        )
                    ),
                )
            )
        stmt = (
            sa.select(entities).where(*where).order_by(entities.c.name, entities.c.id).offset(max(offset, 0))
        )
        if limit is not None:
            stmt = stmt.limit(max(limit, 0))
        with self._read() as conn:
            return self._load_entities(conn, list(conn.execute(stmt).mappings()))

    def get_entity(self, entity_id: str) -> Entity:
        with self._read() as conn:
            found = self._load_entities(
                conn, list(conn.execute(sa.select(entities).where(entities.c.id == entity_id)).mappings())
            )
        if not found:
            raise NotFound(f"no entity {entity_id!r} in the store", hint="`crosswire entities` lists them")
        return found[0]

    # --- events ------------------------------------------------------------------------------------

    def save_events(self, events_in: Iterable[Event]) -> None:
        """Upsert events and their membership: an event's article list replaces its old one, and an
        article listed here leaves any other event. Claims' ``event`` follow their article."""
        latest = {e.id: e for e in events_in}
        if not latest:
            return
        ids = list(latest)
        members = [(e.id, a) for e in latest.values() for a in dict.fromkeys(e.articles)]
        owner: dict[str, str] = {}
        for ev, a in members:
            owner[a] = ev  # an article listed by two events here goes to the last one
        with self._write() as conn:
            self._require_articles(conn, owner, "events")
            self._upsert(conn, events, [rows.event_row(e) for e in latest.values()], "id")
            keyed = [{"event": e.id, "entity": k} for e in latest.values() for k in dict.fromkeys(e.entities)]
            for part in _chunks(ids):
                conn.execute(sa.delete(event_entities).where(event_entities.c.event.in_(part)))
            for part in _chunks(keyed):
                conn.execute(sa.insert(event_entities), list(part))
            old_members: set[str] = set()
            for part in _chunks(ids):
                old_members.update(
                    conn.scalars(sa.select(event_articles.c.article).where(event_articles.c.event.in_(part)))
                )
                conn.execute(sa.delete(event_articles).where(event_articles.c.event.in_(part)))
            for part in _chunks(list(owner)):
                conn.execute(sa.delete(event_articles).where(event_articles.c.article.in_(part)))
            values: list[dict[str, Any]] = []
            for ev, a in members:
                if owner[a] == ev:
                    values.append({"article": a, "event": ev, "ord": len(values)})
            for part in _chunks(values):
                conn.execute(sa.insert(event_articles), list(part))
            left = sorted(old_members - set(owner))
            for part in _chunks(left):
                conn.execute(sa.update(claims).where(claims.c.article.in_(part)).values(event=None))
            by_event: dict[str, list[str]] = {}
            for a, ev in owner.items():
                by_event.setdefault(ev, []).append(a)
            for ev, arts in by_event.items():
                for part in _chunks(arts):
                    conn.execute(sa.update(claims).where(claims.c.article.in_(part)).values(event=ev))

    def _load_events(self, conn: Connection, base_rows: list[Any]) -> list[Event]:
        members: dict[str, list[str]] = {r["id"]: [] for r in base_rows}
        for part in _chunks(list(members)):
            for a, ev in conn.execute(
                sa.select(event_articles.c.article, event_articles.c.event)
                .where(event_articles.c.event.in_(part))
                .order_by(event_articles.c.ord)
            ):
                members[ev].append(a)
        return [rows.event_from(r, members[r["id"]]) for r in base_rows]

    def list_events(
        self,
        *,
        limit: int | None = None,
        offset: int = 0,
        since: str | None = None,
        until: str | None = None,
        members: bool = True,
    ) -> list[Event]:
        """Events chronologically by their date (undated last), then in the order first saved.

        ``since``/``until`` (``YYYY[-MM[-DD]]``, whole periods) keep the dated events whose date's period
        overlaps that window: a day inside it, or a month or year containing one of its days.
        ``members=False`` does not read the article lists (``Event.articles`` stays empty; see ``event_sizes``).
        """
        where = []
        if since is not None or until is not None:
            where.append(self._event_window(since, until))
        stmt = (
            sa.select(events)
            .where(*where)
            .order_by(events.c.date.asc().nulls_last(), events.c.seq)
            .offset(max(offset, 0))
        )
        if limit is not None:
            stmt = stmt.limit(max(limit, 0))
        with self._read() as conn:
            base = list(conn.execute(stmt).mappings())
            if not members:
                return [rows.event_from(r, []) for r in base]
            return self._load_events(conn, base)

    def _event_window(self, since: str | None, until: str | None) -> sa.ColumnElement[bool]:
        """Events dated inside [since, until]: day dates compared as ISO text (indexed), month and year
        dates by the coarse periods the window touches (at most a few dozen values for a window of years)."""
        lo = rows.bound_day(since, end=False) if since else None
        hi = rows.bound_day(until, end=True) if until else None
        day = sa.func.length(events.c.date) == 10
        conds: list[sa.ColumnElement[bool]] = [events.c.date.is_not(None)]
        if lo is not None:
            conds.append(events.c.date >= lo.isoformat())
        if hi is not None:
            conds.append(events.c.date <= hi.isoformat())
        days = sa.and_(day, *conds)
        if lo is None or hi is None or (hi - lo).days > 3 * 366:
            # an open or very wide window: coarse dates compare by their first day (a little looser)
            coarse = [events.c.date.is_not(None), sa.func.length(events.c.date) < 10]
            if lo is not None:
                coarse.append(events.c.date >= lo.isoformat()[:4])
            if hi is not None:
                coarse.append(events.c.date <= hi.isoformat())
            return sa.or_(days, sa.and_(*coarse))
        periods: set[str] = set()
        y, m = lo.year, lo.month
        while (y, m) <= (hi.year, hi.month):
            periods.update((f"{y:04d}-{m:02d}", f"{y:04d}"))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return sa.or_(days, events.c.date.in_(sorted(periods)))

    def get_event(self, event_id: str, *, members: bool = True) -> Event:
        """One event; ``members=False`` does not read its article list (``Event.articles`` stays empty)."""
        with self._read() as conn:
            base = list(conn.execute(sa.select(events).where(events.c.id == event_id)).mappings())
            found = self._load_events(conn, base) if members else [rows.event_from(r, []) for r in base]
        if not found:
            raise NotFound(f"no event {event_id!r} in the store", hint="`crosswire events` lists them")
        return found[0]

    def find_events(
        self, *, entities: Iterable[str], units: Iterable[str] | None = None, members: bool = True
    ) -> list[Event]:
        """The events having any of these key entities (``Event.entities``), in ``list_events`` order, found
        through the ``event_entities`` index (the other events are never read). With ``units``: only those
        with a claim whose quantity is in one of these units."""
        wanted = list(dict.fromkeys(entities))
        if not wanted:
            return []
        having = sa.select(event_entities.c.event).where(self._among(event_entities.c.entity, wanted))
        where: list[sa.ColumnElement[bool]] = [events.c.id.in_(having)]
        if units is not None:
            unit_list = list(dict.fromkeys(units))
            if not unit_list:
                return []
            figured = (
                sa.select(claims.c.event)
                .select_from(claims.join(quantities, quantities.c.id == claims.c.quantity))
                .where(claims.c.event.is_not(None), self._among(quantities.c.unit, unit_list))
            )
            where.append(events.c.id.in_(figured))
        stmt = sa.select(events).where(*where).order_by(events.c.date.asc().nulls_last(), events.c.seq)
        with self._read() as conn:
            base = list(conn.execute(stmt).mappings())
            if not members:
                return [rows.event_from(r, []) for r in base]
            return self._load_events(conn, base)

    def event_sizes(self, event_ids: Iterable[str]) -> dict[str, int]:
        """Articles per event, counted by the database in one query (0 for an unknown or empty event)."""
        wanted = list(dict.fromkeys(event_ids))
        if not wanted:
            return {}
        stmt = (
            sa.select(event_articles.c.event, sa.func.count())
            .where(self._among(event_articles.c.event, wanted))
            .group_by(event_articles.c.event)
        )
        with self._read() as conn:
            found = {ev: int(n) for ev, n in conn.execute(stmt)}
        return {ev: found.get(ev, 0) for ev in wanted}

    def event_outlets(self, event_id: str) -> list[tuple[str | None, int]]:
        """``(outlet, articles)`` of an event, most articles first (then by outlet, no outlet last), counted
        by the database: the article texts are never read."""
        n = sa.func.count().label("n")
        stmt = (
            sa.select(articles.c.outlet, n)
            .select_from(event_articles.join(articles, articles.c.id == event_articles.c.article))
            .where(event_articles.c.event == event_id)
            .group_by(articles.c.outlet)
            .order_by(n.desc(), articles.c.outlet.asc().nulls_last())
        )
        with self._read() as conn:
            return [(o, int(c)) for o, c in conn.execute(stmt)]

    def event_of(self, article_id: str) -> str | None:
        with self._read() as conn:
            return conn.scalar(
                sa.select(event_articles.c.event).where(event_articles.c.article == article_id)
            )

    def delete_events(self, event_ids: Iterable[str]) -> None:
        """Remove events (merged away by the clustering repair): their membership, index state and checks.
        Articles are kept; their claims lose the event until the articles are saved in another event, and
        event references linked to a removed event become unlinked (the pipeline links them again)."""
        ids = sorted(set(event_ids))
        if not ids:
            return
        with self._write() as conn:
            for part in _chunks(ids):
                members = list(
                    conn.scalars(sa.select(event_articles.c.article).where(event_articles.c.event.in_(part)))
                )
                for mpart in _chunks(members):
                    conn.execute(sa.update(claims).where(claims.c.article.in_(mpart)).values(event=None))
                conn.execute(
                    sa.update(event_refs).where(event_refs.c.event.in_(part)).values(event=None, why=None)
                )
                conn.execute(sa.delete(event_articles).where(event_articles.c.event.in_(part)))
                conn.execute(sa.delete(event_entities).where(event_entities.c.event.in_(part)))
                conn.execute(sa.delete(event_states).where(event_states.c.event.in_(part)))
                conn.execute(sa.delete(checks).where(checks.c.event.in_(part)))
                conn.execute(sa.delete(events).where(events.c.id.in_(part)))

    def save_event_state(self, event_id: str, state: bytes) -> None:
        with self._write() as conn:
            self._upsert(conn, event_states, [{"event": event_id, "state": bytes(state)}], "event")

    def iter_event_states(self) -> Iterator[tuple[str, bytes]]:
        last = ""
        while True:
            stmt = (
                sa.select(event_states.c.event, event_states.c.state)
                .where(event_states.c.event > last)
                .order_by(event_states.c.event)
                .limit(CHUNK)
            )
            with self._read() as conn:
                page = [(e, bytes(s)) for e, s in conn.execute(stmt)]
            if not page:
                return
            yield from page
            last = page[-1][0]

    # --- event references ---------------------------------------------------------------------------

    def list_event_refs(
        self,
        *,
        article: str | None = None,
        event: str | None = None,
        unlinked: bool = False,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        outside: bool = False,
    ) -> list[EventRef]:
        """Event references in the order saved: those of ``article``, those linked to ``event``, only the
        ``unlinked`` ones, or those whose date's period overlaps [``since``, ``until``] (dated ones only).
        ``outside`` (with ``event``) keeps the references made by articles that are not in ``event``."""
        where = []
        if article is not None:
            where.append(event_refs.c.article == article)
        if event is not None:
            where.append(event_refs.c.event == event)
        if unlinked:
            where.append(event_refs.c.event.is_(None))
        if since is not None:
            where.append(event_refs.c.date_end >= rows.bound_day(since, end=False))
        if until is not None:
            where.append(event_refs.c.date_start <= rows.bound_day(until, end=True))
        if outside:
            if event is None:
                raise StoreError("list_event_refs(outside=True) needs an event", hint="pass event=<event id>")
            where.append(
                event_refs.c.article.not_in(
                    sa.select(event_articles.c.article).where(event_articles.c.event == event)
                )
            )
        stmt = sa.select(event_refs).where(*where).order_by(event_refs.c.seq).offset(max(offset, 0))
        if limit is not None:
            stmt = stmt.limit(max(limit, 0))
        with self._read() as conn:
            return [rows.event_ref_from(r) for r in conn.execute(stmt).mappings()]

    def link_event_refs(self, links: dict[str, tuple[str | None, str | None]]) -> None:
        """Set the linked event and its reason of stored event references: ``{ref id: (event id, why)}``.
        Unknown reference ids are ignored (the article's facts were replaced meanwhile)."""
        if not links:
            return
        stmt = (
            sa.update(event_refs)
            .where(event_refs.c.id == sa.bindparam("ref_id"))
            .values(event=sa.bindparam("ref_event"), why=sa.bindparam("ref_why"))
        )
        values = [{"ref_id": rid, "ref_event": ev, "ref_why": why} for rid, (ev, why) in links.items()]
        with self._write() as conn:
            for part in _chunks(values):
                conn.execute(stmt, list(part))

    # --- cross-check -------------------------------------------------------------------------------

    def replace_checks(self, event_id: str | None, checks_in: Iterable[Check]) -> None:
        """Replace the checks of one event (``None``: the checks that belong to no event).

        A check whose ``event`` is None is stored under ``event_id``; one naming another event is refused.
        """
        values: list[dict[str, Any]] = []
        for c in checks_in:
            if c.event is not None and c.event != event_id:
                raise StoreError(
                    f"check {c.id!r} is about event {c.event!r}, not {event_id!r}",
                    hint="call replace_checks once per event with that event's checks",
                )
            row = rows.check_row(c)
            row["event"] = event_id
            values.append(row)
        cond = checks.c.event.is_(None) if event_id is None else checks.c.event == event_id
        with self._write() as conn:
            conn.execute(sa.delete(checks).where(cond))
            for part in _chunks([v["id"] for v in values]):
                conn.execute(sa.delete(checks).where(checks.c.id.in_(part)))
            for part in _chunks(values):
                conn.execute(sa.insert(checks), list(part))

    def list_checks(self, *, event: str | None = None) -> list[Check]:
        """Checks in the order saved; all of them, or those of ``event``."""
        stmt = sa.select(checks).order_by(checks.c.seq)
        if event is not None:
            stmt = stmt.where(checks.c.event == event)
        with self._read() as conn:
            return [rows.check_from(r) for r in conn.execute(stmt).mappings()]

    @staticmethod
    def _cited_articles(t: Track) -> list[str]:
        """The articles a track's points cite (claim ids are ``"<article id>:c<n>"``)."""
        return sorted({c.split(":", 1)[0] for p in t.points for c in p.claims})

    def _insert_tracks(self, conn: Connection, tracks_in: Iterable[Track]) -> None:
        for t in tracks_in:
            seq = conn.execute(sa.insert(tracks).returning(tracks.c.seq), rows.track_row(t)).scalar_one()
            cited = [{"track": seq, "article": a} for a in self._cited_articles(t)]
            if cited:
                conn.execute(sa.insert(track_articles), cited)

    def replace_tracks(self, tracks_in: Iterable[Track]) -> None:
        """Replace every stored track by these."""
        with self._write() as conn:
            conn.execute(sa.delete(track_articles))
            conn.execute(sa.delete(tracks))
            self._insert_tracks(conn, tracks_in)

    def _tracks_citing(self, articles_in: Iterable[str]) -> sa.Select[Any]:
        return sa.select(track_articles.c.track).where(self._among(track_articles.c.article, articles_in))

    def replace_tracks_of(
        self, articles_in: Iterable[str], tracks_in: Iterable[Track], *, units: Iterable[str | None] | None = None
    ) -> None:
        """Replace the stored tracks citing any of these articles (with ``units``: only those in one of these
        units) by ``tracks``, in one transaction; the other tracks stay as they are, in their order, and the
        new ones come after them. Only the tracks of those articles are read (``track_articles`` index)."""
        ids = list(dict.fromkeys(articles_in))
        with self._write() as conn:
            if ids:
                cond = [tracks.c.seq.in_(self._tracks_citing(ids))]
                if units is not None:
                    unit_list = list(dict.fromkeys(units))
                    named = [u for u in unit_list if u is not None]
                    cond.append(
                        sa.or_(tracks.c.unit.in_(named), tracks.c.unit.is_(None))
                        if None in unit_list
                        else tracks.c.unit.in_(named)
                    )
                doomed = list(conn.scalars(sa.select(tracks.c.seq).where(*cond)))
                for part in _chunks(doomed):
                    conn.execute(sa.delete(track_articles).where(track_articles.c.track.in_(part)))
                    conn.execute(sa.delete(tracks).where(tracks.c.seq.in_(part)))
            self._insert_tracks(conn, tracks_in)

    def list_tracks(self, *, articles: Iterable[str] | None = None, event: str | None = None) -> list[Track]:
        """Tracks in the order saved: all of them, or those citing a claim of one of ``articles`` / of an article
        of ``event`` (through the ``track_articles`` and ``event_articles`` indexes, not a scan of the tracks)."""
        stmt = sa.select(tracks).order_by(tracks.c.seq)
        if articles is not None:
            ids = list(dict.fromkeys(articles))
            if not ids:
                return []
            stmt = stmt.where(tracks.c.seq.in_(self._tracks_citing(ids)))
        if event is not None:
            members = sa.select(event_articles.c.article).where(event_articles.c.event == event)
            stmt = stmt.where(
                tracks.c.seq.in_(sa.select(track_articles.c.track).where(track_articles.c.article.in_(members)))
            )
        with self._read() as conn:
            return [rows.track_from(r) for r in conn.execute(stmt).mappings()]

    # --- search ------------------------------------------------------------------------------------

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[tuple[Article, str]]:
        """Articles containing every word of ``query`` (stemmed), best first, with an HTML snippet
        (escaped, matches in ``<mark>``). Search syntax in the query is ignored, never executed."""
        with self._read() as conn:
            found = fts.search_rows(conn, query, max(limit, 0), max(offset, 0))
        return [(rows.article_from(r._mapping), snip) for r, snip in found]

    def search_infos(self, query: str, *, limit: int = 20, offset: int = 0) -> list[tuple[ArticleInfo, str]]:
        """``search`` without the articles' texts in the results (the snippets still come from them)."""
        with self._read() as conn:
            found = fts.search_rows(conn, query, max(limit, 0), max(offset, 0), columns=_INFO_COLUMNS)
            ids = [r.id for r, _ in found]
            owner = (
                dict(
                    conn.execute(
                        sa.select(event_articles.c.article, event_articles.c.event).where(
                            self._among(event_articles.c.article, ids)
                        )
                    ).all()
                )
                if ids
                else {}
            )
        return [
            (ArticleInfo(**{c.name: r._mapping[c.name] for c in _INFO_COLUMNS}, event=owner.get(r.id)), snip)
            for r, snip in found
        ]
