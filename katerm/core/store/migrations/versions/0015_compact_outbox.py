"""A compact outbox: an entry names the row, the field and its tags; the value is read from
the row when it is pushed.

Revision ID: 0015
Revises: 0013
Create Date: 2026-12-07

``outbox.value`` may now be NULL ("the row's current value"). Entries already waiting keep the
value they carry and push it as before, so an upgrade loses no pending change. (Rebuilding
the table is how SQLite changes a column's NOT NULL; the rows are copied as they are.)

The index by row covers field entries only (``field != '*'``): those are what edits and pulls
look up, and a bulk import or a demo then writes no index entry of a random id per row.
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_row_id")
        batch_op.alter_column("value", existing_type=sa.String(), nullable=True)
        batch_op.create_index(
            "ix_outbox_row_id", ["row_id"], unique=False, sqlite_where=sa.text("field != '*'")
        )


def downgrade() -> None:
    # An older katerm needs a value in every entry: fill the compact ones with null, which it
    # pushes as "no value" (push before downgrading to keep them).
    op.execute("UPDATE outbox SET value = 'null' WHERE value IS NULL")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_row_id")
        batch_op.alter_column("value", existing_type=sa.String(), nullable=False)
        batch_op.create_index("ix_outbox_row_id", ["row_id"], unique=False)
