"""One stored tier per scheme: ``accounts.tier_<scheme>`` and ``accounts.tier_<scheme>_reason``.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07

An account had one tier slot (``tier`` in ``tier_scheme``, ``tier_override_reason`` when set
by hand), so it could not be both "A" by revenue and "strategic", and the pyramid counted
figures for every scheme but the slot's. Now it holds one stored tier per scheme (revenue,
fish, strategic, size), each with its own override reason and its own per-field clock; the
accounts list, the account screen, the exports and the review measures read the column of
the team's active scheme, the pyramid the column of the scheme it shows.

Every row is kept. The old slot becomes its scheme's column (value, reason and clock tag);
pending outbox entries of the old fields are renamed the same way. In each scheme computed
from figures (revenue, fish, size) where the account has no tier yet, the tier its figures
give with the team's thresholds (``tier_thresholds``, else the defaults of 2026-12) is stored,
tagged with the row's newest tag (so every device upgrading the same row computes the same
value with the same tag). Every new value is queued for sync like an edit. ``katerm db
upgrade`` reports how many tiers were moved and computed.
"""

import json

import sqlalchemy as sa
from alembic import context, op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

SCHEMES = ("revenue", "fish", "strategic", "size")
# The rules as they were when this revision was written (frozen: later rule changes do not
# change what this upgrade stored).
_RANKED = {
    "revenue": (
        (("A", "annual_revenue", 5_000_000.0),),
        (("B", "annual_revenue", 3_000_000.0),),
        (("C", "annual_revenue", 1_000_000.0),),
    ),
    "size": (
        (
            ("super_large", "company_revenue", 3_000_000_000.0),
            ("super_large", "contract_value", 5_000_000.0),
        ),
        (
            ("mid_large", "company_revenue", 1_000_000_000.0),
            ("mid_large", "contract_value", 3_000_000.0),
        ),
        (("large", "company_revenue", 300_000_000.0), ("large", "contract_value", 1_000_000.0)),
    ),
}
_FALLBACK = {"revenue": "D", "size": None}
_FISH = {"avg_order_value": 100_000.0, "annual_orders": 12.0}


def _thresholds(conn: sa.Connection) -> dict[tuple[str, str, str], float]:
    return {
        (scheme, tier, measure): float(value)
        for scheme, tier, measure, value in conn.exec_driver_sql(
            "SELECT scheme, tier, measure, value FROM tier_thresholds WHERE deleted = 0"
        )
    }


def _computed(
    scheme: str, figures: dict[str, float], stored: dict[tuple[str, str, str], float]
) -> str | None:
    revenue, orders = figures["annual_revenue"], figures["annual_orders"]
    values = {**figures, "avg_order_value": revenue / orders if orders > 0 else 0.0}
    if scheme == "fish":
        price = values["avg_order_value"] >= stored.get(
            ("fish", "", "avg_order_value"), _FISH["avg_order_value"]
        )
        volume = orders >= stored.get(("fish", "", "annual_orders"), _FISH["annual_orders"])
        return {(True, True): "whale", (True, False): "dolphin", (False, True): "shark"}.get(
            (price, volume), "minnow"
        )
    for needs in _RANKED[scheme]:
        if all(values[m] >= stored.get((scheme, t, m), d) for t, m, d in needs):
            return needs[0][0]
    return _FALLBACK[scheme]


