"""Revision 0027: an order's five mostly-empty links, and its close day, indexed only where
they are set (issue 22).

A database as today's main leaves it (0026) upgrades in place: every order kept, each of those
indexes partial, and a look-up by a link (the renewals, a nurturer, SQLite's foreign-key check
when a member is merged away) or by close days finds the same orders through its index.
"""

from __future__ import annotations

import sqlite3

from katerm.core.clock import Clock
from katerm.core.store.db import open_database, schema_head
from tests.core.store.old_db import COLS, li_lei_at

LINKS = ("contact_id", "renewal_of", "referred_account_id", "referred_contact_id", "nurturer_id")
ORDERS = (  # id, renewal_of, referred_account_id, nurturer_id, closed_on
    ("o1", None, None, None, "2026-10-20"),  # won in October
    ("o2", "o1", None, None, None),  # renews o1
    ("o3", None, "a1", "u2", None),  # a lead referred by 上海明珠, nurtured by 韩梅梅
    ("o4", None, None, None, "2026-11-10"),  # won in November
)


def old_database(path) -> None:
    raw = li_lei_at(path, "0026")
    with raw:
        raw.execute(
            f"INSERT INTO users ({COLS}, owner_id, login, name, email) "
            "VALUES ('u2', 't', 't', '', '{}', 0, 'u1', 'han', '韩梅梅', '')"
        )
        for oid, renewal, referred, nurturer, closed in ORDERS:
            raw.execute(
                f"INSERT INTO opportunities ({COLS}, owner_id, account_id, name, stage, outcome, "
                "amount, currency, probability, competitors, has_budget, opened_on, lead_checks, "
                "lead_decision, notes, renewal_of, referred_account_id, nurturer_id, closed_on) "
                "VALUES (?, 't', 't', '', '{}', 0, 'u1', 'a1', ?, 'lead', ?, 1000, 'CNY', 10, "
                "'', 0, '2026-10-02', '', '', '', ?, ?, ?, ?)",
                (oid, oid, "won" if closed else "open", renewal, referred, nurturer, closed),
            )
    raw.close()


def looked_up(conn: sqlite3.Connection) -> dict[str, tuple[list[str], str]]:
    """For each link: the orders a look-up by a value finds, and the plan SQLite reads it by."""
    value = {"renewal_of": "o1", "referred_account_id": "a1", "nurturer_id": "u2"}
    out = {}
    for column in LINKS:
        sql = f"SELECT id FROM opportunities WHERE {column} = ? ORDER BY id"
        args = (value.get(column, "c1"),)
        plan = " ".join(r[-1] for r in conn.execute(f"EXPLAIN QUERY PLAN {sql}", args))
        out[column] = ([r[0] for r in conn.execute(sql, args)], plan)
    return out


def test_a_0026_database_upgrades_keeping_its_orders_with_partial_indexes(tmp_path):
    path = tmp_path / "old.db"
    old_database(path)
    db = open_database(path, clock=Clock.system())
    assert db.schema_version() == schema_head()
    db.close()
    conn = sqlite3.connect(path)
    try:
        count = conn.execute("SELECT count(*) FROM opportunities").fetchone()[0]
        sql = dict(
            conn.execute("SELECT name, sql FROM sqlite_master WHERE tbl_name = 'opportunities'")
        )
        found = looked_up(conn)
        # A month's closed orders (the monthly review, katerm.core.cadence.events).
        month = "SELECT id FROM opportunities WHERE closed_on >= ? AND closed_on < ?"
        november = ("2026-11-01", "2026-12-01")
        closed = [r[0] for r in conn.execute(month, november)]
        closed_plan = " ".join(r[-1] for r in conn.execute(f"EXPLAIN QUERY PLAN {month}", november))
        renewals = conn.execute(
            # The monthly review's renewals (katerm.core.cadence.events), by the renewals' index.
            "EXPLAIN QUERY PLAN SELECT count(*) FROM opportunities o "
            "WHERE o.renewal_of IS NOT NULL AND o.renewal_of >= ''"
        ).fetchall()
        conn.execute("PRAGMA foreign_keys = ON")
        # The foreign-key check reads the partial index too: 韩梅梅 nurtures a lead (and
        # owns nothing), so she cannot be removed.
        try:
            conn.execute("DELETE FROM users WHERE id = 'u2'")
            conn.commit()
            refused = False
        except sqlite3.IntegrityError:
            refused = True
    finally:
        conn.close()
    assert count == len(ORDERS)
    for column in LINKS:
        assert sql[f"ix_opportunities_{column}"].endswith(f"WHERE {column} IS NOT NULL")
        assert f"USING INDEX ix_opportunities_{column}" in found[column][1]
    assert found["renewal_of"][0] == ["o2"]
    assert found["referred_account_id"][0] == ["o3"]
    assert found["nurturer_id"][0] == ["o3"]
    assert "ix_opportunities_renewal_of" in " ".join(r[-1] for r in renewals)
    assert sql["ix_opportunities_closed_on"].endswith("WHERE closed_on IS NOT NULL")
    assert closed == ["o4"]
    assert "INDEX ix_opportunities_closed_on (closed_on>? AND closed_on<?)" in closed_plan
    assert refused
