"""Expansion cards, key dates, key events, strategic relationships; contacts.left_on.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26

Existing contacts have not left (``left_on`` empty). ``key_dates.day`` is text:
``YYYY-MM-DD``, or ``MM-DD`` for a yearly date whose year is unknown.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
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
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], initially="DEFERRED", deferrable=True
    )


def _indexes(table: str, columns: tuple[str, ...]) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)


def upgrade() -> None:
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("left_on", sa.Date(), nullable=True))

    op.create_table(
        "expansion_cards",
        *_sync_columns(),
        sa.Column("account_id", sa.String(), nullable=False),
        sa.Column("contact_id", sa.String(), nullable=False),
        sa.Column("relationship_owner_id", sa.String(), nullable=True),
        sa.Column("sponsor_id", sa.String(), nullable=True),
        sa.Column("sponsor_criteria", sa.String(), nullable=False),
        sa.Column("commitments", sa.String(), nullable=False),
        sa.Column("action_plan", sa.String(), nullable=False),
        sa.Column("next_review", sa.Date(), nullable=True),
        sa.Column("notes", sa.String(), nullable=False),
        _fk("account_id", "accounts"),
        _fk("contact_id", "contacts"),
        _fk("owner_id", "users"),
        _fk("relationship_owner_id", "users"),
        _fk("sponsor_id", "users"),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes(
        "expansion_cards",
        ("account_id", "contact_id", "owner_id", "relationship_owner_id", "sponsor_id"),
    )

    op.create_table(
        "key_dates",
        *_sync_columns(),
        sa.Column("account_id", sa.String(), nullable=False),
        sa.Column("contact_id", sa.String(), nullable=True),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("day", sa.String(), nullable=False),
        sa.Column("yearly", sa.Boolean(), nullable=False),
        sa.Column("label", sa.String(), nullable=False),
        sa.Column("personal", sa.Boolean(), nullable=False),
        _fk("account_id", "accounts"),
        _fk("contact_id", "contacts"),
        _fk("owner_id", "users"),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes("key_dates", ("account_id", "contact_id", "owner_id"))

    op.create_table(
        "key_events",
        *_sync_columns(),
        sa.Column("account_id", sa.String(), nullable=False),
        sa.Column("contact_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        _fk("account_id", "accounts"),
        _fk("contact_id", "contacts"),
        _fk("owner_id", "users"),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes("key_events", ("account_id", "contact_id", "owner_id"))

    op.create_table(
        "strategic_relationships",
        *_sync_columns(),
        sa.Column("account_id", sa.String(), nullable=False),
        sa.Column("partner", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("relationship", sa.String(), nullable=False),
        sa.Column("how_to_use", sa.String(), nullable=False),
        _fk("account_id", "accounts"),
        _fk("owner_id", "users"),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes("strategic_relationships", ("account_id", "owner_id"))


def downgrade() -> None:
    for table in ("strategic_relationships", "key_events", "key_dates", "expansion_cards"):
        op.drop_table(table)
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_column("left_on")
