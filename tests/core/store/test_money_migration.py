"""Revision 0018: the team's exchange rates (a new table). A database as today's main leaves
it (revision 0016) upgrades in place, keeps every row and converts nothing until a rate is
set; amounts in other currencies are then listed as not converted."""

from __future__ import annotations

import sqlite3

from katerm.core import money
from katerm.core.store import db as dbmod
from katerm.core.store.db import Database, schema_head, upgrade


def test_a_0016_database_upgrades_keeping_every_row(tmp_path):
    path = tmp_path / "katerm.db"
    dbmod.connect(path, create=True).close()
    old = Database(path)
    upgrade(old, to="0016")
    old.close()
    raw = sqlite3.connect(path)
    cols = "id, created_at, updated_at, hlc, clk, deleted"
    with raw:
        raw.execute(
            f"INSERT INTO users ({cols}, owner_id, login, name, email) "
            "VALUES ('u1', 't', 't', '', '{}', 0, 'u1', 'li', '李雷', '')"
        )
        for aid, currency, revenue in (("a1", "CNY", 2e6), ("a2", "USD", 1e5)):
            raw.execute(
                f"INSERT INTO accounts ({cols}, owner_id, name, industry, region, "
                "annual_revenue, contract_value, potential_revenue, annual_orders, "
                "company_revenue, lifecycle, notes, currency) "
                "VALUES (?, 't', 't', '', '{}', 0, 'u1', ?, '', '', ?, 0, 0, 0, 0, 'customer', "
                "'', ?)",
                (aid, aid, revenue, currency),
            )
    before = raw.execute("SELECT * FROM accounts ORDER BY id").fetchall()
    raw.close()
    db = Database(path)
    upgrade(db)
    with db.reading() as conn:
        assert conn.execute("SELECT * FROM accounts ORDER BY id").fetchall() == before
        assert conn.execute("SELECT count(*) FROM currency_rates").fetchone() == (0,)
        rates = money.load_rates(conn)
        sums = dict(conn.execute("SELECT currency, total(annual_revenue) FROM accounts GROUP BY 1"))
    assert rates == money.Rates("CNY", {})
    total = rates.total(sums)
    assert (total.amount, total.not_converted) == (2e6, (money.Amount("USD", 1e5),))
    with db.reading() as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (
            schema_head(),
        )
    db.close()
