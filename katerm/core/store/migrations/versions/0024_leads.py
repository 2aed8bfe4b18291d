"""Leads (线索, issue 21 part 6): where a lead came from (its source, and for a referral 转介绍
the customer and/or contact who referred it), who nurtures an early lead (线索培育人), and its
status in the weekly lead meeting (new, reviewed, converted, dropped) with the day of each.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-07

New columns only. Existing leads get their status from what the three-question review already
recorded: a lead never reviewed is new (since it was opened); nurture is reviewed, convert is
converted and close is dropped, each on the review's day. An opportunity that never went
through the lead review (entered past the lead stage, no decision) keeps an empty status: it
was not a lead. Every row is kept.
"""

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None

_LINKS = (
    ("referred_account_id", "accounts.id"),
    ("referred_contact_id", "contacts.id"),
    ("nurturer_id", "users.id"),
)
_DATES = ("reviewed_on", "converted_on", "dropped_on")


def upgrade() -> None:
    with op.batch_alter_table("opportunities", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("lead_source", sa.String(), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("lead_status", sa.String(), nullable=False, server_default="")
        )
        for column, target in _LINKS:
            batch_op.add_column(sa.Column(column, sa.String(), nullable=True))
            batch_op.create_foreign_key(
                f"fk_opportunities_{column}",
                target.split(".")[0],
                [column],
                ["id"],
                deferrable=True,
                initially="DEFERRED",
            )
            batch_op.create_index(batch_op.f(f"ix_opportunities_{column}"), [column], unique=False)
        for column in _DATES:
            batch_op.add_column(sa.Column(column, sa.Date(), nullable=True))
    op.execute(
        "UPDATE opportunities SET "
        "lead_status = CASE lead_decision WHEN 'nurture' THEN 'reviewed' "
        "WHEN 'convert' THEN 'converted' WHEN 'close' THEN 'dropped' ELSE 'new' END, "
        "reviewed_on = CASE WHEN lead_decision != '' THEN decided_on END, "
        "converted_on = CASE WHEN lead_decision = 'convert' THEN decided_on END, "
        "dropped_on = CASE WHEN lead_decision = 'close' THEN decided_on END "
        "WHERE lead_decision != '' OR stage = 'lead'"
    )


def downgrade() -> None:
    with op.batch_alter_table("opportunities", schema=None) as batch_op:
        for column in _DATES:
            batch_op.drop_column(column)
        for column, _ in _LINKS:
            batch_op.drop_index(batch_op.f(f"ix_opportunities_{column}"))
            batch_op.drop_constraint(f"fk_opportunities_{column}", type_="foreignkey")
            batch_op.drop_column(column)
        batch_op.drop_column("lead_status")
        batch_op.drop_column("lead_source")
