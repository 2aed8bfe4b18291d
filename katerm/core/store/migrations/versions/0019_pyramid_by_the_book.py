"""The pyramid by the book (issue 17, part 7): each account's revenue and customer
satisfaction per year (``account_revenues``, for the periodic evaluation's growth over the
last years) and each team member's grade and join date (``member_grades``, for who should
serve each tier).

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07

Two new tables: every existing row reads as before.
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def _fk(column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [target], initially="DEFERRED", deferrable=True)


def _synced(name: str, *columns: sa.Column, links: tuple[tuple[str, str], ...]) -> None:
    op.create_table(
        name,
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("created_at", sa.String(), nullable=False),
        sa.Column("updated_at", sa.String(), nullable=False),
        sa.Column("hlc", sa.String(), nullable=False),
        sa.Column("clk", sa.String(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("owner_id", sa.String(), nullable=False),
        *columns,
        *(_fk(column, target) for column, target in links),
        sa.PrimaryKeyConstraint("id"),
    )


def upgrade() -> None:
    _synced(
        "account_revenues",
        sa.Column("account_id", sa.String(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Float(), nullable=False),
        sa.Column("currency", sa.String(), nullable=False),
        sa.Column("satisfaction", sa.Integer(), nullable=True),
        links=(("account_id", "accounts.id"), ("owner_id", "users.id")),
    )
    with op.batch_alter_table("account_revenues", schema=None) as batch_op:
        for column in ("account_id", "owner_id", "year"):
            batch_op.create_index(
                batch_op.f(f"ix_account_revenues_{column}"), [column], unique=False
            )
        batch_op.create_index(
            "ix_account_revenues_evaluation",
            ["account_id", "year", "amount", "satisfaction", "deleted"],
            unique=False,
        )
    _synced(
        "member_grades",
        sa.Column("user_id", sa.String(), nullable=False),
        sa.Column("grade", sa.String(), nullable=False),
        sa.Column("joined_on", sa.Date(), nullable=True),
        links=(("user_id", "users.id"), ("owner_id", "users.id")),
    )
    with op.batch_alter_table("member_grades", schema=None) as batch_op:
        for column in ("owner_id", "user_id"):
            batch_op.create_index(batch_op.f(f"ix_member_grades_{column}"), [column], unique=False)


def downgrade() -> None:
    op.drop_table("member_grades")
    op.drop_table("account_revenues")
