"""Event references: the events articles refer to ("their meeting in Busan in October") and their links.

Revision ID: 0002
Revises: 0001
Create Date: 2026-02-10

Adds one table; existing stores are upgraded in place on open (their articles get references when they are
extracted again).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "event_refs",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("article", sa.Text(), nullable=False),
        sa.Column("ord", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("head", sa.Text(), nullable=False),
        sa.Column("date", sa.Text(), nullable=True),
        sa.Column("date_precision", sa.Text(), nullable=True),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("place", sa.Text(), nullable=True),
        sa.Column("event", sa.Text(), nullable=True),
        sa.Column("why", sa.Text(), nullable=True),
        sa.Column("entities", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["article"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("id"),
    )
    op.create_index(op.f("ix_event_refs_article"), "event_refs", ["article"], unique=False)
    op.create_index(op.f("ix_event_refs_event"), "event_refs", ["event"], unique=False)
    op.create_index(op.f("ix_event_refs_date_start"), "event_refs", ["date_start"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_event_refs_date_start"), table_name="event_refs")
    op.drop_index(op.f("ix_event_refs_event"), table_name="event_refs")
    op.drop_index(op.f("ix_event_refs_article"), table_name="event_refs")
    op.drop_table("event_refs")
