"""Revision 0026: the monthly review's covering indexes at 100,000 accounts (issue 20).

A database as today's main leaves it (0025) upgrades in place: every row kept, the closed
orders' index holding the currency and the conversions' index in place, and the month's
figures (won amounts, new key accounts) as before.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from zoneinfo import ZoneInfo

from katerm.core.cadence import Month, monthly_review
from katerm.core.clock import Clock
from katerm.core.pipeline import DEFAULT_RULES
from katerm.core.store.db import Database, open_database, schema_head, upgrade
from tests.core.store.old_db import COLS
from tests.core.store.test_monthly_migration import old_database


def test_a_0025_database_upgrades_keeping_its_rows_and_its_monthly_figures(tmp_path):
    path = tmp_path / "old.db"
    old_database(path)  # 0016: 李雷, one account, won, lost and locked orders, two visits
    old = Database(path)
    upgrade(old, to="0025")
    old.close()
    raw = sqlite3.connect(path)
    with raw:  # a lead converted in November on a new account: a new key account
        raw.execute(
            f"INSERT INTO accounts ({COLS}, owner_id, name, industry, region, annual_revenue, "
            "contract_value, potential_revenue, lifecycle, notes, currency) VALUES ('a2', 't', "
            "'t', '', '{}', 0, 'u1', '北方重工', '', '', 0, 0, 0, 'prospect', '', 'CNY')"
        )
        raw.execute(
            f"INSERT INTO opportunities ({COLS}, owner_id, account_id, name, stage, outcome, "
            "amount, currency, probability, competitors, has_budget, opened_on, lead_checks, "
            "lead_decision, notes, lead_status, converted_on) VALUES ('o4', 't', 't', '', "
            "'{}', 0, 'u1', 'a2', 'o4', 'opportunity', 'open', 0, 'CNY', 10, '', 0, "
            "'2026-11-01', '', 'convert', '', 'converted', '2026-11-08')"
        )
    raw.close()
    db = open_database(path, clock=Clock.system())
    assert db.schema_version() == schema_head()
    with db.reading() as conn:
        counts = [
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("users", "accounts", "opportunities", "activities")
        ]
        columns = {
            name: [r[2] for r in conn.execute(f"PRAGMA index_info({name})")]
            for name in ("ix_opportunities_closed_on", "ix_opportunities_converted_on")
        }
        review = monthly_review(
            conn,
            "u1",
            Month(2026, 11),
            tz=ZoneInfo("Asia/Shanghai"),
            today=date(2026, 11, 27),
            rules=DEFAULT_RULES,
        )
    db.close()
    assert counts == [1, 2, 4, 2]
    assert columns["ix_opportunities_closed_on"][-1] == "currency"
    assert columns["ix_opportunities_converted_on"][0] == "converted_on"
    figures = review.total
    assert (figures.won, figures.won_amount, figures.lost, figures.visits) == (1, 300_000, 1, 2)
    assert review.new_accounts == {"u1": 1}
