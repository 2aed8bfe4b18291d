"""The team's money settings (issue 17 part 5): its base currency and exchange rates.

Revision ID: 0018
Revises: 0016
Create Date: 2026-12-07

A new table only: every existing row reads as before (no rates and no base row: the base is
CNY, and amounts in other currencies are listed as not converted until a rate is set).
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "currency_rates",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("created_at", sa.String(), nullable=False),
        sa.Column("updated_at", sa.String(), nullable=False),
        sa.Column("hlc", sa.String(), nullable=False),
        sa.Column("clk", sa.String(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("owner_id", sa.String(), nullable=False),
        sa.Column("base", sa.String(), nullable=False),
        sa.Column("currency", sa.String(), nullable=False),
        sa.Column("rate", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], initially="DEFERRED", deferrable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("currency_rates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_currency_rates_base"), ["base"], unique=False)
        batch_op.create_index(batch_op.f("ix_currency_rates_owner_id"), ["owner_id"], unique=False)


def downgrade() -> None:
    op.drop_table("currency_rates")
