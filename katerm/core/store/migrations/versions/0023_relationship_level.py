"""One relationship-level scale: a person's current level is stored once, on the contact.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-07

The same fact had two scales: ``contacts.contact_level`` (none / met / regular / trusted, on the
influence map) and the gap row's ``level_now`` (0–5: unknown, acquainted, working contact,
trusted, friend, partner). From now on it is ``contacts.level`` (0–5) alone: the map shows and
edits it, the gap table reads it as its "now" and keeps only its target (``level_target``).

The old words map onto the 0–5 scale by what each says we can do with the person:
``none`` → 0 unknown (no contact at all); ``met`` → 1 acquainted (we have met, they know who we
are, nothing more); ``regular`` → 2 working contact (we are in touch in the course of work,
the customer's work circle); ``trusted`` → 3 trusted (they confide in us: the scale's own
"trusted", still in the work circle). Nothing maps onto 4 friend or 5 partner: the old scale
never reached the customer's life circle, so an upgrade never claims more than was recorded.

For each contact the map's (mapped) value and its live gap row's ``level_now`` merge into the
one changed most recently, as migration 0011 did for the relationship owner: the per-field
clocks ``clk`` say when (a field never edited since its row was made carries the row's ``*``
tag). A map value still at its default (``none``, never edited) and a gap row whose level was
never scored (no ``gap_scores`` entry for it) are not candidates: a default is nobody's
statement. Every contact whose two values disagreed is reported (``config.attributes["notes"]``,
shown by ``katerm db upgrade`` and by the upgrade on open), with what was overridden.

Sync: a level other than 0 (the new column's default, on the server too) is queued for sync
with a tag one step after the winning value's own tag: the same on every device that upgrades
the same data (the second push is a duplicate), and older than any edit made after an upgrade
(so it never overwrites one). Stage-plan cells aimed at the old words (``met``, ``regular``,
``trusted``) now aim at the scale's words (``acquainted``, ``working``, ``trusted``), queued the
same way. Every row is kept; ``contacts.contact_level`` and ``gap_rows.level_now`` are dropped
(their history stays in ``gap_scores``).
"""

import json

import sqlalchemy as sa
from alembic import context, op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

OLD_LEVELS = {"none": 0, "met": 1, "regular": 2, "trusted": 3}
OLD_TARGETS = {"met": "acquainted", "regular": "working", "trusted": "trusted"}
MAX_COUNTER = 99_999


def _clocks(clk: str | None) -> dict[str, str]:
    found = json.loads(clk or "{}")
    return found if isinstance(found, dict) else {}


def _after(tag: str) -> str:
    """The tag one step after ``tag`` on the same device (tags are ``ms-counter-device``)."""
    ms, counter, device = tag.split("-", 2)
    if int(counter) >= MAX_COUNTER:
        return f"{int(ms) + 1:013d}-00000-{device}"
    return f"{int(ms):013d}-{int(counter) + 1:05d}-{device}"


def _queue(conn, table: str, row_id: str, owner: str, field: str, clk: str | None, tag: str):
    """Set the field's clock to ``tag`` and queue the row's value of it for sync."""
    clocks = _clocks(clk)
    base = clocks.get(field) or clocks.get("*")
    clocks[field] = tag
    conn.exec_driver_sql(
        f"UPDATE {table} SET clk = ? WHERE id = ?",
        (json.dumps(clocks, separators=(",", ":")), row_id),
    )
    conn.exec_driver_sql(
        "INSERT INTO outbox (tbl, row_id, owner_id, field, tag, base_tag) VALUES (?, ?, ?, ?, ?, ?)",
        (table, row_id, owner, field, tag, base),
    )


