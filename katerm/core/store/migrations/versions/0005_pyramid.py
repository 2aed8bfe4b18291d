"""Account pyramid: figures for every tier scheme, manual overrides, thresholds, targets, history.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23

Accounts gain the figures the fish and company-size schemes need (orders this year, the
customer's own revenue) and a manual-override reason; two indexes keep the pyramid's figures
fast on 100,000 accounts. New synced tables hold the team's thresholds, yearly targets per
tier and the history of tier changes. Plain ALTER TABLE, no table rebuild: existing rows keep
everything and get the defaults.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


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


def _owner_fk() -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["owner_id"], ["users.id"], initially="DEFERRED", deferrable=True
    )


def upgrade() -> None:
    op.add_column(
        "accounts", sa.Column("annual_orders", sa.Integer(), nullable=False, server_default="0")
    )
    op.add_column(
        "accounts", sa.Column("company_revenue", sa.Float(), nullable=False, server_default="0")
    )
    op.add_column(
        "accounts",
        sa.Column("tier_override_reason", sa.String(), nullable=False, server_default=""),
    )
    op.create_index(
        "ix_accounts_pyramid",
        "accounts",
        ["annual_revenue", "lifecycle", "owner_id", "region", "industry"],
        unique=False,
    )
    op.create_index(
        "ix_accounts_deleted",
        "accounts",
        ["deleted"],
        unique=False,
        sqlite_where=sa.text("deleted = 1"),
    )
    op.create_index(
        "ix_accounts_tier_override_reason", "accounts", ["tier_override_reason"], unique=False
    )

    op.create_table(
        "tier_thresholds",
        *_synced_columns(),
        sa.Column("scheme", sa.String(), nullable=False),
        sa.Column("tier", sa.String(), nullable=False),
        sa.Column("measure", sa.String(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        _owner_fk(),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_tier_thresholds_owner_id", "tier_thresholds", ["owner_id"], unique=False)
    op.create_index("ix_tier_thresholds_scheme", "tier_thresholds", ["scheme"], unique=False)

    op.create_table(
        "tier_targets",
        *_synced_columns(),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("scheme", sa.String(), nullable=False),
        sa.Column("tier", sa.String(), nullable=False),
        sa.Column("target", sa.Integer(), nullable=False),
        _owner_fk(),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_tier_targets_owner_id", "tier_targets", ["owner_id"], unique=False)
    op.create_index("ix_tier_targets_year", "tier_targets", ["year"], unique=False)

    op.create_table(
        "tier_changes",
        *_synced_columns(),
        sa.Column("account_id", sa.String(), nullable=False),
        sa.Column("changed_by", sa.String(), nullable=False),
        sa.Column("tier_scheme", sa.String(), nullable=False),
        sa.Column("old_tier", sa.String(), nullable=True),
        sa.Column("new_tier", sa.String(), nullable=True),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], initially="DEFERRED", deferrable=True
        ),
        sa.ForeignKeyConstraint(
            ["changed_by"], ["users.id"], initially="DEFERRED", deferrable=True
        ),
        _owner_fk(),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_tier_changes_account_id", "tier_changes", ["account_id"], unique=False)
    op.create_index("ix_tier_changes_changed_by", "tier_changes", ["changed_by"], unique=False)
    op.create_index("ix_tier_changes_owner_id", "tier_changes", ["owner_id"], unique=False)


def downgrade() -> None:
    op.drop_table("tier_changes")
    op.drop_table("tier_targets")
    op.drop_table("tier_thresholds")
    op.drop_index("ix_accounts_tier_override_reason", table_name="accounts")
    op.drop_index("ix_accounts_pyramid", table_name="accounts")
    op.drop_index("ix_accounts_deleted", table_name="accounts")
    # SQLite 3.35+ drops columns in place (no rebuild, so the expression index survives).
    op.drop_column("accounts", "tier_override_reason")
    op.drop_column("accounts", "company_revenue")
    op.drop_column("accounts", "annual_orders")
