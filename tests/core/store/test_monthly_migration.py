"""Revision 0022: the monthly review's indexes and the revenue targets per tier (issues 19, 20).

A database as today's main leaves it (revision 0016) upgrades in place: every row kept, the
orders and visits it held counted by the monthly review as before, the new indexes in place
and the revenue targets' table empty.
"""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from katerm.core.cadence import Month, monthly_review
from katerm.core.clock import Clock
from katerm.core.pipeline import DEFAULT_RULES
from katerm.core.store.db import open_database, schema_head
from tests.core.store.old_db import COLS, li_lei_at


def old_database(path) -> None:
    """A 0016 database: 李雷 with one account, a won order, a lost one, a locked open one and
    two visits in November 2026."""
    raw = li_lei_at(path, "0016")
    with raw:
        orders = (
            ("o1", "won", 300_000, "2026-09-01", None, "2026-11-10"),
            ("o2", "lost", 100_000, "2026-10-01", None, "2026-11-12"),
            ("o3", "open", 500_000, "2026-10-05", "2026-11-03", None),
        )
        for oid, outcome, amount, opened, locked, closed in orders:
            raw.execute(
                f"INSERT INTO opportunities ({COLS}, owner_id, account_id, name, stage, outcome, "
                "amount, currency, probability, competitors, has_budget, opened_on, locked_on, "
                "closed_on, lead_checks, lead_decision, notes) VALUES (?, 't', 't', '', '{}', 0, "
                "'u1', 'a1', ?, 'opportunity', ?, ?, 'CNY', 50, '', 0, ?, ?, ?, '', '', '')",
                (oid, oid, outcome, amount, opened, locked, closed),
            )
        for aid, moment in (("v1", "2026-11-05T02:00:00.000000+00:00"), ("v2", "2026-11-20")):
            raw.execute(
                f"INSERT INTO activities ({COLS}, owner_id, account_id, kind, scenario, "
                "occurred_at, contact_ids, note, next_step) VALUES (?, 't', 't', '', '{}', 0, "
                "'u1', 'a1', 'visit', '', ?, '[]', '', '')",
                (aid, moment if "T" in moment else moment + "T03:00:00.000000+00:00"),
            )
    raw.close()


def test_a_0016_database_upgrades_keeping_its_rows_and_its_monthly_figures(tmp_path):
    path = tmp_path / "old.db"
    old_database(path)
    db = open_database(path, clock=Clock.system())
    assert db.schema_version() == schema_head()
    with db.reading() as conn:
        counts = [
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("users", "accounts", "opportunities", "activities", "tier_revenue_targets")
        ]
        indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        review = monthly_review(
            conn,
            "u1",
            Month(2026, 11),
            tz=ZoneInfo("Asia/Shanghai"),
            today=date(2026, 11, 27),
            rules=DEFAULT_RULES,
        )
    db.close()
    assert counts == [1, 1, 3, 2, 0]
    assert {"ix_opportunities_closed_on", "ix_opportunities_locked_on"} <= indexes
    assert "ix_activities_owner_time" in indexes
    figures = review.total
    assert (figures.won, figures.won_amount, figures.lost) == (1, 300_000, 1)
    assert (figures.locked, figures.following + figures.stuck, figures.visits) == (1, 1, 2)
    assert review.trend is not None and review.trend.won[-1] == 1