def upgrade() -> None:
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("level", sa.Integer(), server_default=sa.text("0"), nullable=False)
        )
    conn = op.get_bind()
    contacts = list(
        conn.exec_driver_sql("SELECT id, name, owner_id, contact_level, clk, deleted FROM contacts")
    )
    scored = {
        r[0]
        for r in conn.exec_driver_sql(
            "SELECT DISTINCT gap_row_id FROM gap_scores WHERE dimension = 'level' AND target = 0"
        )
    }
    gaps: dict[str, tuple[int, str]] = {}
    for row_id, contact_id, level_now, clk in conn.exec_driver_sql(
        "SELECT id, contact_id, level_now, clk FROM gap_rows WHERE deleted = 0"
    ):
        clocks = _clocks(clk)
        if row_id in scored or "level_now" in clocks:
            tag = str(clocks.get("level_now") or clocks.get("*") or "")
            if contact_id not in gaps or tag > gaps[contact_id][1]:
                gaps[contact_id] = (max(0, min(5, int(level_now or 0))), tag)
    notes = context.config.attributes.setdefault("notes", [])
    merged = 0
    for cid, name, owner, old_word, clk, deleted in contacts:
        clocks = _clocks(clk)
        mapped = OLD_LEVELS.get(str(old_word or "none"), 0)
        found: list[tuple[str, int, str]] = []
        if mapped != 0 or "contact_level" in clocks:
            found.append((str(clocks.get("contact_level") or clocks.get("*") or ""), mapped, "map"))
        if cid in gaps and not deleted:
            found.append((gaps[cid][1], gaps[cid][0], "gap"))
        if not found:
            continue
        tag, level, source = max(found)
        if level:
            conn.exec_driver_sql("UPDATE contacts SET level = ? WHERE id = ?", (level, cid))
            if not deleted and tag:
                _queue(conn, "contacts", cid, owner, "level", clk, _after(tag))
        others = sorted({str(f[1]) for f in found if f[1] != level})
        if others:
            merged += 1
            notes.append(
                (
                    "db.upgrade.level_merged",
                    {
                        "contact": name,
                        "level": level,
                        "source": source,
                        "overridden": ", ".join(others),
                    },
                )
            )
    if merged:
        notes.append(("db.upgrade.levels_merged", {"count": merged}))
    for cell_id, owner, target, clk, deleted in list(
        conn.exec_driver_sql("SELECT id, owner_id, target, clk, deleted FROM stage_plan_cells")
    ):
        aim = OLD_TARGETS.get(target or "")
        if aim is None or aim == target:
            continue
        conn.exec_driver_sql("UPDATE stage_plan_cells SET target = ? WHERE id = ?", (aim, cell_id))
        clocks = _clocks(clk)
        since = clocks.get("target") or clocks.get("*")
        if not deleted and since:
            _queue(conn, "stage_plan_cells", cell_id, owner, "target", clk, _after(str(since)))
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_column("contact_level")
    with op.batch_alter_table("gap_rows", schema=None) as batch_op:
        batch_op.drop_column("level_now")


def downgrade() -> None:
    with op.batch_alter_table("gap_rows", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("level_now", sa.Integer(), server_default=sa.text("0"), nullable=False)
        )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "contact_level", sa.String(), server_default=sa.text("'none'"), nullable=False
            )
        )
    conn = op.get_bind()
    conn.exec_driver_sql(
        "UPDATE gap_rows SET level_now = "
        "(SELECT c.level FROM contacts c WHERE c.id = gap_rows.contact_id)"
    )
    conn.exec_driver_sql(
        "UPDATE contacts SET contact_level = CASE WHEN level >= 3 THEN 'trusted' "
        "WHEN level = 2 THEN 'regular' WHEN level = 1 THEN 'met' ELSE 'none' END"
    )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_column("level")
    back = {v: k for k, v in OLD_TARGETS.items()}
    for new, old in back.items():
        conn.exec_driver_sql("UPDATE stage_plan_cells SET target = ? WHERE target = ?", (old, new))
    conn.exec_driver_sql(
        "UPDATE stage_plan_cells SET target = 'trusted' WHERE target IN ('friend', 'partner')"
    )
