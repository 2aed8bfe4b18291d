"""Relationship-gap table: one row per key contact, and the history of its scores.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23

Two new tables; nothing existing changes.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

DIMENSIONS = ("recognition", "events", "information", "guidance", "support", "competition")


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


def upgrade() -> None:
    scores = [
        sa.Column(f"{d}_{w}", sa.Integer(), nullable=False)
        for d in (*DIMENSIONS, "level")
        for w in ("now", "target")
    ]
    # The model lists the overall level after the six dimensions, now then target each.
    op.create_table(
        "gap_rows",
        *_sync_columns(),
        sa.Column("owner_id", sa.String(), nullable=False),
        sa.Column("account_id", sa.String(), nullable=False),
        sa.Column("contact_id", sa.String(), nullable=False),
        *scores,
        sa.Column("next_action", sa.String(), nullable=False),
        sa.Column("scenario", sa.String(), nullable=False),
        sa.Column("due_date", sa.String(), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        _fk("account_id", "accounts.id"),
        _fk("contact_id", "contacts.id"),
        _fk("owner_id", "users.id"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("gap_rows", schema=None) as batch_op:
        for column in ("account_id", "contact_id", "due_date", "owner_id"):
            batch_op.create_index(batch_op.f(f"ix_gap_rows_{column}"), [column], unique=False)

    op.create_table(
        "gap_scores",
        *_sync_columns(),
        sa.Column("owner_id", sa.String(), nullable=False),
        sa.Column("gap_row_id", sa.String(), nullable=False),
        sa.Column("dimension", sa.String(), nullable=False),
        sa.Column("target", sa.Boolean(), nullable=False),
        sa.Column("old", sa.Integer(), nullable=True),
        sa.Column("new", sa.Integer(), nullable=False),
        sa.Column("changed_by", sa.String(), nullable=False),
        sa.Column("changed_at", sa.String(), nullable=False),
        _fk("changed_by", "users.id"),
        _fk("gap_row_id", "gap_rows.id"),
        _fk("owner_id", "users.id"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("gap_scores", schema=None) as batch_op:
        for column in ("changed_by", "gap_row_id", "owner_id"):
            batch_op.create_index(batch_op.f(f"ix_gap_scores_{column}"), [column], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("gap_scores", schema=None) as batch_op:
        for column in ("owner_id", "gap_row_id", "changed_by"):
            batch_op.drop_index(batch_op.f(f"ix_gap_scores_{column}"))
    op.drop_table("gap_scores")
    with op.batch_alter_table("gap_rows", schema=None) as batch_op:
        for column in ("owner_id", "due_date", "contact_id", "account_id"):
            batch_op.drop_index(batch_op.f(f"ix_gap_rows_{column}"))
    op.drop_table("gap_rows")
