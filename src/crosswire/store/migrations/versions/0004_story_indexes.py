"""Story indexes for the reconcile stage: events by key entity, tracks by the articles they cite.

Revision ID: 0004
Revises: 0003
Create Date: 2026-03-01

Two lookup tables, so that an incremental reconcile reads the story of the events it touched instead of the
whole store:

* ``event_entities (event, entity)``, indexed by entity: the events having any of given key entities
  (``Store.find_events``). It mirrors the JSON ``events.entities`` and is kept in step by ``save_events``;
* ``track_articles (track, article)``, indexed by article: the stored tracks citing a claim of given articles
  (``Store.list_tracks(articles=)``, ``Store.replace_tracks_of``); kept in step by the track writes.

Existing stores are upgraded in place on open and both tables are filled from the stored events and tracks.
The column lists are frozen here (not read from ``schema.py``).
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_CHUNK = 500


def _json(value: object) -> object:
    return json.loads(value) if isinstance(value, (str, bytes)) else value


def upgrade() -> None:
    op.create_table(
        "event_entities",
        sa.Column("event", sa.Text(), nullable=False),
        sa.Column("entity", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["event"], ["events.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("event", "entity"),
    )
    op.create_index("ix_event_entities_entity", "event_entities", ["entity"], unique=False)
    op.create_table(
        "track_articles",
        sa.Column("track", sa.Integer(), nullable=False),
        sa.Column("article", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["track"], ["tracks.seq"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("track", "article"),
    )
    op.create_index("ix_track_articles_article", "track_articles", ["article"], unique=False)

    conn = op.get_bind()
    ev = sa.table("events", sa.column("id", sa.Text()), sa.column("entities", sa.Text()))
    ee = sa.table("event_entities", sa.column("event", sa.Text()), sa.column("entity", sa.Text()))
    rows = [
        {"event": eid, "entity": ent}
        for eid, ents in conn.execute(sa.select(ev.c.id, ev.c.entities))
        for ent in dict.fromkeys(_json(ents) or [])
    ]
    for i in range(0, len(rows), _CHUNK):
        conn.execute(sa.insert(ee), rows[i : i + _CHUNK])
    tr = sa.table("tracks", sa.column("seq", sa.Integer()), sa.column("points", sa.Text()))
    ta = sa.table("track_articles", sa.column("track", sa.Integer()), sa.column("article", sa.Text()))
    rows = []
    for seq, points in conn.execute(sa.select(tr.c.seq, tr.c.points)):
        cited = {c.split(":", 1)[0] for p in _json(points) or [] for c in p.get("claims", [])}
        rows.extend({"track": seq, "article": a} for a in sorted(cited))
    for i in range(0, len(rows), _CHUNK):
        conn.execute(sa.insert(ta), rows[i : i + _CHUNK])


def downgrade() -> None:
    op.drop_index("ix_track_articles_article", table_name="track_articles")
    op.drop_table("track_articles")
    op.drop_index("ix_event_entities_entity", table_name="event_entities")
    op.drop_table("event_entities")
