"""Sync: the conflict log, parked and unseen rows, the server in sync_state, row_base in outbox.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30

Migrations are frozen copies of the schema at their time: they use plain SQLAlchemy types and
never import katerm's models, so an old database upgrades the same way whatever the code is now.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "conflict_log",
        sa.Column("tbl", sa.String(), nullable=False),
        sa.Column("row_id", sa.String(), nullable=False),
        sa.Column("field", sa.String(), nullable=False),
        sa.Column("lost_tag", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("lost_value", sa.String(), nullable=True),
        sa.Column("won_value", sa.String(), nullable=True),
        sa.Column("won_tag", sa.String(), nullable=True),
        sa.Column("owner_id", sa.String(), nullable=True),
        sa.Column("detected_by", sa.String(), nullable=False),
        sa.Column("detected_at", sa.String(), nullable=False),
        sa.Column("acknowledged", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("tbl", "row_id", "field", "lost_tag"),
    )
    with op.batch_alter_table("conflict_log", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_conflict_log_acknowledged"), ["acknowledged"], unique=False
        )

    op.create_table(
        "sync_parked",
        sa.Column("tbl", sa.String(), nullable=False),
        sa.Column("row_id", sa.String(), nullable=False),
        sa.Column("data", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("tbl", "row_id"),
    )
    op.create_table(
        "sync_unseen",
        sa.Column("tbl", sa.String(), nullable=False),
        sa.Column("row_id", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("tbl", "row_id"),
    )
    # Plain ALTER TABLE ADD COLUMN (SQLite does it in place; no table rebuild needed).
    op.add_column("outbox", sa.Column("row_base", sa.String(), nullable=True))
    op.add_column("sync_state", sa.Column("server_url", sa.String(), nullable=True))
    op.add_column("sync_state", sa.Column("server_login", sa.String(), nullable=True))
    op.add_column("sync_state", sa.Column("server_id", sa.String(), nullable=True))
    op.add_column(
        "sync_state", sa.Column("epoch", sa.Integer(), server_default=sa.text("0"), nullable=False)
    )
    op.add_column("sync_state", sa.Column("last_sync_at", sa.String(), nullable=True))
    op.add_column("sync_state", sa.Column("last_error", sa.String(), nullable=True))
    op.add_column(
        "sync_state", sa.Column("held", sa.Integer(), server_default=sa.text("0"), nullable=False)
    )


def downgrade() -> None:
    with op.batch_alter_table("sync_state", schema=None) as batch_op:
        batch_op.drop_column("held")
        batch_op.drop_column("last_error")
        batch_op.drop_column("last_sync_at")
        batch_op.drop_column("epoch")
        batch_op.drop_column("server_id")
        batch_op.drop_column("server_login")
        batch_op.drop_column("server_url")

    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("row_base")

    op.drop_table("sync_unseen")
    op.drop_table("sync_parked")
    with op.batch_alter_table("conflict_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conflict_log_acknowledged"))

    op.drop_table("conflict_log")
