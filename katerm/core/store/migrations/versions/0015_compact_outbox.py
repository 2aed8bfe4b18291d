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


_SYNC = ("id", "created_at", "updated_at", "hlc", "clk", "deleted")


def downgrade() -> None:
    # An older katerm needs a value in every entry: each compact one gets the row's value now
    # (what a push would have sent), built in SQL from the table's own columns.
    conn = op.get_bind()
    waiting = conn.exec_driver_sql(
        "SELECT DISTINCT tbl, field FROM outbox WHERE value IS NULL"
    ).fetchall()
    for tbl, field in waiting:
        columns = [r[1] for r in conn.exec_driver_sql(f'PRAGMA table_info("{tbl}")')]
        if not columns:
            continue
        if field == "*":
            pairs = ", ".join(f"'{c}', t.\"{c}\"" for c in columns if c not in _SYNC)
            value = (
                f"CASE WHEN t.deleted THEN json_set(json_object({pairs}), '$._deleted', json('true'))"
                f" ELSE json_object({pairs}) END"
            )
        elif field == "_deleted":
            value = "CASE WHEN t.deleted THEN 'true' ELSE 'false' END"
        elif field in columns:
            value = f'json_quote(t."{field}")'
        else:
            value = "'null'"
        conn.exec_driver_sql(
            f'UPDATE outbox SET value = (SELECT {value} FROM "{tbl}" t WHERE t.id = outbox.row_id) '
            "WHERE tbl = ? AND field = ? AND value IS NULL",
            (tbl, field),
        )
    op.execute("UPDATE outbox SET value = 'null' WHERE value IS NULL")  # a row that is gone
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_row_id")
        batch_op.alter_column("value", existing_type=sa.String(), nullable=False)
        batch_op.create_index("ix_outbox_row_id", ["row_id"], unique=False)
