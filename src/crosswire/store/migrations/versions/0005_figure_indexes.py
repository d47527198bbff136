"""Figure indexes for the track rebuild: quantities by unit, claims by quantity.

Revision ID: 0005
Revises: 0004
Create Date: 2026-03-05

An incremental reconcile reads the figure claims of the touched units (``Store.list_figure_actors``,
``Store.list_figure_claims``: claims joined to their quantity, filtered by the quantity's unit). Without these
two indexes the database scanned every quantity and every claim for it. Existing stores are upgraded in place
on open; the names are frozen here (not read from ``schema.py``).
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

#: (index, table, columns)
_INDEXES = [
    ("ix_quantities_unit", "quantities", ["unit"]),
    ("ix_claims_quantity", "claims", ["quantity"]),
]


def upgrade() -> None:
    for name, table, columns in _INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for name, table, _ in reversed(_INDEXES):
        op.drop_index(name, table_name=table)
