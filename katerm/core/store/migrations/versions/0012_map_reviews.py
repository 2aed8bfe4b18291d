"""The influence map's "reviewed" action: who reviewed an account's map, and when.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07

One new synced table, ``map_reviews``; nothing existing changes. The weekly checklist item
"influence maps of A accounts reviewed" is done by this explicit action (key ``v`` on the
map), which editing the map also counts as.
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def _fk(column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [target], initially="DEFERRED", deferrable=True)


def upgrade() -> None:
    op.create_table(
        "map_reviews",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("created_at", sa.String(), nullable=False),
        sa.Column("updated_at", sa.String(), nullable=False),
        sa.Column("hlc", sa.String(), nullable=False),
        sa.Column("clk", sa.String(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("owner_id", sa.String(), nullable=False),
        sa.Column("account_id", sa.String(), nullable=False),
        sa.Column("reviewed_by", sa.String(), nullable=False),
        sa.Column("reviewed_at", sa.String(), nullable=False),
        _fk("account_id", "accounts.id"),
        _fk("owner_id", "users.id"),
        _fk("reviewed_by", "users.id"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("map_reviews", schema=None) as batch_op:
        for column in ("account_id", "owner_id", "reviewed_by"):
            batch_op.create_index(batch_op.f(f"ix_map_reviews_{column}"), [column], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("map_reviews", schema=None) as batch_op:
        for column in ("reviewed_by", "owner_id", "account_id"):
            batch_op.drop_index(batch_op.f(f"ix_map_reviews_{column}"))
    op.drop_table("map_reviews")
