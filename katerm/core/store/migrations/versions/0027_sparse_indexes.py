"""Opportunities: indexes that hold only the orders they are read for (issue 22).

* The five links most orders leave empty, an order's key person (``contact_id``), the order
  it renews (``renewal_of``) and a lead's referrer and nurturer (``referred_account_id``,
  ``referred_contact_id``, ``nurturer_id``), each had an index holding every order. Each is
  now indexed only ``WHERE <column> IS NOT NULL``.
* ``ix_opportunities_closed_on`` (the monthly and quarterly reviews' covering index of closed
  orders) now holds only orders with a close day: every read by it asks for a range of close
  days, and open orders, most of a growing pipeline, were a third of the table's index pages.

Every look-up they serve (``= ?``, a range, ``IS NOT NULL``, SQLite's own foreign-key checks)
reads the same entries through the same index: the query plans of every statement the
pipeline, stuck orders, leads, daily, weekly, monthly and quarterly reviews, pyramid,
competitors and routines run are unchanged on a 100,000-account demo. An order without links
or a close day writes none of them: importing 100,000 open orders builds about a third less
index (bench_import_kinds). Indexes only: every existing row reads as before.

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
CLOSED = "ix_opportunities_closed_on"
CLOSED_COLUMNS = [
    "closed_on",
    "outcome",
    "owner_id",
    "deleted",
    "account_id",
    "amount",
    "opened_on",
    "currency",
]


def _index(name: str, columns: list[str], where: str | None) -> None:
    op.drop_index(name, table_name="opportunities")
    op.create_index(
        name,
        "opportunities",
        columns,
        unique=False,
        **({"sqlite_where": sa.text(where)} if where else {}),
    )


def upgrade() -> None:
    for column in LINKS:
        _index(f"ix_opportunities_{column}", [column], f"{column} IS NOT NULL")
    _index(CLOSED, CLOSED_COLUMNS, "closed_on IS NOT NULL")


def downgrade() -> None:
    _index(CLOSED, CLOSED_COLUMNS, None)
    for column in LINKS:
        _index(f"ix_opportunities_{column}", [column], None)
