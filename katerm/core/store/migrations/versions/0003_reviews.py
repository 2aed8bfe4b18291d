"""Reviews: the activity log, checklist templates and ticks, plans, follow-ups, evening reviews.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27

Frozen like every migration: plain SQLAlchemy types, no katerm imports. Times are ISO-8601 UTC
text (String), dates are ``YYYY-MM-DD`` (Date), as in 0001.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _synced(*columns: sa.Column) -> list[sa.Column]:
    """The columns every synced table starts with, then the table's own."""
    return [
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("created_at", sa.String(), nullable=False),
        sa.Column("updated_at", sa.String(), nullable=False),
        sa.Column("hlc", sa.String(), nullable=False),
        sa.Column("clk", sa.String(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("owner_id", sa.String(), nullable=False),
        *columns,
    ]


def _fk(column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [target], initially="DEFERRED", deferrable=True)


def upgrade() -> None:
    op.create_table(
        "activities",
        *_synced(
            sa.Column("account_id", sa.String(), nullable=False),
            sa.Column("kind", sa.String(), nullable=False),
            sa.Column("scenario", sa.String(), nullable=False),
            sa.Column("occurred_at", sa.String(), nullable=False),
            sa.Column("contact_ids", sa.String(), nullable=False),
            sa.Column("note", sa.String(), nullable=False),
            sa.Column("next_step", sa.String(), nullable=False),
        ),
        _fk("account_id", "accounts.id"),
        _fk("owner_id", "users.id"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.create_index(
            "ix_activities_account_time", ["account_id", "occurred_at"], unique=False
        )
        batch_op.create_index("ix_activities_owner_time", ["owner_id", "occurred_at"], unique=False)

    op.create_table(
        "checklist_items",
        *_synced(
            sa.Column("period", sa.String(), nullable=False),
            sa.Column("key", sa.String(), nullable=False),
            sa.Column("kind", sa.String(), nullable=False),
            sa.Column("measure", sa.String(), nullable=False),
            sa.Column("target", sa.Integer(), nullable=True),
            sa.Column("label", sa.String(), nullable=False),
            sa.Column("position", sa.Integer(), nullable=False),
            sa.Column("valid_from", sa.Date(), nullable=True),
            sa.Column("valid_until", sa.Date(), nullable=True),
        ),
        _fk("owner_id", "users.id"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("checklist_items", schema=None) as batch_op:
        batch_op.create_index("ix_checklist_items_owner_id", ["owner_id"], unique=False)

    op.create_table(
        "checklists",
        *_synced(
            sa.Column("period", sa.String(), nullable=False),
            sa.Column("period_key", sa.String(), nullable=False),
            sa.Column("reopened", sa.Boolean(), nullable=False),
            sa.Column("reopened_by", sa.String(), nullable=True),
        ),
        _fk("owner_id", "users.id"),
        _fk("reopened_by", "users.id"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("checklists", schema=None) as batch_op:
        batch_op.create_index("ix_checklists_owner_id", ["owner_id"], unique=False)

    op.create_table(
        "checklist_marks",
        *_synced(
            sa.Column("period", sa.String(), nullable=False),
            sa.Column("period_key", sa.String(), nullable=False),
            sa.Column("item_key", sa.String(), nullable=False),
            sa.Column("done", sa.Boolean(), nullable=False),
            sa.Column("note", sa.String(), nullable=False),
        ),
        _fk("owner_id", "users.id"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("checklist_marks", schema=None) as batch_op:
        batch_op.create_index(
            "ix_checklist_marks_owner_period", ["owner_id", "period_key"], unique=False
        )

    op.create_table(
        "work_plans",
        *_synced(
            sa.Column("period", sa.String(), nullable=False),
            sa.Column("period_key", sa.String(), nullable=False),
            sa.Column("text", sa.String(), nullable=False),
        ),
        _fk("owner_id", "users.id"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("work_plans", schema=None) as batch_op:
        batch_op.create_index(
            "ix_work_plans_owner_period", ["owner_id", "period_key"], unique=False
        )

    op.create_table(
        "follow_ups",
        *_synced(
            sa.Column("created_by", sa.String(), nullable=True),
            sa.Column("review_id", sa.String(), nullable=True),
            sa.Column("account_id", sa.String(), nullable=True),
            sa.Column("text", sa.String(), nullable=False),
            sa.Column("due_date", sa.Date(), nullable=True),
            sa.Column("status", sa.String(), nullable=False),
            sa.Column("done_at", sa.String(), nullable=True),
        ),
        _fk("account_id", "accounts.id"),
        _fk("created_by", "users.id"),
        _fk("owner_id", "users.id"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("follow_ups", schema=None) as batch_op:
        batch_op.create_index("ix_follow_ups_account_id", ["account_id"], unique=False)
        batch_op.create_index("ix_follow_ups_owner_id", ["owner_id"], unique=False)
        batch_op.create_index("ix_follow_ups_review_id", ["review_id"], unique=False)

    op.create_table(
        "evening_reviews",
        *_synced(
            sa.Column("day", sa.Date(), nullable=False),
            sa.Column("run_by", sa.String(), nullable=True),
            sa.Column("finished_at", sa.String(), nullable=True),
            sa.Column("summary", sa.String(), nullable=False),
        ),
        _fk("owner_id", "users.id"),
        _fk("run_by", "users.id"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("evening_reviews", schema=None) as batch_op:
        batch_op.create_index("ix_evening_reviews_day", ["day"], unique=False)
        batch_op.create_index("ix_evening_reviews_owner_id", ["owner_id"], unique=False)

    op.create_table(
        "review_notes",
        *_synced(
            sa.Column("review_id", sa.String(), nullable=False),
            sa.Column("day", sa.Date(), nullable=False),
            sa.Column("author_id", sa.String(), nullable=True),
            sa.Column("reviewed", sa.Boolean(), nullable=False),
            sa.Column("comment", sa.String(), nullable=False),
        ),
        _fk("author_id", "users.id"),
        _fk("owner_id", "users.id"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("review_notes", schema=None) as batch_op:
        batch_op.create_index("ix_review_notes_day", ["day"], unique=False)
        batch_op.create_index("ix_review_notes_owner_id", ["owner_id"], unique=False)
        batch_op.create_index("ix_review_notes_review_id", ["review_id"], unique=False)


def downgrade() -> None:
    for table in (
        "review_notes",
        "evening_reviews",
        "follow_ups",
        "work_plans",
        "checklist_marks",
        "checklists",
        "checklist_items",
        "activities",
    ):
        op.drop_table(table)  # SQLite drops a table's indexes with it
