"""Revision 0014: one stored tier per scheme (issue 17).

A database as today's main leaves it (revision 0013) holds one tier slot per account (``tier``
in ``tier_scheme``, ``tier_override_reason``); the upgrade moves each slot into its scheme's
column with its reason and clock, computes the missing tiers of the figure schemes with the
team's thresholds, renames pending outbox edits, keeps every row and says what it did.
"""

from __future__ import annotations

import json
import sqlite3

from katerm.core.store import db as dbmod
from katerm.core.store.db import Database, schema_head, upgrade
from katerm.paths import resolve_paths

OLD, NEW = "0000000001000-00000-dev", "0000000003000-00000-dev"


def old_database(path) -> None:
    """A 0013 database: 明珠 is B by hand (held, reason) with revenue for C; 燕山 is a
    strategic partner; 长江 has no tier; 东风 is deleted. The team raised fish's price line."""
    dbmod.connect(path, create=True).close()
    old = Database(path)
    upgrade(old, to="0013")
    old.close()
    raw = sqlite3.connect(path)
    cols = "id, created_at, updated_at, hlc, clk, deleted"
    with raw:
        raw.execute(
            f"INSERT INTO users ({cols}, owner_id, login, name, email) "
            "VALUES ('u1', 't', 't', ?, ?, 0, 'u1', 'li', '李雷', '')",
            (OLD, json.dumps({"*": OLD})),
        )
        accounts = (
            # id, name, revenue, orders, company revenue, tier, scheme, reason, clk, deleted
            ("a1", "明珠", 2e6, 4, 5e8, "B", "revenue", "潜力大", {"*": OLD, "tier": NEW}, 0),
            ("a2", "燕山", 6e6, 30, 4e9, "partner", "strategic", "", {"*": OLD}, 0),
            ("a3", "长江", 0, 0, 0, None, "revenue", "", {"*": OLD}, 0),
            ("a4", "东风", 1e6, 2, 0, "C", "revenue", "", {"*": OLD}, 1),
        )
        for aid, name, revenue, orders, company, tier, scheme, reason, clk, gone in accounts:
            raw.execute(
                f"INSERT INTO accounts ({cols}, owner_id, name, industry, region, "
                "annual_revenue, contract_value, potential_revenue, annual_orders, "
                "company_revenue, tier, tier_scheme, tier_override_reason, lifecycle, notes, "
                "currency) VALUES (?, 't', 't', ?, ?, ?, 'u1', ?, '', '', ?, ?, 0, ?, ?, ?, ?, ?, "
                "'customer', '', 'CNY')",
                (
                    aid,
                    max(clk.values()),
                    json.dumps(clk),
                    gone,
                    name,
                    revenue,
                    revenue,  # contract value
                    orders,
                    company,
                    tier,
                    scheme,
                    reason,
                ),
            )
        # fish: price (average order value) from 100,000 up to 600,000: 明珠 (500,000) is low.
        raw.execute(
            f"INSERT INTO tier_thresholds ({cols}, owner_id, scheme, tier, measure, value) "
            "VALUES ('t1', 't', 't', ?, '{}', 0, 'u1', 'fish', '', 'avg_order_value', 600000)",
            (OLD,),
        )
        # An edit of 明珠's tier not pushed yet, and one of 燕山's scheme.
        raw.execute(
            "INSERT INTO outbox (tbl, row_id, owner_id, field, value, tag, base_tag) VALUES "
            "('accounts', 'a1', 'u1', 'tier', '\"B\"', ?, ?), "
            "('accounts', 'a2', 'u1', 'tier_scheme', '\"strategic\"', ?, ?)",
            (NEW, OLD, NEW, OLD),
        )
    raw.close()


def test_each_slot_moves_into_its_scheme_and_the_rest_is_computed(tmp_path):
    from tests.conftest import pinned_clock

    path = tmp_path / "old.db"
    old_database(path)
    notes: list = []
    db = dbmod.open_database(path, clock=pinned_clock(), on_notes=notes.extend)
    assert db.schema_version() == schema_head()
    columns = (
        "tier_revenue, tier_revenue_reason, tier_fish, tier_strategic, tier_strategic_reason, "
        "tier_size"
    )
    with db.reading() as conn:
        got = {
            r[0]: r[1:] for r in conn.execute(f"SELECT name, {columns} FROM accounts ORDER BY name")
        }
        table = {r[1] for r in conn.execute("PRAGMA table_info(accounts)")}
        clk = json.loads(conn.execute("SELECT clk FROM accounts WHERE id = 'a1'").fetchone()[0])
        queued = conn.execute(
            "SELECT row_id, field, value, tag FROM outbox WHERE tbl = 'accounts' ORDER BY seq"
        ).fetchall()
    db.close()
    assert got == {
        # Held B by hand in revenue; fish by the team's raised price line (low price, low
        # volume: minnow); size: 5亿 customer revenue is "large".
        "明珠": ("B", "潜力大", "minnow", None, "", "large"),
        # A strategic partner keeps it; revenue, fish and size come from its figures.
        "燕山": ("A", "", "shark", "partner", "", "super_large"),
        "长江": ("D", "", "minnow", None, "", None),
        "东风": ("C", "", "minnow", None, "", None),  # deleted rows are kept too
    }
    assert not {"tier", "tier_scheme", "tier_override_reason"} & table
    # The moved value keeps its clock; the old fields' clocks are gone.
    assert clk["tier_revenue"] == NEW and "tier" not in clk
    fields = [(row_id, field) for row_id, field, _, _ in queued]
    assert fields[0] == ("a1", "tier_revenue")  # the pending edit, renamed
    assert ("a2", "tier_scheme") not in fields
    assert ("a2", "tier_strategic") in fields and ("a3", "tier_fish") in fields
    assert ("db.upgrade.tiers_per_scheme", {"moved": 3, "computed": 7}) in notes


def test_katerm_db_upgrade_says_what_it_did(cli):
    path = resolve_paths().db_file
    path.parent.mkdir(parents=True, exist_ok=True)
    old_database(path)
    result = cli("db", "upgrade")
    assert result.code == 0
    assert "moved 3 account tiers into their scheme and computed 7 tiers" in result.out
    assert cli("db", "check").code == 0
