"""Indexes for the read paths of the web UI and the API: keys that filter *and* sort.

Revision ID: 0003
Revises: 0002
Create Date: 2026-02-20

Four single-column indexes become two-column ones whose second column is the order the store reads in:

* ``event_articles (event, ord)``: an event's members in their saved order (``get_event``, every
  ``save_events`` of a growing event) come straight from the index instead of being sorted;
* ``articles (published_day, seq)``: the chronological article lists (``list_articles``,
  ``list_article_infos``) page along the index on PostgreSQL too (SQLite's index already carries the rowid);
* ``events (date, seq)``: the same for the event list;
* ``checks (event, seq)``: an event's checks in the order saved.

Each old index is a prefix of its replacement, so every query it served is still served. Existing stores
are upgraded in place on open; the column lists are frozen here (not read from ``schema.py``).
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

#: (table, old single-column index, new index, its columns)
_CHANGES = [
    ("event_articles", "ix_event_articles_event", "ix_event_articles_event_ord", ["event", "ord"]),
    ("articles", "ix_articles_published_day", "ix_articles_published_day_seq", ["published_day", "seq"]),
    ("events", "ix_events_date", "ix_events_date_seq", ["date", "seq"]),
    ("checks", "ix_checks_event", "ix_checks_event_seq", ["event", "seq"]),
]


def upgrade() -> None:
    for table, old, new, columns in _CHANGES:
        op.create_index(new, table, columns, unique=False)
        op.drop_index(old, table_name=table)


def downgrade() -> None:
    for table, old, new, columns in reversed(_CHANGES):
        op.create_index(old, table, columns[:1], unique=False)
        op.drop_index(new, table_name=table)
