"""Indexes for the monthly review: opportunities by the day they closed and were locked; a
person's activities by time also with their kind (a visit or not) and deletion mark.

The monthly review (and its six-month trend) counts the orders closed and locked in each
month; without these indexes every month read all opportunities (bench_monthly: 50,000
opportunities, the review 1.2 s). They cover what the review reads of those orders, so a
month is one range scan with no table look-up per row. Indexes only: every existing row reads
as before.

Revision ID: 0022
Revises: 0016
Create Date: 2026-12-07
"""

from alembic import op

revision = "0022"
down_revision = "0016"
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


def upgrade() -> None:
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
