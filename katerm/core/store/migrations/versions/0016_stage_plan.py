"""The stage expansion plan (关系拓展 by LTC stage): one row per stage and customer department,
for one opportunity or (``opportunity_id`` empty) the account's default plan; broad
relationships (普遍客户关系): routine actions per account with a cadence, and the routine action
an activity carried out.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07

New tables and a new nullable column: every existing row reads as before.
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def _fk(column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [target], initially="DEFERRED", deferrable=True)


def upgrade() -> None:
    op.create_table(
        "stage_plan_cells",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("created_at", sa.String(), nullable=False),
        sa.Column("updated_at", sa.String(), nullable=False),
        sa.Column("hlc", sa.String(), nullable=False),
        sa.Column("clk", sa.String(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("owner_id", sa.String(), nullable=False),
        sa.Column("account_id", sa.String(), nullable=False),
        sa.Column("opportunity_id", sa.String(), nullable=True),
        sa.Column("stage", sa.String(), nullable=False),
        sa.Column("department", sa.String(), nullable=False),
        sa.Column("target", sa.String(), nullable=False),
        sa.Column("way", sa.String(), nullable=False),
        sa.Column("responsible", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        _fk("account_id", "accounts.id"),
        _fk("opportunity_id", "opportunities.id"),
        _fk("owner_id", "users.id"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("stage_plan_cells", schema=None) as batch_op:
        for column in ("account_id", "opportunity_id", "owner_id"):
            batch_op.create_index(
                batch_op.f(f"ix_stage_plan_cells_{column}"), [column], unique=False
            )

    op.create_table(
        "routine_actions",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("created_at", sa.String(), nullable=False),
        sa.Column("updated_at", sa.String(), nullable=False),
        sa.Column("hlc", sa.String(), nullable=False),
        sa.Column("clk", sa.String(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("owner_id", sa.String(), nullable=False),
        sa.Column("account_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("cadence_days", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        _fk("account_id", "accounts.id"),
        _fk("owner_id", "users.id"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("routine_actions", schema=None) as batch_op:
        for column in ("account_id", "owner_id"):
            batch_op.create_index(
                batch_op.f(f"ix_routine_actions_{column}"), [column], unique=False
            )
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("routine_id", sa.String(), nullable=True))
        batch_op.create_index(batch_op.f("ix_activities_routine_id"), ["routine_id"], unique=False)
        batch_op.create_foreign_key(
            "fk_activities_routine_id",
            "routine_actions",
            ["routine_id"],
            ["id"],
            initially="DEFERRED",
            deferrable=True,
        )


def downgrade() -> None:
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.drop_constraint("fk_activities_routine_id", type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_activities_routine_id"))
        batch_op.drop_column("routine_id")
    op.drop_table("routine_actions")
    op.drop_table("stage_plan_cells")
