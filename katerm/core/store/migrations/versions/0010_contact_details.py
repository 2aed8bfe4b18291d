"""An account's phone, website and address; a lost opportunity's reason and winner.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06

CRM exports (Salesforce, HubSpot, 纷享销客, 销售易) carry an account's phone, website and
address, and the opportunity list (商机列表) says why an order was lost and to whom. New
columns only, each with an empty default, so existing rows read as before.
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_NEW = {
    "accounts": ("phone", "website", "address"),
    "opportunities": ("loss_reason", "winner"),
}


def upgrade() -> None:
    for table, columns in _NEW.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.add_column(
                    sa.Column(column, sa.String(), nullable=False, server_default="")
                )


def downgrade() -> None:
    for table, columns in _NEW.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.drop_column(column)
