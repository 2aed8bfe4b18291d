"""Revision 0019 (issue 17, part 7): yearly revenue and satisfaction per account, and team
members' grades. A database made by today's main (revision 0016) upgrades in place and keeps
every row of every table."""

from __future__ import annotations

import sqlite3

from katerm.core.store import db as dbmod
from katerm.core.store.db import Database, schema_head, upgrade


def every_row(path) -> dict[str, list[tuple]]:
    raw = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in raw.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'"
            )
        ]
        return {t: sorted(map(repr, raw.execute(f"SELECT * FROM {t}"))) for t in tables}
    finally:
        raw.close()


def test_a_database_of_main_upgrades_keeping_every_row(tmp_path):
    from tests.conftest import pinned_clock

    # A database at 0016 with a few rows of its own (users, accounts, the tier history).
    path = tmp_path / "old.db"
    dbmod.connect(path, create=True).close()
    old = Database(path)
    upgrade(old, to="0016")
    old.close()
    raw = sqlite3.connect(path)
    with raw:
        cols = "id, created_at, updated_at, hlc, clk, deleted"
        raw.execute(
            f"INSERT INTO users ({cols}, owner_id, login, name, email) "
            "VALUES ('u1', 't', 't', 'h', '{}', 0, 'u1', 'li', '李雷', '')"
        )
        raw.execute(
            f"INSERT INTO accounts ({cols}, owner_id, name, industry, region, annual_revenue, "
            "contract_value, potential_revenue, annual_orders, company_revenue, tier_revenue, "
            "tier_fish, tier_strategic, tier_size, tier_revenue_reason, tier_fish_reason, "
            "tier_strategic_reason, tier_size_reason, lifecycle, notes, currency, phone, "
            "website, address) VALUES ('a1', 't', 't', 'h', '{}', 0, 'u1', '明珠', '', '', "
            "4e6, 0, 0, 4, 0, 'B', 'dolphin', NULL, NULL, '', '', '', '', 'customer', '', "
            "'CNY', '', '', '')"
        )
    raw.close()
    before = every_row(path)
    assert before["accounts"] and before["users"]
    db = dbmod.open_database(path, clock=pinned_clock())
    assert db.schema_version() == schema_head()
    db.close()
    after = every_row(path)
    assert {t: rows for t, rows in after.items() if t in before} == before
    assert after["account_revenues"] == [] and after["member_grades"] == []
