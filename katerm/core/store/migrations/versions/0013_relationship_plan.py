"""Competitors (the team's list, where each is present, how strongly a contact favours one)
and the opportunity and stage an activity served.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07

New tables, and new columns with an empty default, so existing rows read as before.
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
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
    ]


def _fk(column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [target], initially="DEFERRED", deferrable=True)


ANSWERS = ("profile", "relationships", "strengths", "offer", "strategy", "customer_attitude")


def upgrade() -> None:
    op.create_table(
        "competitors",
        *_sync_columns(),
        sa.Column("owner_id", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("notes", sa.String(), nullable=False),
        _fk("owner_id", "users.id"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("competitors", schema=None) as batch_op:
        for column in ("name", "owner_id"):
            batch_op.create_index(batch_op.f(f"ix_competitors_{column}"), [column], unique=False)

    op.create_table(
        "competitor_presences",
        *_sync_columns(),
        sa.Column("owner_id", sa.String(), nullable=False),
        sa.Column("competitor_id", sa.String(), nullable=False),
        sa.Column("account_id", sa.String(), nullable=False),
        sa.Column("opportunity_id", sa.String(), nullable=True),
        *(sa.Column(c, sa.String(), nullable=False) for c in ANSWERS),
        _fk("account_id", "accounts.id"),
        _fk("competitor_id", "competitors.id"),
        _fk("opportunity_id", "opportunities.id"),
        _fk("owner_id", "users.id"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("competitor_presences", schema=None) as batch_op:
        for column in ("account_id", "competitor_id", "opportunity_id", "owner_id"):
            batch_op.create_index(
                batch_op.f(f"ix_competitor_presences_{column}"), [column], unique=False
            )

    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("favour_strength", sa.String(), nullable=False, server_default="")
        )

    # The opportunity an activity served, and at which stage of lead to cash.
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("opportunity_id", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("stage", sa.String(), nullable=False, server_default=""))
        batch_op.create_index(
            batch_op.f("ix_activities_opportunity_id"), ["opportunity_id"], unique=False
        )
        batch_op.create_foreign_key(
            "fk_activities_opportunity_id",
            "opportunities",
            ["opportunity_id"],
            ["id"],
            initially="DEFERRED",
            deferrable=True,
        )


def downgrade() -> None:
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.drop_constraint("fk_activities_opportunity_id", type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_activities_opportunity_id"))
        batch_op.drop_column("stage")
        batch_op.drop_column("opportunity_id")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_column("favour_strength")
    op.drop_table("competitor_presences")
    op.drop_table("competitors")
