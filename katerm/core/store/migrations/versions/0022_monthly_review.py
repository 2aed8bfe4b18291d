"""The monthly review: indexes for its figures, and revenue targets per tier.

Indexes: opportunities by the day they closed and were locked; a person's activities by time
also with their kind (a visit or not) and deletion mark.

The monthly review (and its six-month trend) counts the orders closed and locked in each
month; without these indexes every month read all opportunities (bench_monthly: 50,000
opportunities, the review 1.2 s). They cover what the review reads of those orders, so a
month is one range scan with no table look-up per row. Indexes only: every existing row reads
as before.

Revenue targets per tier (``tier_revenue_targets``): a new synced table beside the count
targets (``tier_targets``), empty until a team sets them.

Revision ID: 0022
Revises: 0019
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0019"
branch_labels = None
depends_on = None

INDEXES = (
    (
        "ix_opportunities_closed_on",
        ["closed_on", "outcome", "owner_id", "deleted", "account_id", "amount", "opened_on"],
    ),
    ("ix_opportunities_locked_on", ["locked_on", "outcome", "owner_id", "deleted", "account_id"]),
)


OWNER_TIME = "ix_activities_owner_time"


def _synced_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("created_at", sa.String(), nullable=False),
        sa.Column("updated_at", sa.String(), nullable=False),
        sa.Column("hlc", sa.String(), nullable=False),
        sa.Column("clk", sa.String(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("owner_id", sa.String(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "tier_revenue_targets",
        *_synced_columns(),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("scheme", sa.String(), nullable=False),
        sa.Column("tier", sa.String(), nullable=False),
        sa.Column("target", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], initially="DEFERRED", deferrable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    for column in ("owner_id", "year"):
        op.create_index(
            f"ix_tier_revenue_targets_{column}", "tier_revenue_targets", [column], unique=False
        )
    for name, columns in INDEXES:
        op.create_index(name, "opportunities", columns, unique=False)
    op.drop_index(OWNER_TIME, table_name="activities")
    op.create_index(
        OWNER_TIME, "activities", ["owner_id", "occurred_at", "kind", "deleted"], unique=False
    )


def downgrade() -> None:
    op.drop_index(OWNER_TIME, table_name="activities")
    op.create_index(OWNER_TIME, "activities", ["owner_id", "occurred_at"], unique=False)
    for name, _ in INDEXES:
        op.drop_index(name, table_name="opportunities")
    op.drop_table("tier_revenue_targets")
