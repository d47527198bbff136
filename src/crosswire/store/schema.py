"""Tables of the store (SQLAlchemy Core), one per record type of :mod:`crosswire.models`.

Columns mirror the record fields; spans are two integer columns (``*_start``/``*_end``); JSON columns only
hold lists (``why``, ``values``, ``modalities``, ``points`` ...). Every fact table keeps an ``ord`` column so
that an article's facts load back in the order they were saved.

This module is the *runtime* description of the schema. The database itself is created by the Alembic
migrations in ``store/migrations/versions``; ``tests/store/test_migrations.py`` checks the two agree.
Full-text objects (the SQLite FTS5 table, the PostgreSQL ``fts`` tsvector column) are created by the
migration only and used through :mod:`crosswire.store.fts`.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

metadata = sa.MetaData()


def _id(name: str = "id", **kw: Any) -> sa.Column:
    return sa.Column(name, sa.Text, **kw)


def _span(prefix: str, *, nullable: bool) -> list[sa.Column]:
    return [
        sa.Column(f"{prefix}_start", sa.Integer, nullable=nullable),
        sa.Column(f"{prefix}_end", sa.Integer, nullable=nullable),
    ]


def _article_fk(nullable: bool = False) -> sa.Column:
    return sa.Column(
        "article", sa.Text, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=nullable, index=True
    )


articles = sa.Table(
    "articles",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),  # insertion order, FTS rowid
    _id(nullable=False, unique=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("external_id", sa.Text, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("outlet", sa.Text, index=True),
    sa.Column("title", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("published", sa.Text),  # verbatim, "YYYY-MM-DD" or an ISO datetime
    sa.Column("published_day", sa.Date),  # derived from `published`, for date filters
    sa.Column("published_from", sa.Text, nullable=False, server_default="unknown"),
    sa.Column("byline", sa.Text),
    sa.Column("language", sa.Text),
    sa.Column("language_flag", sa.Text),
    sa.Column("duplicate_of", sa.Text),
    sa.Column("content_hash", sa.Text, nullable=False, server_default="", index=True),
    sa.Column("word_count", sa.Integer, nullable=False, server_default="0"),
    # chronological lists page along this index (migration 0003)
    sa.Index("ix_articles_published_day_seq", "published_day", "seq"),
)

signatures = sa.Table(
    "signatures",
    metadata,
    _id("article", primary_key=True),
    sa.Column("sig", sa.LargeBinary, nullable=False),
)

# one row per article whose facts were extracted (even when it has none), plus its sentence spans
fact_sets = sa.Table(
    "fact_sets",
    metadata,
    sa.Column("article", sa.Text, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("sentences", sa.JSON, nullable=False),
)

mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    _id(nullable=False, unique=True),
    _article_fk(),
    sa.Column("ord", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    *_span("span", nullable=False),
    sa.Column("type", sa.Text, nullable=False),
    sa.Column("entity", sa.Text, index=True),
    sa.Column("label", sa.Text),
    *_span("label_span", nullable=True),
    sa.Column("metonym", sa.Text),
    sa.Column("head", sa.Text),
)

entities = sa.Table(
    "entities",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    _id(nullable=False, unique=True),
    sa.Column("name", sa.Text, nullable=False, index=True),
    sa.Column("type", sa.Text, nullable=False, index=True),
)

entity_aliases = sa.Table(
    "entity_aliases",
    metadata,
    sa.Column("entity", sa.Text, sa.ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("ord", sa.Integer, primary_key=True),
    sa.Column("alias", sa.Text, nullable=False),
)

entity_labels = sa.Table(
    "entity_labels",
    metadata,
    sa.Column("entity", sa.Text, sa.ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("ord", sa.Integer, primary_key=True),
    sa.Column("article", sa.Text, nullable=False, index=True),
    sa.Column("outlet", sa.Text),
    sa.Column("label", sa.Text, nullable=False),
    *_span("span", nullable=False),
)

quotes = sa.Table(
    "quotes",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    _id(nullable=False, unique=True),
    _article_fk(),
    sa.Column("ord", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    *_span("span", nullable=False),
    sa.Column("direct", sa.Boolean, nullable=False),
    sa.Column("speaker", sa.Text),
    *_span("speaker_span", nullable=True),
    sa.Column("speaker_entity", sa.Text, index=True),
    sa.Column("cue", sa.Text),
    sa.Column("partial", sa.Boolean, nullable=False),
)

quantities = sa.Table(
    "quantities",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    _id(nullable=False, unique=True),
    _article_fk(),
    sa.Column("ord", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    *_span("span", nullable=False),
    sa.Column("value", sa.Double),
    sa.Column("unit", sa.Text, nullable=False, index=True),  # figures by unit for the tracks (migration 0005)
    sa.Column("measures", sa.Text),
    sa.Column("approx", sa.Boolean, nullable=False),
    sa.Column("low", sa.Double),
    sa.Column("high", sa.Double),
    sa.Column("qualifier", sa.Text),
)

dates = sa.Table(
    "dates",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    _id(nullable=False, unique=True),
    _article_fk(),
    sa.Column("ord", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    *_span("span", nullable=False),
    sa.Column("value", sa.Text),
    sa.Column("precision", sa.Text),
    sa.Column("type", sa.Text, nullable=False),
)

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    _id(nullable=False, unique=True),
    _article_fk(),
    sa.Column("ord", sa.Integer, nullable=False),
    sa.Column("sentence", sa.Text, nullable=False),
    *_span("span", nullable=False),
    sa.Column("action", sa.Text, nullable=False),
    sa.Column("actor", sa.Text, index=True),
    sa.Column("actor_text", sa.Text),
    sa.Column("theme", sa.Text),
    sa.Column("quantity", sa.Text, index=True),  # the claims of given quantities (migration 0005)
    sa.Column("time", sa.Text),
    sa.Column("modality", sa.Text, nullable=False),
    sa.Column("attributed_to", sa.Text),
    sa.Column("polarity", sa.Boolean, nullable=False),
    sa.Column("event", sa.Text, index=True),
    sa.Column("verb", sa.Text),
    sa.Column("slot", sa.Text),
    sa.Column("cue", sa.Text),
)

# events referred to inside articles (``crosswire.cluster.refs``); ``event`` is the linked event, set after
# clustering (not the article's own event); ``date_start``/``date_end`` are the days of ``date``'s period,
# derived for date-window lookups (added by migration 0002)
event_refs = sa.Table(
    "event_refs",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    _id(nullable=False, unique=True),
    _article_fk(),
    sa.Column("ord", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    *_span("span", nullable=False),
    sa.Column("head", sa.Text, nullable=False),
    sa.Column("date", sa.Text),
    sa.Column("date_precision", sa.Text),
    sa.Column("date_start", sa.Date, index=True),
    sa.Column("date_end", sa.Date),
    sa.Column("place", sa.Text),
    sa.Column("event", sa.Text, index=True),
    sa.Column("why", sa.Text),
    sa.Column("entities", sa.JSON, nullable=False),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    _id(nullable=False, unique=True),
    sa.Column("label", sa.Text, nullable=False),
    sa.Column("date", sa.Text),
    sa.Column("date_precision", sa.Text),
    sa.Column("why", sa.JSON, nullable=False),
    sa.Column("entities", sa.JSON, nullable=False),
    sa.Index("ix_events_date_seq", "date", "seq"),
)

# an article belongs to at most one event (``event_of``)
event_articles = sa.Table(
    "event_articles",
    metadata,
    sa.Column("article", sa.Text, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("event", sa.Text, sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    sa.Column("ord", sa.Integer, nullable=False),
    sa.Index("ix_event_articles_event_ord", "event", "ord"),  # members in their order (migration 0003)
)

# the key entities of each event (``Event.entities``, also kept as JSON on ``events``), indexed by entity so that
# the events of a story are found without reading every event (migration 0004)
event_entities = sa.Table(
    "event_entities",
    metadata,
    sa.Column("event", sa.Text, sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("entity", sa.Text, primary_key=True),
    sa.Index("ix_event_entities_entity", "entity"),
)

event_states = sa.Table(
    "event_states",
    metadata,
    _id("event", primary_key=True),
    sa.Column("state", sa.LargeBinary, nullable=False),
)

checks = sa.Table(
    "checks",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    _id(nullable=False, unique=True),
    sa.Column("event", sa.Text),
    sa.Column("about", sa.Text, nullable=False),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("claims", sa.JSON, nullable=False),
    sa.Column("outlets", sa.JSON, nullable=False),
    sa.Column("missing_from", sa.JSON, nullable=False),
    sa.Column("values", sa.JSON, nullable=False),
    sa.Column("modalities", sa.JSON, nullable=False),
    sa.Column("modality_disagreement", sa.Boolean, nullable=False),
    sa.Column("note", sa.Text),
    sa.Index("ix_checks_event_seq", "event", "seq"),
)

tracks = sa.Table(
    "tracks",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("id", sa.Text, nullable=False),  # Track.id may be "" (not unique)
    sa.Column("about", sa.Text, nullable=False),
    sa.Column("unit", sa.Text),
    sa.Column("points", sa.JSON, nullable=False),
)

# the articles whose claims a track's points cite, so that the tracks of a story are replaced without reading
# every track (migration 0004)
track_articles = sa.Table(
    "track_articles",
    metadata,
    sa.Column("track", sa.Integer, sa.ForeignKey("tracks.seq", ondelete="CASCADE"), primary_key=True),
    sa.Column("article", sa.Text, primary_key=True),
    sa.Index("ix_track_articles_article", "article"),
)

#: fact tables by the ArticleFacts attribute they hold
FACT_TABLES: dict[str, sa.Table] = {
    "mentions": mentions,
    "quotes": quotes,
    "quantities": quantities,
    "dates": dates,
    "claims": claims,
    "event_refs": event_refs,
}

#: names of full-text objects the migrations create outside this metadata
FTS_NAMES = ("articles_fts", "fts", "ix_articles_fts")


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Alembic autogenerate filter: ignore the full-text objects (FTS5 shadow tables, tsvector column)."""
    if name and (name in FTS_NAMES or name.startswith("articles_fts")):
        return False
    return True
