"""Initial schema: articles, signatures, facts, entities, events, checks, tracks, full-text search.

Revision ID: 0001
Revises:
Create Date: 2025-01-01

The full-text objects differ per dialect: an external-content FTS5 table kept in sync by triggers on
SQLite, a generated ``tsvector`` column with a GIN index on PostgreSQL (``crosswire/store/fts.py``).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

SQLITE_FTS = [
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='seq', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text); END",
    "CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text); END",
    "CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text); "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text); END",
]

# the title weighs more than the body (A > B); very long texts are cut so the tsvector stays under 1 MB
POSTGRES_FTS = [
    "ALTER TABLE articles ADD COLUMN fts tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, left(text, 1000000)), 'B')) STORED",
    "CREATE INDEX ix_articles_fts ON articles USING gin (fts)",
]


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("external_id", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("published", sa.Text(), nullable=True),
        sa.Column("published_day", sa.Date(), nullable=True),
        sa.Column("published_from", sa.Text(), server_default="unknown", nullable=False),
        sa.Column("byline", sa.Text(), nullable=True),
        sa.Column("language", sa.Text(), nullable=True),
        sa.Column("language_flag", sa.Text(), nullable=True),
        sa.Column("duplicate_of", sa.Text(), nullable=True),
        sa.Column("content_hash", sa.Text(), server_default="", nullable=False),
        sa.Column("word_count", sa.Integer(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("id"),
    )
    op.create_index(op.f("ix_articles_content_hash"), "articles", ["content_hash"], unique=False)
    op.create_index(op.f("ix_articles_outlet"), "articles", ["outlet"], unique=False)
    op.create_index(op.f("ix_articles_published_day"), "articles", ["published_day"], unique=False)
    op.create_table(
        "checks",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("event", sa.Text(), nullable=True),
        sa.Column("about", sa.Text(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("claims", sa.JSON(), nullable=False),
        sa.Column("outlets", sa.JSON(), nullable=False),
        sa.Column("missing_from", sa.JSON(), nullable=False),
        sa.Column("values", sa.JSON(), nullable=False),
        sa.Column("modalities", sa.JSON(), nullable=False),
        sa.Column("modality_disagreement", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("id"),
    )
    op.create_index(op.f("ix_checks_event"), "checks", ["event"], unique=False)
    op.create_table(
        "entities",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("id"),
    )
    op.create_index(op.f("ix_entities_name"), "entities", ["name"], unique=False)
    op.create_index(op.f("ix_entities_type"), "entities", ["type"], unique=False)
    op.create_table(
        "event_states",
        sa.Column("event", sa.Text(), nullable=False),
        sa.Column("state", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("event"),
    )
    op.create_table(
        "events",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("date", sa.Text(), nullable=True),
        sa.Column("date_precision", sa.Text(), nullable=True),
        sa.Column("why", sa.JSON(), nullable=False),
        sa.Column("entities", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("id"),
    )
    op.create_index(op.f("ix_events_date"), "events", ["date"], unique=False)
    op.create_table(
        "signatures",
        sa.Column("article", sa.Text(), nullable=False),
        sa.Column("sig", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("article"),
    )
    op.create_table(
        "tracks",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("about", sa.Text(), nullable=False),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("points", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
    )
    op.create_table(
        "claims",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("article", sa.Text(), nullable=False),
        sa.Column("ord", sa.Integer(), nullable=False),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=True),
        sa.Column("actor_text", sa.Text(), nullable=True),
        sa.Column("theme", sa.Text(), nullable=True),
        sa.Column("quantity", sa.Text(), nullable=True),
        sa.Column("time", sa.Text(), nullable=True),
        sa.Column("modality", sa.Text(), nullable=False),
        sa.Column("attributed_to", sa.Text(), nullable=True),
        sa.Column("polarity", sa.Boolean(), nullable=False),
        sa.Column("event", sa.Text(), nullable=True),
        sa.Column("verb", sa.Text(), nullable=True),
        sa.Column("slot", sa.Text(), nullable=True),
        sa.Column("cue", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["article"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("id"),
    )
    op.create_index(op.f("ix_claims_actor"), "claims", ["actor"], unique=False)
    op.create_index(op.f("ix_claims_article"), "claims", ["article"], unique=False)
    op.create_index(op.f("ix_claims_event"), "claims", ["event"], unique=False)
    op.create_table(
        "dates",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("article", sa.Text(), nullable=False),
        sa.Column("ord", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("precision", sa.Text(), nullable=True),
        sa.Column("type", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["article"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("id"),
    )
    op.create_index(op.f("ix_dates_article"), "dates", ["article"], unique=False)
    op.create_table(
        "entity_aliases",
        sa.Column("entity", sa.Text(), nullable=False),
        sa.Column("ord", sa.Integer(), nullable=False),
        sa.Column("alias", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["entity"], ["entities.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("entity", "ord"),
    )
    op.create_table(
        "entity_labels",
        sa.Column("entity", sa.Text(), nullable=False),
        sa.Column("ord", sa.Integer(), nullable=False),
        sa.Column("article", sa.Text(), nullable=False),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["entity"], ["entities.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("entity", "ord"),
    )
    op.create_index(op.f("ix_entity_labels_article"), "entity_labels", ["article"], unique=False)
    op.create_table(
        "event_articles",
        sa.Column("article", sa.Text(), nullable=False),
        sa.Column("event", sa.Text(), nullable=False),
        sa.Column("ord", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["article"], ["articles.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["event"], ["events.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article"),
    )
    op.create_index(op.f("ix_event_articles_event"), "event_articles", ["event"], unique=False)
    op.create_table(
        "fact_sets",
        sa.Column("article", sa.Text(), nullable=False),
        sa.Column("sentences", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["article"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article"),
    )
    op.create_table(
        "mentions",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("article", sa.Text(), nullable=False),
        sa.Column("ord", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("entity", sa.Text(), nullable=True),
        sa.Column("label", sa.Text(), nullable=True),
        sa.Column("label_span_start", sa.Integer(), nullable=True),
        sa.Column("label_span_end", sa.Integer(), nullable=True),
        sa.Column("metonym", sa.Text(), nullable=True),
        sa.Column("head", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["article"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("id"),
    )
    op.create_index(op.f("ix_mentions_article"), "mentions", ["article"], unique=False)
    op.create_index(op.f("ix_mentions_entity"), "mentions", ["entity"], unique=False)
    op.create_table(
        "quantities",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("article", sa.Text(), nullable=False),
        sa.Column("ord", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("value", sa.Double(), nullable=True),
        sa.Column("unit", sa.Text(), nullable=False),
        sa.Column("measures", sa.Text(), nullable=True),
        sa.Column("approx", sa.Boolean(), nullable=False),
        sa.Column("low", sa.Double(), nullable=True),
        sa.Column("high", sa.Double(), nullable=True),
        sa.Column("qualifier", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["article"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("id"),
    )
    op.create_index(op.f("ix_quantities_article"), "quantities", ["article"], unique=False)
    op.create_table(
        "quotes",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("article", sa.Text(), nullable=False),
        sa.Column("ord", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("direct", sa.Boolean(), nullable=False),
        sa.Column("speaker", sa.Text(), nullable=True),
        sa.Column("speaker_span_start", sa.Integer(), nullable=True),
        sa.Column("speaker_span_end", sa.Integer(), nullable=True),
        sa.Column("speaker_entity", sa.Text(), nullable=True),
        sa.Column("cue", sa.Text(), nullable=True),
        sa.Column("partial", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["article"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("id"),
    )
    op.create_index(op.f("ix_quotes_article"), "quotes", ["article"], unique=False)
    op.create_index(op.f("ix_quotes_speaker_entity"), "quotes", ["speaker_entity"], unique=False)

    dialect = op.get_bind().dialect.name
    for stmt in SQLITE_FTS if dialect == "sqlite" else POSTGRES_FTS if dialect == "postgresql" else []:
        op.execute(stmt)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS articles_fts")
    op.drop_index(op.f("ix_quotes_speaker_entity"), table_name="quotes")
    op.drop_index(op.f("ix_quotes_article"), table_name="quotes")
    op.drop_table("quotes")
    op.drop_index(op.f("ix_quantities_article"), table_name="quantities")
    op.drop_table("quantities")
    op.drop_index(op.f("ix_mentions_entity"), table_name="mentions")
    op.drop_index(op.f("ix_mentions_article"), table_name="mentions")
    op.drop_table("mentions")
    op.drop_table("fact_sets")
    op.drop_index(op.f("ix_event_articles_event"), table_name="event_articles")
    op.drop_table("event_articles")
    op.drop_index(op.f("ix_entity_labels_article"), table_name="entity_labels")
    op.drop_table("entity_labels")
    op.drop_table("entity_aliases")
    op.drop_index(op.f("ix_dates_article"), table_name="dates")
    op.drop_table("dates")
    op.drop_index(op.f("ix_claims_event"), table_name="claims")
    op.drop_index(op.f("ix_claims_article"), table_name="claims")
    op.drop_index(op.f("ix_claims_actor"), table_name="claims")
    op.drop_table("claims")
    op.drop_table("tracks")
    op.drop_table("signatures")
    op.drop_index(op.f("ix_events_date"), table_name="events")
    op.drop_table("events")
    op.drop_table("event_states")
    op.drop_index(op.f("ix_entities_type"), table_name="entities")
    op.drop_index(op.f("ix_entities_name"), table_name="entities")
    op.drop_table("entities")
    op.drop_index(op.f("ix_checks_event"), table_name="checks")
    op.drop_table("checks")
    op.drop_index(op.f("ix_articles_published_day"), table_name="articles")
    op.drop_index(op.f("ix_articles_outlet"), table_name="articles")
    op.drop_index(op.f("ix_articles_content_hash"), table_name="articles")
    op.drop_table("articles")