def upgrade() -> None:
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        for scheme in SCHEMES:
            batch_op.add_column(sa.Column(f"tier_{scheme}", sa.String(), nullable=True))
            batch_op.add_column(
                sa.Column(
                    f"tier_{scheme}_reason",
                    sa.String(),
                    nullable=False,
                    server_default=sa.text("''"),
                )
            )
    conn = op.get_bind()
    stored = _thresholds(conn)
    moved = computed = 0
    rows = conn.exec_driver_sql(
        "SELECT id, owner_id, tier, tier_scheme, tier_override_reason, clk, hlc, annual_revenue, "
        "annual_orders, contract_value, company_revenue, deleted FROM accounts"
    ).fetchall()
    outbox: list[tuple[str, str, str, str, str, str | None]] = []
    for (
        account_id,
        owner_id,
        tier,
        scheme,
        reason,
        clk,
        hlc,
        revenue,
        orders,
        contract,
        company,
        deleted,
    ) in rows:
        clocks = json.loads(clk or "{}")
        base = clocks.get("*")
        values: dict[str, object] = {}
        if scheme not in SCHEMES:
            scheme = "revenue"
        if tier is not None or reason:
            tag = str(clocks.get("tier") or base or hlc or "")
            values[f"tier_{scheme}"] = tier
            clocks[f"tier_{scheme}"] = tag
            outbox.append((account_id, owner_id, f"tier_{scheme}", json.dumps(tier), tag, base))
            if reason:
                reason_tag = str(clocks.get("tier_override_reason") or tag)
                values[f"tier_{scheme}_reason"] = reason
                clocks[f"tier_{scheme}_reason"] = reason_tag
                outbox.append(
                    (
                        account_id,
                        owner_id,
                        f"tier_{scheme}_reason",
                        json.dumps(reason, ensure_ascii=False),
                        reason_tag,
                        base,
                    )
                )
            moved += 1
        figures = {
            "annual_revenue": float(revenue or 0.0),
            "annual_orders": float(orders or 0),
            "contract_value": float(contract or 0.0),
            "company_revenue": float(company or 0.0),
        }
        for other in ("revenue", "fish", "size"):
            column = f"tier_{other}"
            if column in values:
                continue
            value = _computed(other, figures, stored)
            if value is None:
                continue
            values[column] = value
            clocks[column] = str(hlc or base or "")
            outbox.append((account_id, owner_id, column, json.dumps(value), clocks[column], base))
            computed += not deleted
        for old in ("tier", "tier_scheme", "tier_override_reason"):
            clocks.pop(old, None)
        sets = ", ".join(f"{c} = ?" for c in values)
        conn.exec_driver_sql(
            f"UPDATE accounts SET {sets}{', ' if sets else ''}clk = ? WHERE id = ?",
            (*values.values(), json.dumps(clocks, separators=(",", ":")), account_id),
        )
    # Pending edits of the old slot become edits of its scheme's columns.
    scheme_of = "(SELECT coalesce(a.tier_scheme, 'revenue') FROM accounts a WHERE a.id = row_id)"
    conn.exec_driver_sql(
        f"UPDATE outbox SET field = 'tier_' || {scheme_of} "
        "WHERE tbl = 'accounts' AND field = 'tier'"
    )
    conn.exec_driver_sql(
        f"UPDATE outbox SET field = 'tier_' || {scheme_of} || '_reason' "
        "WHERE tbl = 'accounts' AND field = 'tier_override_reason'"
    )
    conn.exec_driver_sql("DELETE FROM outbox WHERE tbl = 'accounts' AND field = 'tier_scheme'")
    for account_id, owner_id, field, value, tag, base in outbox:
        conn.exec_driver_sql(
            "INSERT INTO outbox (tbl, row_id, owner_id, field, value, tag, base_tag) "
            "VALUES ('accounts', ?, ?, ?, ?, ?, ?)",
            (account_id, owner_id, field, value, tag, base),
        )
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.drop_index("ix_accounts_tier")
        batch_op.drop_index("ix_accounts_tier_override_reason")
        batch_op.drop_column("tier")
        batch_op.drop_column("tier_scheme")
        batch_op.drop_column("tier_override_reason")
    notes = context.config.attributes.setdefault("notes", [])
    if moved or computed:
        notes.append(("db.upgrade.tiers_per_scheme", {"moved": moved, "computed": computed}))


def downgrade() -> None:
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("tier", sa.String(), nullable=True))
        batch_op.add_column(
            sa.Column("tier_scheme", sa.String(), nullable=False, server_default="revenue")
        )
        batch_op.add_column(
            sa.Column("tier_override_reason", sa.String(), nullable=False, server_default="")
        )
        batch_op.create_index("ix_accounts_tier", ["tier"], unique=False)
        batch_op.create_index(
            "ix_accounts_tier_override_reason", ["tier_override_reason"], unique=False
        )
    op.get_bind().exec_driver_sql(
        "UPDATE accounts SET tier = tier_revenue, tier_override_reason = tier_revenue_reason"
    )
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        for scheme in SCHEMES:
            batch_op.drop_column(f"tier_{scheme}_reason")
            batch_op.drop_column(f"tier_{scheme}")
