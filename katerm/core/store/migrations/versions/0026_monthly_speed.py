"""The monthly review at 100,000 accounts: two covering indexes on opportunities.

* ``ix_opportunities_closed_on`` gains ``currency``: the review groups each month's won
  amounts by currency to convert them to the team's base (katerm.core.money); without the
  column in the index every closed order of the six months was looked up in the table.
* ``ix_opportunities_converted_on`` (only rows with a conversion day): the new key accounts
  of the month (leads converted in it) were counted by reading every order of the team.

bench_monthly: the review at 100,000 accounts and 50,000 opportunities. Indexes only: every
existing row reads as before.

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None

CLOSED = "ix_opportunities_closed_on"
CLOSED_BEFORE = ["closed_on", "outcome", "owner_id", "deleted", "account_id", "amount", "opened_on"]
CONVERTED = "ix_opportunities_converted_on"


def upgrade() -> None:
    op.drop_index(CLOSED, table_name="opportunities")
    op.create_index(CLOSED, "opportunities", [*CLOSED_BEFORE, "currency"], unique=False)
    op.create_index(
        CONVERTED,
        "opportunities",
        ["converted_on", "lead_status", "owner_id", "deleted", "account_id"],
        unique=False,
        sqlite_where=sa.text("converted_on IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index(CONVERTED, table_name="opportunities")
    op.drop_index(CLOSED, table_name="opportunities")
    op.create_index(CLOSED, "opportunities", CLOSED_BEFORE, unique=False)
