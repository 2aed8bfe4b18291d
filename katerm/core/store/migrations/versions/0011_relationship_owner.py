"""One relationship owner per contact; other people of ours who know them are extra coverage.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07

Who owns the relationship with a contact was kept three times: ``contacts.covered_by`` (the
influence map), ``expansion_cards.relationship_owner_id`` and ``gap_rows.owner_id``. From now
on it is ``contacts.covered_by`` alone; the card and the gap row read it from the contact.
``gap_rows.owner_id`` stays, meaning only what it means in every synced table: whose portfolio
the row is in (who may see it). ``expansion_cards.relationship_owner_id`` is dropped.

For each contact the three values merge into the one changed most recently (the per-field
clocks ``clk`` say when; a field never edited since its row was made carries the row's ``*``
tag). A value naming a user that no longer exists never wins. Every contact whose owner
changed is reported (``config.attributes["notes"]``, shown by ``katerm db upgrade`` and by the
upgrade on open) and its new value is queued for sync like any edit, carrying the winning tag.

``contacts.also_covered_by`` (JSON list of user ids) holds the additional coverage: our other
people who also know the contact. The card's relationship owner, when it lost the merge and is
someone else, is kept there, so no name a user entered disappears.
"""

import json

import sqlalchemy as sa
from alembic import context, op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def _tag(clk: str | None, field: str) -> str:
    clocks = json.loads(clk or "{}")
    return str(clocks.get(field) or clocks.get("*") or "")


def upgrade() -> None:
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "also_covered_by", sa.String(), server_default=sa.text("'[]'"), nullable=False
            )
        )
    conn = op.get_bind()
    users = {
        r[0]: (r[2] or r[1])
        for r in conn.exec_driver_sql("SELECT id, login, name FROM users WHERE deleted = 0")
    }
    contacts = {
        r[0]: {"name": r[1], "owner_id": r[2], "covered_by": r[3], "clk": r[4]}
        for r in conn.exec_driver_sql(
            "SELECT id, name, owner_id, covered_by, clk FROM contacts WHERE deleted = 0"
        )
    }
    # contact id -> [(tag, user id or None, where)]
    candidates: dict[str, list[tuple[str, str | None, str]]] = {}
    for cid, c in contacts.items():
        clocks = json.loads(c["clk"] or "{}")
        # An owner cleared by hand (its own clock) counts; one never set does not.
        if c["covered_by"] is not None or "covered_by" in clocks:
            candidates.setdefault(cid, []).append(
                (_tag(c["clk"], "covered_by"), c["covered_by"], "map")
            )
    extra: dict[str, set[str]] = {}
    for contact_id, owner, clk in conn.exec_driver_sql(
        "SELECT contact_id, relationship_owner_id, clk FROM expansion_cards "
        "WHERE deleted = 0 AND relationship_owner_id IS NOT NULL"
    ):
        if contact_id in contacts:
            candidates.setdefault(contact_id, []).append(
                (_tag(clk, "relationship_owner_id"), owner, "card")
            )
            extra.setdefault(contact_id, set()).add(owner)
    for contact_id, owner, clk in conn.exec_driver_sql(
        "SELECT contact_id, owner_id, clk FROM gap_rows WHERE deleted = 0"
    ):
        if contact_id in contacts:
            candidates.setdefault(contact_id, []).append((_tag(clk, "owner_id"), owner, "gap"))
    notes = context.config.attributes.setdefault("notes", [])
    merged = 0
    for cid, found in candidates.items():
        live = [f for f in found if f[1] is None or f[1] in users]
        if not live:
            continue
        tag, winner, source = max(live, key=lambda f: (f[0], f[1] or ""))
        c = contacts[cid]
        also = sorted(u for u in extra.get(cid, set()) if u in users and u != winner)
        if also:
            conn.exec_driver_sql(
                "UPDATE contacts SET also_covered_by = ? WHERE id = ?", (json.dumps(also), cid)
            )
        if winner == c["covered_by"]:
            continue
        losers = sorted({users.get(f[1] or "", "—") for f in live if f[1] != winner})
        notes.append(
            (
                "db.upgrade.owner_merged",
                {
                    "contact": c["name"],
                    "owner": users.get(winner or "", "—"),
                    "source": source,
                    "overridden": ", ".join(losers),
                },
            )
        )
        clocks = json.loads(c["clk"] or "{}")
        base = clocks.get("covered_by") or clocks.get("*")
        clocks["covered_by"] = tag
        conn.exec_driver_sql(
            "UPDATE contacts SET covered_by = ?, clk = ? WHERE id = ?",
            (winner, json.dumps(clocks, separators=(",", ":")), cid),
        )
        conn.exec_driver_sql(
            "INSERT INTO outbox (tbl, row_id, owner_id, field, value, tag, base_tag) "
            "VALUES ('contacts', ?, ?, 'covered_by', ?, ?, ?)",
            (cid, c["owner_id"], json.dumps(winner), tag, base),
        )
        merged += 1
    if merged:
        notes.append(("db.upgrade.owners_merged", {"count": merged}))
    with op.batch_alter_table("expansion_cards", schema=None) as batch_op:
        batch_op.drop_index("ix_expansion_cards_relationship_owner_id")
        batch_op.drop_column("relationship_owner_id")


def downgrade() -> None:
    with op.batch_alter_table("expansion_cards", schema=None) as batch_op:
        batch_op.add_column(sa.Column("relationship_owner_id", sa.String(), nullable=True))
        batch_op.create_index(
            "ix_expansion_cards_relationship_owner_id", ["relationship_owner_id"], unique=False
        )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_column("also_covered_by")
