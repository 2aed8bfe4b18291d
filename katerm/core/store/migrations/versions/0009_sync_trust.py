"""Sync trusts no server row: quarantined rows, reasons for refusals, plain connections.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06

``sync_quarantine`` keeps pulled rows that break the sync rules (never merged);
``conflict_log.reason`` says why the server refused a change; ``sync_state.insecure`` remembers
that the user allowed a connection without TLS to this database's server (``--insecure``).
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_quarantine",
        sa.Column("tbl", sa.String(), nullable=False),
        sa.Column("row_id", sa.String(), nullable=False),
        sa.Column("data", sa.String(), nullable=False),
        sa.Column("problem", sa.String(), nullable=False),
        sa.Column("received_at", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("tbl", "row_id"),
    )
    op.add_column(
        "conflict_log",
        sa.Column("reason", sa.String(), server_default=sa.text("''"), nullable=False),
    )
    op.add_column(
        "sync_state",
        sa.Column("insecure", sa.Integer(), server_default=sa.text("0"), nullable=False),
    )


def downgrade() -> None:
    with op.batch_alter_table("sync_state", schema=None) as batch_op:
        batch_op.drop_column("insecure")
    with op.batch_alter_table("conflict_log", schema=None) as batch_op:
        batch_op.drop_column("reason")
    op.drop_table("sync_quarantine")
