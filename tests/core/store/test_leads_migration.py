"""Revision 0024: leads' source, referral, nurturer and status (issue 21 part 6).

A database as today's main leaves it (0016) upgrades in place: every opportunity is kept and
the lead review already recorded gives each lead its status and days.
"""

from __future__ import annotations

import json
import sqlite3

from katerm.core.store import db as dbmod
from katerm.core.store.db import Database, schema_head, upgrade

TAG = "0000000001000-00000-dev"


def test_an_0016_database_keeps_its_opportunities_and_its_leads_get_a_status(tmp_path):
    from tests.conftest import pinned_clock

    path = tmp_path / "old.db"
    dbmod.connect(path, create=True).close()
    old = Database(path)
    upgrade(old, to="0016")
    old.close()
    raw = sqlite3.connect(path)
    cols = "id, created_at, updated_at, hlc, clk, deleted, owner_id"
    stamp = ("t", "t", TAG, json.dumps({"*": TAG}), 0, "u1")
    with raw:
        raw.execute(
            f"INSERT INTO users ({cols}, login, name, email) VALUES (?, ?, ?, ?, ?, ?, ?, "
            "'li', '李雷', '')",
            ("u1", *stamp),
        )
        raw.execute(
            f"INSERT INTO accounts ({cols}, name, industry, region, annual_revenue, "
            "contract_value, potential_revenue, annual_orders, company_revenue, lifecycle, "
            "notes, currency) VALUES (?, ?, ?, ?, ?, ?, ?, '明珠', '', '', 0, 0, 0, 0, 0, "
            "'customer', '', 'CNY')",
            ("a1", *stamp),
        )
        opps = (  # id, stage, decision, decided on
            ("o1", "lead", "", None),
            ("o2", "lead", "nurture", "2026-11-02"),
            ("o3", "opportunity", "convert", "2026-11-03"),
            ("o4", "lead", "close", "2026-11-04"),
            ("o5", "contract", "", None),  # entered past the lead stage: never a lead
        )
        for oid, stage, decision, decided in opps:
            raw.execute(
                f"INSERT INTO opportunities ({cols}, account_id, name, stage, outcome, amount, "
                "currency, probability, competitors, has_budget, opened_on, lead_checks, "
                "lead_decision, decided_on, notes, loss_reason, winner) VALUES (?, ?, ?, ?, ?, "
                "?, ?, 'a1', ?, ?, 'open', 0, 'CNY', 10, '', 0, '2026-11-01', '', ?, ?, '', '', "
                "'')",
                (oid, *stamp, oid, stage, decision, decided),
            )
    raw.close()
    db = dbmod.open_database(path, clock=pinned_clock())
    assert db.schema_version() == schema_head()
    with db.reading() as conn:
        got = conn.execute(
            "SELECT id, lead_status, reviewed_on, converted_on, dropped_on, lead_source, "
            "nurturer_id FROM opportunities ORDER BY id"
        ).fetchall()
    db.close()
    assert got == [
        ("o1", "new", None, None, None, "", None),
        ("o2", "reviewed", "2026-11-02", None, None, "", None),
        ("o3", "converted", "2026-11-03", "2026-11-03", None, "", None),
        ("o4", "dropped", "2026-11-04", None, "2026-11-04", "", None),
        ("o5", "", None, None, None, "", None),
    ]
