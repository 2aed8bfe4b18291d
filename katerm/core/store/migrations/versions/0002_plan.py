"""Account plans, opportunities (lead to cash), following milestones and customer voice.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24

Four new synced tables; nothing existing changes. Frozen: plain SQLAlchemy types only.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _sync_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("created_at", sa.String(), nullable=False),
        sa.Column("updated_at", sa.String(), nullable=False),
        sa.Column("hlc", sa.String(), nullable=False),
        sa.Column("clk", sa.String(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("owner_id", sa.String(), nullable=False),
    ]


def _fk(column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [target], initially="DEFERRED", deferrable=True)


def _indexes(table: str, columns: list[str]) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)


def upgrade() -> None:
    op.create_table(
        "opportunities",
        *_sync_columns(),
        sa.Column("account_id", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("stage", sa.String(), nullable=False),
        sa.Column("outcome", sa.String(), nullable=False),
        sa.Column("amount", sa.Float(), nullable=False),
        sa.Column("currency", sa.String(), nullable=False),
        sa.Column("expected_close", sa.Date(), nullable=True),
        sa.Column("probability", sa.Integer(), nullable=False),
        sa.Column("competitors", sa.String(), nullable=False),
        sa.Column("has_budget", sa.Boolean(), nullable=False),
        sa.Column("contact_id", sa.String(), nullable=True),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("stage_on", sa.Date(), nullable=True),
        sa.Column("lead_checks", sa.String(), nullable=False),
        sa.Column("lead_decision", sa.String(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("locked_on", sa.Date(), nullable=True),
        sa.Column("locked_by", sa.String(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("renewal_of", sa.String(), nullable=True),
        sa.Column("notes", sa.String(), nullable=False),
        _fk("owner_id", "users.id"),
        _fk("account_id", "accounts.id"),
        _fk("contact_id", "contacts.id"),
        _fk("locked_by", "users.id"),
        _fk("renewal_of", "opportunities.id"),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes("opportunities", ["account_id", "contact_id", "owner_id", "renewal_of"])

    op.create_table(
        "order_milestones",
        *_sync_columns(),
        sa.Column("opportunity_id", sa.String(), nullable=False),
        sa.Column("milestone", sa.String(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("analysis", sa.String(), nullable=False),
        sa.Column("improvement", sa.String(), nullable=False),
        sa.Column("analysed_on", sa.Date(), nullable=True),
        _fk("owner_id", "users.id"),
        _fk("opportunity_id", "opportunities.id"),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes("order_milestones", ["opportunity_id", "owner_id"])

    op.create_table(
        "plan_items",
        *_sync_columns(),
        sa.Column("account_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("category", sa.String(), nullable=False),
        sa.Column("parent_id", sa.String(), nullable=True),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("detail", sa.String(), nullable=False),
        sa.Column("person_id", sa.String(), nullable=True),
        sa.Column("contact_id", sa.String(), nullable=True),
        sa.Column("opportunity_id", sa.String(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _fk("owner_id", "users.id"),
        _fk("account_id", "accounts.id"),
        _fk("parent_id", "plan_items.id"),
        _fk("person_id", "users.id"),
        _fk("contact_id", "contacts.id"),
        _fk("opportunity_id", "opportunities.id"),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes(
        "plan_items",
        [
            "account_id",
            "contact_id",
            "kind",
            "opportunity_id",
            "owner_id",
            "parent_id",
            "person_id",
        ],
    )

    op.create_table(
        "voice_issues",
        *_sync_columns(),
        sa.Column("account_id", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("detail", sa.String(), nullable=False),
        sa.Column("raised_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("handler_id", sa.String(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("feedback", sa.String(), nullable=False),
        _fk("owner_id", "users.id"),
        _fk("account_id", "accounts.id"),
        _fk("handler_id", "users.id"),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes("voice_issues", ["account_id", "owner_id"])


def downgrade() -> None:
    # Children first (the links between these tables are foreign keys); SQLite drops a
    # table's indexes with it.
    for table in ("voice_issues", "plan_items", "order_milestones", "opportunities"):
        op.drop_table(table)
