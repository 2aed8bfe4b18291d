"""Opportunities: the five links most orders leave empty get partial indexes (issue 22).

An order's key person (``contact_id``), the order it renews (``renewal_of``) and a lead's
referrer and nurturer (``referred_account_id``, ``referred_contact_id``, ``nurturer_id``) are
empty on most orders, yet each had an index holding every order. Each is now indexed only
``WHERE <column> IS NOT NULL``: every look-up by a link (``= ?``, the renewals' ``IS NOT NULL``,
SQLite's own foreign-key checks) reads the same index entries as before, and a new order
without links writes none of them (bench_import_kinds: the plain insert of 100,000 orders
about a tenth faster). Indexes only: every existing row reads as before.

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None

LINKS = ("contact_id", "renewal_of", "referred_account_id", "referred_contact_id", "nurturer_id")


def upgrade() -> None:
    for column in LINKS:
        name = f"ix_opportunities_{column}"
        op.drop_index(name, table_name="opportunities")
        op.create_index(
            name,
            "opportunities",
            [column],
            unique=False,
            sqlite_where=sa.text(f"{column} IS NOT NULL"),
        )


def downgrade() -> None:
    for column in LINKS:
        name = f"ix_opportunities_{column}"
        op.drop_index(name, table_name="opportunities")
        op.create_index(name, "opportunities", [column], unique=False)
