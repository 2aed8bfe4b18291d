"""Influence map: decision roles and ratings on contacts, reporting lines, lines of influence.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24

Existing contacts get "not assessed" values: no role, influence and support level empty,
attitude unknown, contact level none, nobody covering them, no boss, not a rising star.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("role", sa.String(), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column("other_roles", sa.String(), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("influence", sa.String(), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column("attitude", sa.String(), nullable=False, server_default="unknown")
        )
        batch_op.add_column(
            sa.Column("support_level", sa.String(), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("favours_competitor", sa.String(), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("contact_level", sa.String(), nullable=False, server_default="none")
        )
        batch_op.add_column(sa.Column("covered_by", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("reports_to", sa.String(), nullable=True))
        batch_op.add_column(
            sa.Column("rising_star", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.create_index(batch_op.f("ix_contacts_covered_by"), ["covered_by"], unique=False)
        batch_op.create_index(batch_op.f("ix_contacts_reports_to"), ["reports_to"], unique=False)
        batch_op.create_foreign_key(
            "fk_contacts_covered_by_users",
            "users",
            ["covered_by"],
            ["id"],
            initially="DEFERRED",
            deferrable=True,
        )
        batch_op.create_foreign_key(
            "fk_contacts_reports_to_contacts",
            "contacts",
            ["reports_to"],
            ["id"],
            initially="DEFERRED",
            deferrable=True,
        )

    op.create_table(
        "influence_lines",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("created_at", sa.String(), nullable=False),
        sa.Column("updated_at", sa.String(), nullable=False),
        sa.Column("hlc", sa.String(), nullable=False),
        sa.Column("clk", sa.String(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("owner_id", sa.String(), nullable=False),
        sa.Column("account_id", sa.String(), nullable=False),
        sa.Column("from_contact_id", sa.String(), nullable=False),
        sa.Column("to_contact_id", sa.String(), nullable=False),
        sa.Column("strength", sa.String(), nullable=False),
        sa.Column("notes", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], initially="DEFERRED", deferrable=True
        ),
        sa.ForeignKeyConstraint(
            ["from_contact_id"], ["contacts.id"], initially="DEFERRED", deferrable=True
        ),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], initially="DEFERRED", deferrable=True),
        sa.ForeignKeyConstraint(
            ["to_contact_id"], ["contacts.id"], initially="DEFERRED", deferrable=True
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("influence_lines", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_influence_lines_account_id"), ["account_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_influence_lines_from_contact_id"), ["from_contact_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_influence_lines_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_influence_lines_to_contact_id"), ["to_contact_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("influence_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_influence_lines_to_contact_id"))
        batch_op.drop_index(batch_op.f("ix_influence_lines_owner_id"))
        batch_op.drop_index(batch_op.f("ix_influence_lines_from_contact_id"))
        batch_op.drop_index(batch_op.f("ix_influence_lines_account_id"))
    op.drop_table("influence_lines")

    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_constraint("fk_contacts_reports_to_contacts", type_="foreignkey")
        batch_op.drop_constraint("fk_contacts_covered_by_users", type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_contacts_reports_to"))
        batch_op.drop_index(batch_op.f("ix_contacts_covered_by"))
        for column in (
            "rising_star",
            "reports_to",
            "covered_by",
            "contact_level",
            "favours_competitor",
            "support_level",
            "attitude",
            "influence",
            "other_roles",
            "role",
        ):
            batch_op.drop_column(column)
