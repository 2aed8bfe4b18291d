"""Revision 0025: the pipeline's figures by stage read from one covering index (issue 19).

A database as today's main leaves it (revision 0024) upgrades in place: every opportunity
kept, the figures by stage the same as before the upgrade, the index in place.
"""

from __future__ import annotations

from katerm.core.clock import Clock
from katerm.core.pipeline import pipeline_figures
from katerm.core.store import db as dbmod
from katerm.core.store.db import open_database, schema_head
from tests.core.store.old_db import COLS, li_lei_at

ORDERS = (  # id, stage, outcome, amount, currency, opened, closed, deleted
    ("o1", "cash", "won", 300_000, "CNY", "2026-09-01", "2026-11-10", 0),
    ("o2", "opportunity", "lost", 100_000, "CNY", "2026-10-01", "2026-11-12", 0),
    ("o3", "opportunity", "open", 500_000, "CNY", "2026-10-05", None, 0),
    ("o4", "lead", "open", 20_000, "USD", "2026-11-01", None, 0),
    ("o5", "contract", "open", 900_000, "CNY", "2026-11-02", None, 1),  # deleted
)


def old_database(path) -> None:
    """A 0024 database: 李雷 with one account and five orders in several stages."""
    raw = li_lei_at(path, "0024")
    with raw:
        for oid, stage, outcome, amount, currency, opened, closed, deleted in ORDERS:
            raw.execute(
                f"INSERT INTO opportunities ({COLS}, owner_id, account_id, name, stage, outcome, "
                "amount, currency, probability, competitors, has_budget, opened_on, closed_on, "
                "lead_checks, lead_decision, notes) VALUES (?, 't', 't', '', '{}', ?, 'u1', "
                "'a1', ?, ?, ?, ?, ?, 40, '', 0, ?, ?, '', '', '')",
                (oid, deleted, oid, stage, outcome, amount, currency, opened, closed),
            )
    raw.close()


def figures(path):
    conn = dbmod.connect(path)
    try:
        found = pipeline_figures(conn, ["u1"])
        indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        count = conn.execute("SELECT count(*) FROM opportunities").fetchone()[0]
    finally:
        conn.close()
    return found, indexes, count


def test_a_0024_database_upgrades_keeping_its_orders_and_its_pipeline_figures(tmp_path):
    path = tmp_path / "old.db"
    old_database(path)
    before, old_indexes, _ = figures(path)
    assert "ix_opportunities_figures" not in old_indexes
    db = open_database(path, clock=Clock.system())
    assert db.schema_version() == schema_head()
    db.close()
    after, indexes, count = figures(path)
    assert count == len(ORDERS)
    assert "ix_opportunities_figures" in indexes
    assert after == before
    # Lost orders leave the stages, the deleted one counts nowhere, USD waits for a rate.
    assert [(s.stage, s.count) for s in after.stages] == [
        ("lead", 1),
        ("opportunity", 1),
        ("contract", 0),
        ("delivery", 0),
        ("cash", 1),
    ]
    assert (after.won, after.lost, after.win_rate, after.cycle_days) == (1, 1, 0.5, 70.0)
    assert after.open_total.amount == 500_000
